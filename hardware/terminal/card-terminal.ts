// The kiosk's card terminal client (the kiosk is the ECR in ZVT terms).
// One exchange at a time. It keeps no memory of payments: idempotency lives in one place, the
// host's fsynced journal, which calls authorize() once per payment key and resolve() for a key
// whose outcome is in doubt (repeat receipt) – never a second authorisation.
//
// Registration is kept up by this client: before the first payment, again after the line or the
// terminal was gone (a terminal switched off forgets it), and when a payment is refused
// "not registered" (06 1E 6B) – then, nothing having been charged, the payment is asked again once.
import type { TerminalReference } from '../../common/contract/devices';
import { silentLogger, type Logger } from '../log';
import { SerialLine, type SerialLineConfig } from '../serial/serial-line';
import { ZvtLink, ZvtLinkError } from './zvt/link';
import { ZvtFormatError, type Apdu } from './zvt/apdu';
import {
  Command,
  decodeIntermediateStatus,
  decodePrintLine,
  decodeStatusInformation,
  describeResultCode,
  encode,
  ERROR_NOT_POSSIBLE,
  is,
  kioskConfigByte,
  RESULT_NOT_REGISTERED,
  type TerminalPrompt,
  type TransactionDetails,
} from './zvt/messages';
import { matchLastTransaction, referenceOf, terminalReferenceOf, type PaymentRequest, type PaymentResult, type PendingPayment, type ResolveResult } from './payment-types';

export type { TerminalPrompt, TransactionDetails, DeclineReason } from './zvt/messages';
export * from './payment-types';

export interface CardTerminalOptions {
  /** Terminal password (6 digits) from the store config. */
  password: string;
  /** ISO 4217 code, e.g. "EUR". */
  currency: string;
  /** Deadline for the result of an authorisation (the specification's T4, about 180 s). */
  resultTimeoutMs?: number;
  /**
   * How long the terminal may stay quiet during a payment before the kiosk checks with it (06 B0):
   * a terminal with nothing running answers 84 83 00 – its answer was lost – and the payment is
   * asked for at once. The simulator, like terminals that keep the ECR informed, repeats its prompt
   * while the customer takes their time, so a quiet terminal is one that has finished or is stuck.
   */
  silenceTimeoutMs?: number;
  /** Deadline for an acknowledgement (about 5 s). */
  ackTimeoutMs?: number;
  /** How long resolve() keeps asking a busy or unreachable terminal. */
  resolveTimeoutMs?: number;
  /** Terminal clock vs kiosk clock: how far apart they may be when matching a repeated receipt. */
  clockToleranceMs?: number;
  /** Events (registration, quiet terminal, frames at trace level); silent when not given. */
  log?: Logger;
}

/** The default quiet time before the kiosk checks: with the check itself the customer knows within 20 s. */
export const DEFAULT_SILENCE_TIMEOUT_MS = 15_000;

