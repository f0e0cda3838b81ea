// The kiosk's card terminal client (the kiosk is the ECR in ZVT terms).
// One exchange at a time. It keeps no memory of payments: idempotency lives in one place, the
// host's fsynced journal, which calls authorize() once per payment key and resolve() for a key
// whose outcome is in doubt (repeat receipt) – never a second authorisation.
import type { TerminalReference } from '../../common/contract/devices';
import { silentLogger, type Logger } from '../log';
import { SerialLine, type SerialLineConfig } from '../serial/serial-line';
import { ZvtLink, ZvtLinkError } from './zvt/link';
import { ZvtFormatError, type Apdu } from './zvt/apdu';
import {
  Command,
  decodeIntermediateStatus,
  decodeStatusInformation,
  describeResultCode,
  encode,
  is,
  kioskConfigByte,
  type DeclineReason,
  type TerminalPrompt,
  type TransactionDetails,
} from './zvt/messages';

export type { TerminalPrompt, TransactionDetails, DeclineReason } from './zvt/messages';

export interface CardTerminalOptions {
  /** Terminal password (6 digits) from the store config. */
  password: string;
  /** ISO 4217 code, e.g. "EUR". */
  currency: string;
  /** Deadline for the result of an authorisation (the specification's T4, about 180 s). */
  resultTimeoutMs?: number;
  /** Deadline for an acknowledgement (about 5 s). */
  ackTimeoutMs?: number;
  /** How long resolve() keeps asking a busy or unreachable terminal. */
  resolveTimeoutMs?: number;
  /** Terminal clock vs kiosk clock: how far apart they may be when matching a repeated receipt. */
  clockToleranceMs?: number;
  /** Events (registration, frames at trace level); silent when not given. */
  log?: Logger;
}

export interface PaymentRequest {
  /** The host's key of this payment attempt (its journal entry). */
  paymentKey: string;
  amountMinor: number;
  onPrompt?: (prompt: TerminalPrompt) => void;
}

export type PaymentOutcome = 'approved' | 'declined' | 'aborted' | 'unknown';

export interface PaymentResult {
  paymentKey: string;
  outcome: PaymentOutcome;
  amountMinor: number;
  /** Why it was declined, aborted or is unknown. */
  reason?: DeclineReason | 'terminal_not_responding' | 'terminal_busy' | 'no_result' | 'link_lost';
  /** Text for the log and the staff slip (English); the renderer shows its own translation of `reason`. */
  message?: string;
  /** What the terminal reported (approved: card, trace, receipt number…; declined: at least the result code). */
  terminal?: TerminalReference;
  /** Kiosk time the request left for the terminal (ISO); keep it with payment_pending for resolve(). */
  startedAt: string;
}

export interface PendingPayment {
  paymentKey: string;
  amountMinor: number;
  /**
   * When the kiosk sent (or was about to send) the authorisation – from the durable journal. Undefined
   * when that is not known (its journal line is damaged): then only an approval of the same amount
   * decides it, and "not charged" needs a terminal with no transaction at all.
   */
  startedAt: string | undefined;
}

export type ResolveOutcome = 'approved' | 'not_charged' | 'unknown';

export interface ResolveResult {
  paymentKey: string;
  outcome: ResolveOutcome;
  /** The terminal's last transaction as it reported it (the host checks that no other payment key owns its trace). */
  terminal?: TerminalReference;
  message: string;
}

/** The one converter from the terminal's status information to the contract's terminal reference. */
export const terminalReferenceOf = (details: TransactionDetails): TerminalReference => ({
  cardBrand: details.cardName,
  maskedPan: details.maskedPan,
  authCode: details.authCode,
  trace: details.trace,
  receiptNumber: details.receiptNumber,
  terminalId: details.terminalId,
  resultCode: details.resultCode,
});

const referenceOf = (details: TransactionDetails | undefined, resultCode?: number): TerminalReference | undefined =>
  details ? { ...terminalReferenceOf(details), ...(resultCode !== undefined ? { resultCode } : {}) } : resultCode !== undefined ? { resultCode } : undefined;

/** How an authorisation ended, before the request's own fields are added. */
type TransactionEnd = Pick<PaymentResult, 'outcome' | 'reason' | 'message' | 'terminal'>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Turns the terminal's MMDD + HHMMSS into a kiosk Date near `reference` (the year is not sent). */
export function terminalTimestamp(date: string, time: string, reference: Date): Date | undefined {
  if (!/^\d{4}$/.test(date) || !/^\d{6}$/.test(time)) return undefined;
  const build = (year: number): Date =>
    new Date(year, Number(date.slice(0, 2)) - 1, Number(date.slice(2, 4)), Number(time.slice(0, 2)), Number(time.slice(2, 4)), Number(time.slice(4, 6)));
  const candidates = [reference.getFullYear() - 1, reference.getFullYear(), reference.getFullYear() + 1].map(build);
  return candidates.reduce((best, candidate) => (Math.abs(candidate.getTime() - reference.getTime()) < Math.abs(best.getTime() - reference.getTime()) ? candidate : best));
}