/** How an authorisation ended, before the request's own fields are added. */
type TransactionEnd = Pick<PaymentResult, 'outcome' | 'reason' | 'message' | 'terminal' | 'terminalIdle'>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class CardTerminal {
  private readonly link: ZvtLink;
  private busy: Promise<unknown> = Promise.resolve();
  private inFlight: { paymentKey: string } | undefined;
  /** Whether the terminal holds this kiosk's registration (as far as the kiosk can tell). */
  private registered = false;
  private readonly resultTimeoutMs: number;
  private readonly silenceTimeoutMs: number;
  private readonly ackTimeoutMs: number;
  private readonly log: Logger;

  constructor(
    readonly line: SerialLine,
    private readonly options: CardTerminalOptions,
  ) {
    this.resultTimeoutMs = options.resultTimeoutMs ?? 180_000;
    this.silenceTimeoutMs = options.silenceTimeoutMs ?? DEFAULT_SILENCE_TIMEOUT_MS;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    this.log = options.log ?? silentLogger;
    this.link = new ZvtLink(line, { ackTimeoutMs: this.ackTimeoutMs, log: this.log });
    // A line that went away may come back to a terminal that was switched off meanwhile.
    line.on('state', (state) => {
      if (state !== 'open') this.registered = false;
    });
  }

  /** Opens the configured port (errors name the port and what to check). */
  static async open(port: SerialLineConfig, options: CardTerminalOptions): Promise<CardTerminal> {
    const line = await SerialLine.open({ ...port, device: 'card terminal' });
    return new CardTerminal(line, options);
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.busy.then(task, task);
    this.busy = run.catch(() => undefined);
    return run;
  }

  /** Sends a command and waits for the terminal's 80 00 00 (or 84 xx). */
  private async command(apdu: Buffer): Promise<{ accepted: true } | { accepted: false; errorCode: number }> {
    this.link.clearInbox();
    try {
      await this.link.send(apdu);
    } catch (error) {
      // Not acknowledged three times: the terminal is off or gone, and will want a registration when back.
      if (error instanceof ZvtLinkError) this.registered = false;
      throw error;
    }
    for (;;) {
      const answer = await this.link.receiveApdu(this.ackTimeoutMs);
      if (is(answer, Command.positiveAck)) return { accepted: true };
      if (is(answer, Command.negativeAck)) return { accepted: false, errorCode: answer.ins };
      // Anything else is a leftover of an earlier exchange (e.g. before a restart): confirm it so the
      // terminal can finish that exchange and take our command.
      await this.ack();
    }
  }

  private ack(): Promise<void> {
    return this.link.send(encode.positiveAck());
  }

  /** Registration 06 00: tells the terminal the kiosk prints receipts and wants intermediate status. */
  register(): Promise<void> {
    return this.exclusive(() => this.registerNow());
  }

  private async registerNow(): Promise<void> {
    await this.line.waitUntilOpen(this.ackTimeoutMs);
    const answer = await this.command(encode.registration(this.options.password, kioskConfigByte, this.options.currency));
    if (!answer.accepted) throw new Error(`${this.line.path}: the card terminal refused registration (code 0x${answer.errorCode.toString(16)}) – check the terminal password in the store config`);
    const end = await this.finishAdministration();
    if (end.abortCode !== undefined) throw new Error(`${this.line.path}: the card terminal refused registration (${describeResultCode(end.abortCode).text})`);
    this.registered = true;
    this.log.info({ event: 'terminal_registered', port: this.line.path }, 'card terminal registered');
  }

  /** Registers when the terminal does not hold the registration; undefined when it does now, else why not. */
  private async ensureRegistered(): Promise<string | undefined> {
    if (this.registered) return undefined;
    try {
      await this.registerNow();
      return undefined;
    } catch (error) {
      this.log.warn({ event: 'terminal_registration_failed', port: this.line.path, error: (error as Error).message }, 'card terminal registration failed');
      return (error as Error).message;
    }
  }

  /** Reads the rest of an administrative command up to Completion / Abort, acknowledging each message. */
  private async finishAdministration(): Promise<{ completion?: Apdu; abortCode?: number; statusInformation?: TransactionDetails }> {
    let statusInformation: TransactionDetails | undefined;
    for (;;) {
      const message = await this.link.receiveApdu(this.resultTimeoutMs);
      if (is(message, Command.positiveAck)) continue;
      await this.ack();
      if (is(message, Command.statusInformation)) statusInformation = decodeStatusInformation(message.data);
      else if (is(message, Command.completion)) return { completion: message, statusInformation };
      else if (is(message, Command.abort)) return { abortCode: message.data[0] ?? 0xff, statusInformation };
    }
  }

  /**
   * Status enquiry 05 01 (registering first when needed, so a terminal switched on after the kiosk
   * is registered by the next status check): ok when it answers ready; busy when it refuses.
   */
  checkReady(): Promise<{ ready: boolean; state: 'ok' | 'busy' | 'down'; message: string }> {
    return this.exclusive(async () => {
      try {
        await this.line.waitUntilOpen(this.ackTimeoutMs);
        const notRegistered = await this.ensureRegistered();
        if (notRegistered) return { ready: false, state: 'down', message: notRegistered };
        const answer = await this.command(encode.statusEnquiry(this.options.password));
        if (!answer.accepted) return { ready: false, state: 'busy', message: `the card terminal is busy (code 0x${answer.errorCode.toString(16)})` };
        const end = await this.finishAdministration();
        if (end.abortCode !== undefined) return { ready: false, state: 'down', message: describeResultCode(end.abortCode).text };
        return { ready: true, state: 'ok', message: 'ready' };
      } catch (error) {
        return { ready: false, state: 'down', message: (error as Error).message };
      }
    });
  }

  /**
   * Authorisation 06 01: sends one payment to the terminal. The caller (the host, with its journal)
   * makes sure a payment key is authorised once. Refused "not registered" (06 1E 6B, nothing charged):
   * registers and asks once more.
   */
  authorize(request: PaymentRequest): Promise<PaymentResult> {
    return this.exclusive(async () => {
      const startedAt = new Date().toISOString();
      const base = { paymentKey: request.paymentKey, amountMinor: request.amountMinor, startedAt };
      try {
        await this.line.waitUntilOpen(this.ackTimeoutMs);
      } catch (error) {
        return { ...base, outcome: 'aborted', reason: 'terminal_not_responding', message: (error as Error).message };
      }
      const notRegistered = await this.ensureRegistered();
      if (notRegistered) return { ...base, outcome: 'aborted', reason: 'terminal_not_responding', message: notRegistered };
      const first = await this.runAuthorisation(request, base);
      if (first.terminal?.resultCode !== RESULT_NOT_REGISTERED || first.outcome !== 'aborted') return first;
      // The terminal lost the registration (switched off and on): nothing was charged, so register and ask again.
      this.registered = false;
      this.log.warn({ event: 'terminal_not_registered', port: this.line.path, paymentKey: request.paymentKey }, 'card terminal not registered: registering and asking again');
      const again = await this.ensureRegistered();
      if (again) return { ...first, message: `the card terminal is not registered and refused registration: ${again}` };
      return this.runAuthorisation(request, { ...base, startedAt: new Date().toISOString() });
    });
  }

  private async runAuthorisation(request: PaymentRequest, base: { paymentKey: string; amountMinor: number; startedAt: string }): Promise<PaymentResult> {
    const apdu = encode.authorisation(request.amountMinor, this.options.currency);
    this.inFlight = { paymentKey: request.paymentKey };
    try {
      let answer;
      try {
        answer = await this.command(apdu);
      } catch (error) {
        if (error instanceof ZvtLinkError && (error.kind === 'no_ack' || error.kind === 'nak')) {
          // A frame the terminal never acknowledged is not executed: nothing can have been charged.
          return { ...base, outcome: 'aborted', reason: 'terminal_not_responding', message: error.message };
        }
        const noResult = error instanceof ZvtLinkError && error.kind === 'timeout';
        // The terminal took the frame but did not confirm the command: it may be running it.
        return { ...base, outcome: 'unknown', reason: noResult ? 'no_result' : 'link_lost', message: (error as Error).message };
      }
      if (!answer.accepted) {
        return { ...base, outcome: 'aborted', reason: 'terminal_busy', message: `the card terminal refused the payment (code 0x${answer.errorCode.toString(16)}) – it is busy` };
      }
      return await this.awaitResult(base, request);
    } finally {
      this.inFlight = undefined;
    }
  }

  /**
   * Reads the transaction to its end. When the terminal stays quiet for `silenceTimeoutMs` (or the
   * result deadline passes), the kiosk sends an abort (06 B0): a running transaction confirms and
   * ends aborted (06 1E 6C) or with its result; a terminal with nothing running answers 84 83 00,
   * so the answer was lost and the payment is checked with the terminal at once.
   */
  private async awaitResult(base: { paymentKey: string; amountMinor: number; startedAt: string }, request: PaymentRequest): Promise<PaymentResult> {
    let deadline = Date.now() + this.resultTimeoutMs;
    const receipt: string[] = [];
    let details: TransactionDetails | undefined;
    let quietUntil = Date.now() + this.silenceTimeoutMs;
    let checking = false;
    const finish = (end: TransactionEnd): PaymentResult => ({ ...base, ...end, ...(receipt.length > 0 ? { receipt } : {}) });
    for (;;) {
      let message: Apdu;
      try {
        message = await this.link.receiveApdu(Math.max(0, Math.min(deadline, quietUntil) - Date.now()));
      } catch (error) {
        if (!(error instanceof ZvtLinkError && error.kind === 'timeout')) return finish({ outcome: 'unknown', reason: 'link_lost', message: (error as Error).message, terminal: referenceOf(details) });
        if (checking) {
          return finish({ outcome: 'unknown', reason: 'no_result', message: 'no result from the card terminal, and no answer to the abort – the payment must be checked with the terminal', terminal: referenceOf(details) });
        }
        checking = true;
        request.onChecking?.();
        this.log.warn({ event: 'terminal_quiet', port: this.line.path, paymentKey: base.paymentKey, quietMs: this.silenceTimeoutMs }, 'card terminal quiet during a payment: checking with it');
        try {
          await this.link.send(encode.ecrAbort());
        } catch (sendError) {
          return finish({ outcome: 'unknown', reason: 'no_result', message: (sendError as Error).message, terminal: referenceOf(details) });
        }
        // A short while for its answer, past the result deadline if that is what ran out.
        quietUntil = Date.now() + this.ackTimeoutMs * 2;
        deadline = Math.max(deadline, quietUntil);
        continue;
      }
      quietUntil = Date.now() + (checking ? this.ackTimeoutMs * 2 : this.silenceTimeoutMs);
      if (checking) deadline = Math.max(deadline, quietUntil);
      let end: { details?: TransactionDetails; result?: TransactionEnd };
      try {
        end = await this.handleTransactionMessage(message, request.onPrompt, details, receipt);
      } catch (error) {
        // The link failed while acknowledging, or an answer could not be read: what the terminal did is unknown.
        const unreadable = error instanceof ZvtFormatError;
        return finish({
          outcome: 'unknown',
          reason: unreadable ? 'no_result' : 'link_lost',
          message: unreadable ? `${this.line.path}: the card terminal's answer could not be read (${(error as Error).message})` : (error as Error).message,
          terminal: referenceOf(details),
        });
      }
      if (end.details) details = end.details;
      if (end.result) return finish(end.result);
    }
  }

  private async handleTransactionMessage(
    message: Apdu,
    onPrompt: ((prompt: TerminalPrompt) => void) | undefined,
    details: TransactionDetails | undefined,
    receipt: string[],
  ): Promise<{ details?: TransactionDetails; result?: TransactionEnd }> {
    if (is(message, Command.negativeAck) && message.ins === ERROR_NOT_POSSIBLE) {
      // The answer to our abort: nothing is running, so the transaction ended and its answer was lost.
      return {
        result: {
          outcome: 'unknown',
          reason: 'no_result',
          terminalIdle: true,
          message: 'the card terminal has no payment running: its answer was lost – the payment is checked with the terminal now',
          terminal: referenceOf(details),
        },
      };
    }
    if (is(message, Command.positiveAck) || is(message, Command.negativeAck)) return {}; // the answer to our 06 B0
    await this.ack();
    if (is(message, Command.intermediateStatus)) {
      try {
        onPrompt?.(decodeIntermediateStatus(message.data));
      } catch {
        // a prompt we cannot read is not worth failing a payment for
      }
      return {};
    }
    if (is(message, Command.printLine)) {
      try {
        receipt.push(decodePrintLine(message.data).text);
      } catch {
        // an empty print line: nothing to print
      }
      return {};
    }
    if (is(message, Command.statusInformation)) return { details: decodeStatusInformation(message.data) };
    if (is(message, Command.completion)) {
      if (details && details.resultCode === 0) return { result: { outcome: 'approved', terminal: terminalReferenceOf(details) } };
      const code = details?.resultCode ?? 0xff;
      const text = describeResultCode(code);
      return { result: { outcome: 'declined', reason: text.reason, message: text.text, terminal: referenceOf(details, code) } };
    }
    if (is(message, Command.abort)) {
      const code = message.data[0] ?? 0xff;
      const text = describeResultCode(code);
      // Cancelled, or refused for want of a registration: not the card's decline.
      const aborted = code === 0x6c || code === RESULT_NOT_REGISTERED;
      return { result: { outcome: aborted ? 'aborted' : 'declined', reason: text.reason, message: text.text, terminal: referenceOf(details, code) } };
    }
    return {}; // text blocks (06 D3) and other messages: acknowledged, not needed
  }

  /** ECR abort 06 B0: the customer pressed cancel on the kiosk during a payment. */
  async abort(): Promise<void> {
    if (!this.inFlight) return;
    await this.link.send(encode.ecrAbort());
  }

  /**
   * Decides a payment whose outcome is unknown (lost link, timeout, kiosk restart) by asking the
   * terminal to repeat its last receipt. It never sends a new authorisation. See matchLastTransaction.
   */
  resolve(pending: PendingPayment): Promise<ResolveResult> {
    return this.exclusive(async () => {
      const deadline = Date.now() + (this.options.resolveTimeoutMs ?? 60_000);
      let lastProblem = 'the card terminal did not answer';
      while (Date.now() < deadline) {
        try {
          await this.line.waitUntilOpen(Math.max(1, Math.min(this.ackTimeoutMs, deadline - Date.now())));
          const answer = await this.command(encode.repeatReceipt(this.options.password));
          if (!answer.accepted) {
            lastProblem = `the card terminal is busy (code 0x${answer.errorCode.toString(16)})`;
            await sleep(500);
            continue;
          }
          const end = await this.finishAdministration();
          return matchLastTransaction(pending, end.statusInformation, this.options.clockToleranceMs ?? 120_000);
        } catch (error) {
          lastProblem = (error as Error).message;
          await sleep(500);
        }
      }
      return { paymentKey: pending.paymentKey, outcome: 'unknown', message: `${lastProblem} – payment unresolved, hand over to staff` };
    });
  }

  /** Reversal 06 30 of an approved payment by the terminal's receipt number (staff action). */
  reverse(receiptNumber: number): Promise<{ reversed: boolean; message: string; terminal?: TerminalReference }> {
    return this.exclusive(async () => {
      const answer = await this.command(encode.reversal(this.options.password, receiptNumber));
      if (!answer.accepted) return { reversed: false, message: `the card terminal refused the reversal (code 0x${answer.errorCode.toString(16)})` };
      const end = await this.finishAdministration();
      if (end.abortCode !== undefined) return { reversed: false, message: describeResultCode(end.abortCode).text, terminal: referenceOf(end.statusInformation, end.abortCode) };
      return { reversed: true, message: 'reversed', terminal: referenceOf(end.statusInformation) };
    });
  }

  /** Stops listening and closes the port. */
  async close(): Promise<void> {
    this.link.detach();
    await this.line.close();
  }
}