export class CardTerminal {
  private readonly link: ZvtLink;
  private busy: Promise<unknown> = Promise.resolve();
  private inFlight: { paymentKey: string } | undefined;
  private readonly resultTimeoutMs: number;
  private readonly ackTimeoutMs: number;
  private readonly log: Logger;

  constructor(
    readonly line: SerialLine,
    private readonly options: CardTerminalOptions,
  ) {
    this.resultTimeoutMs = options.resultTimeoutMs ?? 180_000;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    this.log = options.log ?? silentLogger;
    this.link = new ZvtLink(line, { ackTimeoutMs: this.ackTimeoutMs, log: this.log });
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
    await this.link.send(apdu);
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
    return this.exclusive(async () => {
      const answer = await this.command(encode.registration(this.options.password, kioskConfigByte, this.options.currency));
      if (!answer.accepted) throw new Error(`${this.line.path}: the card terminal refused registration (code 0x${answer.errorCode.toString(16)}) – check the terminal password in the store config`);
      await this.finishAdministration();
    });
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

  /** Status enquiry 05 01: ok when the terminal answers and reports itself ready; busy when it refuses (another exchange runs). */
  checkReady(): Promise<{ ready: boolean; state: 'ok' | 'busy' | 'down'; message: string }> {
    return this.exclusive(async () => {
      try {
        await this.line.waitUntilOpen(this.ackTimeoutMs);
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
   * Authorisation 06 01: sends one payment to the terminal, every time it is called. The caller
   * (the host, with its journal) makes sure a payment key is authorised once.
   */
  authorize(request: PaymentRequest): Promise<PaymentResult> {
    return this.exclusive(() => this.runAuthorisation(request));
  }

  private async runAuthorisation({ paymentKey, amountMinor, onPrompt }: PaymentRequest): Promise<PaymentResult> {
    const startedAt = new Date().toISOString();
    const base = { paymentKey, amountMinor, startedAt };
    const apdu = encode.authorisation(amountMinor, this.options.currency);
    this.inFlight = { paymentKey };
    try {
      try {
        await this.line.waitUntilOpen(this.ackTimeoutMs);
      } catch (error) {
        return { ...base, outcome: 'aborted', reason: 'terminal_not_responding', message: (error as Error).message };
      }
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
        return { ...base, outcome: 'aborted', reason: 'terminal_busy', message: `the card terminal refused the payment (code 0x${answer.errorCode.toString(16)}) – it may be busy or not registered` };
      }
      return await this.awaitResult(base, onPrompt);
    } finally {
      this.inFlight = undefined;
    }
  }

  private async awaitResult(base: { paymentKey: string; amountMinor: number; startedAt: string }, onPrompt?: (prompt: TerminalPrompt) => void): Promise<PaymentResult> {
    const deadline = Date.now() + this.resultTimeoutMs;
    let details: TransactionDetails | undefined;
    let abortSent = false;
    for (;;) {
      let message: Apdu;
      try {
        message = await this.link.receiveApdu(Math.max(0, deadline - Date.now()));
      } catch (error) {
        if (error instanceof ZvtLinkError && error.kind === 'timeout' && !abortSent) {
          // No result in time: ask the terminal to stop, then give it a short while to confirm.
          abortSent = true;
          try {
            await this.link.send(encode.ecrAbort());
            const grace = Date.now() + this.ackTimeoutMs * 2;
            const confirmation = await this.readUntilEnd(grace, details);
            if (confirmation) return { ...base, ...confirmation };
          } catch {
            // the terminal does not answer at all
          }
          return { ...base, outcome: 'unknown', reason: 'no_result', message: 'no result from the card terminal in time – the payment must be checked with the terminal', terminal: referenceOf(details) };
        }
        return { ...base, outcome: 'unknown', reason: 'link_lost', message: (error as Error).message, terminal: referenceOf(details) };
      }
      let end: Awaited<ReturnType<CardTerminal['handleTransactionMessage']>>;
      try {
        end = await this.handleTransactionMessage(message, onPrompt, details);
      } catch (error) {
        // The link failed while acknowledging, or an answer could not be read: what the terminal did is unknown.
        const unreadable = error instanceof ZvtFormatError;
        return {
          ...base,
          outcome: 'unknown',
          reason: unreadable ? 'no_result' : 'link_lost',
          message: unreadable ? `${this.line.path}: the card terminal's answer could not be read (${(error as Error).message})` : (error as Error).message,
          terminal: referenceOf(details),
        };
      }
      if (end.details) details = end.details;
      if (end.result) return { ...base, ...end.result };
    }
  }

  private async readUntilEnd(deadline: number, details: TransactionDetails | undefined): Promise<TransactionEnd | undefined> {
    for (;;) {
      const message = await this.link.receiveApdu(Math.max(0, deadline - Date.now()));
      const end = await this.handleTransactionMessage(message, undefined, details);
      if (end.details) details = end.details;
      if (end.result) return end.result;
    }
  }

  private async handleTransactionMessage(
    message: Apdu,
    onPrompt: ((prompt: TerminalPrompt) => void) | undefined,
    details: TransactionDetails | undefined,
  ): Promise<{ details?: TransactionDetails; result?: TransactionEnd }> {
    if (is(message, Command.positiveAck) || is(message, Command.negativeAck)) return {}; // answer to our 06 B0
    await this.ack();
    if (is(message, Command.intermediateStatus)) {
      try {
        onPrompt?.(decodeIntermediateStatus(message.data));
      } catch {
        // a prompt we cannot read is not worth failing a payment for
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
      return { result: { outcome: code === 0x6c ? 'aborted' : 'declined', reason: text.reason, message: text.text, terminal: referenceOf(details, code) } };
    }
    return {}; // print lines (06 D1 / 06 D3) and other messages: acknowledged, not needed
  }

  /** ECR abort 06 B0: the customer pressed cancel on the kiosk during a payment. */
  async abort(): Promise<void> {
    if (!this.inFlight) return;
    await this.link.send(encode.ecrAbort());
  }

  /**
   * Decides a payment whose outcome is unknown (lost link, timeout, kiosk restart) by asking the
   * terminal to repeat its last receipt. It never sends a new authorisation.
   * approved: the terminal's last transaction is this payment (same amount, after startedAt).
   * not_charged: the terminal's last transaction is older than this payment, or there is none.
   * unknown: the terminal cannot be reached or its last transaction is someone else's – staff must check.
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
          return this.match(pending, end.statusInformation);
        } catch (error) {
          lastProblem = (error as Error).message;
          await sleep(500);
        }
      }
      return { paymentKey: pending.paymentKey, outcome: 'unknown', message: `${lastProblem} – payment unresolved, hand over to staff` };
    });
  }

  /**
   * Is the terminal's last transaction this payment? By time and amount only: whether another
   * payment key already owns that transaction (its trace) is the host journal's to say.
   */
  private match(pending: PendingPayment, last: TransactionDetails | undefined): ResolveResult {
    const { paymentKey } = pending;
    const terminal = last && terminalReferenceOf(last);
    if (pending.startedAt === undefined) return this.matchWithoutStart(pending, last);
    if (!last || last.resultCode !== 0 || last.trace === undefined) {
      return { paymentKey, outcome: 'not_charged', message: 'the terminal has no approved transaction since this payment started', terminal };
    }
    const started = new Date(pending.startedAt);
    const at = last.terminalDate && last.terminalTime ? terminalTimestamp(last.terminalDate, last.terminalTime, started) : undefined;
    const tolerance = this.options.clockToleranceMs ?? 120_000;
    if (!at) return { paymentKey, outcome: 'unknown', terminal, message: 'the terminal did not send the time of its last transaction' };
    if (at.getTime() < started.getTime() - tolerance) {
      return { paymentKey, outcome: 'not_charged', terminal, message: 'the last transaction on the terminal is older than this payment' };
    }
    if (last.amountMinor !== pending.amountMinor) {
      return { paymentKey, outcome: 'unknown', terminal, message: 'the last transaction on the terminal belongs to another payment – staff must check the terminal journal' };
    }
    return { paymentKey, outcome: 'approved', terminal, message: 'approved (confirmed by the terminal’s repeated receipt)' };
  }

  /** The payment's start is not known: time cannot rule anything out, so only certainties decide. */
  private matchWithoutStart({ paymentKey, amountMinor }: PendingPayment, last: TransactionDetails | undefined): ResolveResult {
    if (!last) return { paymentKey, outcome: 'not_charged', message: 'the terminal has no transaction at all' };
    const terminal = terminalReferenceOf(last);
    if (last.resultCode === 0 && last.trace !== undefined && last.amountMinor === amountMinor) {
      return { paymentKey, outcome: 'approved', terminal, message: 'approved (confirmed by the terminal’s repeated receipt)' };
    }
    return { paymentKey, outcome: 'unknown', terminal, message: 'when this payment started is not known and the terminal’s last transaction is not an approval of its amount – staff must check the terminal journal' };
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
