// The host's device service: the receipt printer and the card terminal behind the kiosk contract.
//
// Devices open on first use, so the host starts (and takes counter orders) even when a port is
// missing; a device that failed to open is tried again on the next call and reported as down or
// offline with the port and what to check.
//
// Never charge twice: every authorisation is journaled (fsync) under its paymentKey before it
// leaves. The same key again returns the journaled outcome or joins the running payment; a key
// whose outcome is in doubt (lost answer, host restart mid-payment) is never sent again – it is
// resolved with the terminal (repeat receipt). Tickets are journaled per order and kind likewise.
import { join } from 'node:path';
import { KioskCallError, type KioskEvent } from '../../../common/contract/index';
import type {
  CardPaymentOutcome,
  DeviceStatus,
  PaymentPromptCode,
  PaymentReason,
  PaymentResolutionOutput,
  PrinterState,
  PrintOutcome,
  TerminalRefs,
  TerminalState,
} from '../../../common/contract/devices';
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import { openKioskDevices, type KioskDevices } from '../../../hardware/devices';
import { ReceiptPrinter } from '../../../hardware/printer/receipt-printer';
import { problemOf, type PrinterStatus } from '../../../hardware/printer/status';
import { CardTerminal, type CardTerminalOptions, type PaymentResult } from '../../../hardware/terminal/card-terminal';
import type { TransactionDetails } from '../../../hardware/terminal/zvt/messages';
import type { KioskHandlers } from '../dispatcher';
import { DeviceJournal, type PaymentRecord } from './device-journal';
import { ticketDocument, type TicketRequest } from './ticket-documents';

export const DEVICE_JOURNAL_FILE = 'device-journal.jsonl';

export interface DeviceServiceOptions {
  store: StoreConfig;
  /** The menu being served (tax keys on tickets). */
  menu: () => Menu;
  /** The journal lives here (the host's data dir). */
  dataDir: string;
  emit(event: KioskEvent): void;
  /** ZVT timeouts; the defaults are the specification's. */
  terminalOptions?: Partial<CardTerminalOptions>;
  log?: (message: string) => void;
  now?: () => Date;
}

type DeviceHandlers = Pick<KioskHandlers, 'getDeviceStatus' | 'payByCard' | 'abortPayment' | 'resolvePayment' | 'printTicket' | 'getTicketStatus'>;

const refsOf = (details: TransactionDetails | undefined): TerminalRefs | undefined =>
  details && {
    cardBrand: details.cardName,
    maskedPan: details.maskedPan,
    authCode: details.authCode,
    trace: details.trace,
    receiptNumber: details.receiptNumber,
    terminalId: details.terminalId,
    resultCode: details.resultCode,
  };

export function printerStateOf(status: PrinterStatus | undefined, reachable: boolean): PrinterState {
  if (!reachable || !status) return 'offline';
  switch (problemOf(status)) {
    case 'paper_end':
      return 'paper_out';
    case 'cover_open':
      return 'cover_open';
    case 'error':
      return 'error';
    case 'offline':
    case 'unreachable':
      return 'offline';
    case undefined:
      return status.paperNearEnd ? 'paper_low' : 'ok';
  }
}

export function createDeviceService(options: DeviceServiceOptions) {
  const log = options.log ?? ((message: string) => console.error(`devices: ${message}`));
  const now = options.now ?? (() => new Date());
  const journal = new DeviceJournal(join(options.dataDir, DEVICE_JOURNAL_FILE));
  const runningPayments = new Map<string, Promise<CardPaymentOutcome>>();
  const runningResolutions = new Map<string, Promise<PaymentResolutionOutput>>();
  const runningPrints = new Map<string, Promise<PrintOutcome>>();
  let activePaymentKey: string | undefined;
  let closed = false;
  let lastTerminalState: TerminalState = 'ok';

  const terminalOptions = (): CardTerminalOptions => ({
    password: options.store.devices.terminal?.password ?? '000000',
    currency: options.store.currency,
    ...options.terminalOptions,
  });

  const opened: { close(): Promise<void> }[] = [];
  let simulated: Promise<KioskDevices> | undefined;
  let printerOpening: Promise<ReceiptPrinter> | undefined;
  let terminalOpening: Promise<CardTerminal> | undefined;

  /** Retries a failed open on the next call; logs the port and what to check. */
  const remember = <T extends { close(): Promise<void> }>(what: string, open: () => Promise<T>, reset: () => void): Promise<T> =>
    open().then(
      async (device) => {
        if (closed) {
          await device.close();
          throw new KioskCallError('shutting_down', 'the kiosk host is shutting down');
        }
        opened.push(device);
        return device;
      },
      (error: Error) => {
        reset();
        log(`${what}: ${error.message}`);
        throw new KioskCallError('device_unavailable', `the ${what} is not available: ${error.message}`);
      },
    );

  /** Without configured ports the simulators stand in (openKioskDevices starts them). */
  const simulatedDevices = (): Promise<KioskDevices> =>
    (simulated ??= remember('simulated devices', () => openKioskDevices(options.store, options.terminalOptions), () => (simulated = undefined)));

  const attachPrinter = (printer: ReceiptPrinter): ReceiptPrinter => {
    printer.on('status', (status) => options.emit({ type: 'device.status', status: { printer: printerStateOf(status, true), terminal: lastTerminalState } }));
    return printer;
  };

  // Registration tells the terminal that the kiosk prints receipts and wants the customer prompts.
  const registerTerminal = async (terminal: CardTerminal): Promise<CardTerminal> => {
    await terminal.register().catch((error: Error) => log(`card terminal registration: ${error.message}`));
    return terminal;
  };

  /** Each device opens on its own, on first use: a missing printer does not stop card payments, nor the other way round. */
  function printer(): Promise<ReceiptPrinter> {
    if (closed) return Promise.reject(new KioskCallError('shutting_down', 'the kiosk host is shutting down'));
    const port = options.store.devices.printer;
    printerOpening ??= port
      ? remember('receipt printer', () => ReceiptPrinter.open(port, { model: port.model }), () => (printerOpening = undefined)).then(attachPrinter)
      : simulatedDevices().then((devices) => attachPrinter(devices.printer));
    if (!port) printerOpening.catch(() => (printerOpening = undefined));
    return printerOpening;
  }

  function terminal(): Promise<CardTerminal> {
    if (closed) return Promise.reject(new KioskCallError('shutting_down', 'the kiosk host is shutting down'));
    const port = options.store.devices.terminal;
    terminalOpening ??= port
      ? remember('card terminal', () => CardTerminal.open(port, terminalOptions()), () => (terminalOpening = undefined)).then(registerTerminal)
      : simulatedDevices().then((devices) => registerTerminal(devices.terminal));
    // A failed simulated start is retried with the bundle.
    if (!port) terminalOpening.catch(() => (terminalOpening = undefined));
    return terminalOpening;
  }

  // ------------------------------------------------------------------ payments

  const outcomeOf = (record: PaymentRecord): CardPaymentOutcome | undefined => {
    const base = { paymentKey: record.paymentKey, amountMinor: record.amountMinor, startedAt: record.startedAt };
    if (record.resolved) {
      return record.resolved.result === 'approved'
        ? { ...base, result: 'approved', terminal: record.resolved.terminal, message: record.resolved.message }
        : { ...base, result: 'aborted', reason: 'not_charged', message: record.resolved.message };
    }
    const outcome = record.outcome;
    if (!outcome) return undefined;
    return { ...base, result: outcome.result, reason: outcome.reason, message: outcome.message, terminal: outcome.terminal };
  };

  async function runPayment(record: PaymentRecord): Promise<CardPaymentOutcome> {
    let result: PaymentResult;
    try {
      const client = await terminal();
      activePaymentKey = record.paymentKey;
      // The client remembers outcomes per "orderId"; each attempt is its own payment, so it gets the attempt's key.
      result = await client.authorize({
        orderId: record.paymentKey,
        amountMinor: record.amountMinor,
        onPrompt: (prompt) => options.emit({ type: 'device.paymentPrompt', paymentKey: record.paymentKey, prompt: prompt.code as PaymentPromptCode }),
      });
    } catch (error) {
      // The terminal could not be opened: the request never left.
      result = { orderId: record.paymentKey, outcome: 'aborted', reason: 'terminal_not_responding', message: (error as Error).message, amountMinor: record.amountMinor, startedAt: record.startedAt };
    } finally {
      activePaymentKey = undefined;
    }
    journal.append({
      kind: 'payment_outcome',
      paymentKey: record.paymentKey,
      result: result.outcome,
      reason: result.reason as PaymentReason | undefined,
      message: result.message,
      terminal: result.outcome === 'approved' ? refsOf(result.details) : result.resultCode !== undefined ? { resultCode: result.resultCode } : undefined,
      at: now().toISOString(),
    });
    if (result.message && result.outcome !== 'approved') log(`payment ${record.paymentKey}: ${result.outcome} – ${result.message}`);
    return outcomeOf(record)!;
  }

  const payByCard: DeviceHandlers['payByCard'] = async ({ orderId, paymentKey, amountMinor, currency }) => {
    const running = runningPayments.get(paymentKey);
    if (running) return running;
    const known = journal.payments.get(paymentKey);
    if (known) {
      if (known.amountMinor !== amountMinor || known.orderId !== orderId) {
        throw new KioskCallError('bad_request', `payByCard: payment ${paymentKey} was started for order ${known.orderId} over ${known.amountMinor}, not ${orderId} over ${amountMinor}`);
      }
      // Decided, or in doubt: never sent again (an unknown outcome goes through resolvePayment).
      return outcomeOf(known) ?? { paymentKey, result: 'unknown', reason: 'link_lost', message: 'the kiosk stopped while this payment ran – it is checked with the terminal', amountMinor, startedAt: known.startedAt };
    }
    if (currency !== options.store.currency) throw new KioskCallError('bad_request', `payByCard: currency ${currency} is not the store's ${options.store.currency}`);
    for (const other of journal.payments.values()) {
      if (other.orderId !== orderId) continue;
      const outcome = outcomeOf(other);
      if (outcome?.result === 'approved') throw new KioskCallError('already_paid', `payByCard: order ${orderId} is already paid (payment ${other.paymentKey})`);
      if (!outcome || outcome.result === 'unknown') {
        throw new KioskCallError('payment_in_doubt', `payByCard: payment ${other.paymentKey} of order ${orderId} is still in doubt – resolve it with the terminal first`);
      }
    }
    const record: PaymentRecord = { paymentKey, orderId, amountMinor, currency, startedAt: now().toISOString() };
    // On disk before the request may leave: after a crash this key is resolved, never re-sent.
    journal.append({ kind: 'payment_started', ...record });
    const run = runPayment(journal.payments.get(paymentKey)!).finally(() => runningPayments.delete(paymentKey));
    runningPayments.set(paymentKey, run);
    return run;
  };

  const abortPayment: DeviceHandlers['abortPayment'] = async ({ paymentKey }) => {
    if (activePaymentKey !== paymentKey) return { requested: false };
    await (await terminal()).abort();
    return { requested: true };
  };

  async function runResolution(record: PaymentRecord): Promise<PaymentResolutionOutput> {
    const base = { paymentKey: record.paymentKey, startedAt: record.startedAt };
    let client: CardTerminal;
    try {
      client = await terminal();
    } catch (error) {
      return { ...base, result: 'unknown', message: (error as Error).message };
    }
    const answer = await client.resolve({ orderId: record.paymentKey, amountMinor: record.amountMinor, startedAt: record.startedAt });
    const refs = refsOf(answer.details);
    if (answer.outcome === 'approved') {
      const owner = refs?.trace !== undefined ? journal.traceOwner(refs.trace) : undefined;
      if (owner && owner !== record.paymentKey) {
        return { ...base, result: 'unknown', message: `the terminal's last transaction (trace ${refs?.trace}) paid ${owner} – staff must check the terminal journal` };
      }
      journal.append({ kind: 'payment_resolved', paymentKey: record.paymentKey, result: 'approved', message: answer.message, terminal: refs, at: now().toISOString() });
      return { ...base, result: 'approved', message: answer.message, terminal: refs };
    }
    if (answer.outcome === 'not_charged') {
      journal.append({ kind: 'payment_resolved', paymentKey: record.paymentKey, result: 'not_paid', message: answer.message, at: now().toISOString() });
      return { ...base, result: 'not_paid', message: answer.message };
    }
    log(`payment ${record.paymentKey} unresolved: ${answer.message}`);
    return { ...base, result: 'unknown', message: answer.message, terminal: refs };
  }

  const resolvePayment: DeviceHandlers['resolvePayment'] = async ({ orderId, paymentKey }) => {
    const running = runningPayments.get(paymentKey);
    if (running) await running.catch(() => undefined);
    const record = journal.payments.get(paymentKey);
    if (!record) return { paymentKey, result: 'not_paid', message: 'this payment never left the kiosk' };
    if (record.orderId !== orderId) throw new KioskCallError('bad_request', `resolvePayment: payment ${paymentKey} belongs to order ${record.orderId}, not ${orderId}`);
    const known = outcomeOf(record);
    if (known && known.result !== 'unknown') {
      return known.result === 'approved'
        ? { paymentKey, result: 'approved', message: known.message ?? 'approved', terminal: known.terminal, startedAt: record.startedAt }
        : { paymentKey, result: 'not_paid', message: known.message ?? known.result, startedAt: record.startedAt };
    }
    const resolving = runningResolutions.get(paymentKey);
    if (resolving) return resolving;
    const run = runResolution(record).finally(() => runningResolutions.delete(paymentKey));
    runningResolutions.set(paymentKey, run);
    return run;
  };

  // ------------------------------------------------------------------ printing and status

  async function runPrint(request: TicketRequest & { reprint?: boolean }, jobId: string): Promise<PrintOutcome> {
    let device: ReceiptPrinter;
    try {
      device = await printer();
    } catch (error) {
      return { result: 'failed', reason: 'unreachable', message: (error as Error).message };
    }
    const document = ticketDocument(request, { store: options.store, menu: options.menu(), now });
    const earlier = journal.prints.get(jobId);
    // A job that was cut short (or whose host stopped mid-job) is printed again only as a marked reprint.
    const reprint = Boolean(request.reprint && earlier);
    journal.append({ kind: 'print_started', jobId, orderId: request.order.orderId, ticket: request.kind, at: now().toISOString() });
    const result = await device.print({ jobId, document, reprint });
    journal.append({ kind: 'print_outcome', jobId, result: result.outcome, reason: result.reason, message: result.message, started: result.started, at: now().toISOString() });
    if (result.outcome === 'failed') log(`${request.kind} of order ${request.order.orderNumber}: ${result.message}`);
    return { result: result.outcome, reason: result.reason, message: result.message, reprint: result.reprint };
  }

  const printTicket: DeviceHandlers['printTicket'] = async (input) => {
    const jobId = `${input.order.orderId}:${input.kind}`;
    const running = runningPrints.get(jobId);
    if (running) return running;
    const earlier = journal.prints.get(jobId);
    if (earlier && !input.reprint) {
      if (earlier.outcome?.result === 'printed') return { result: 'printed', message: 'already printed', duplicate: true };
      if (!earlier.outcome || earlier.outcome.started) {
        // Part of it may be on paper: only an explicit reprint (marked as such) prints it again.
        return { result: 'failed', reason: 'not_confirmed', message: earlier.outcome?.message ?? 'the kiosk stopped while this ticket printed', duplicate: true };
      }
    }
    const run = runPrint(input, jobId).finally(() => runningPrints.delete(jobId));
    runningPrints.set(jobId, run);
    return run;
  };

  const getTicketStatus: DeviceHandlers['getTicketStatus'] = async ({ orderId, kind }) => {
    const record = journal.prints.get(`${orderId}:${kind}`);
    if (!record) return { status: 'not_printed' };
    return { status: record.outcome?.result === 'printed' ? 'printed' : 'failed' };
  };

  const getDeviceStatus: DeviceHandlers['getDeviceStatus'] = async () => {
    const status: DeviceStatus = { printer: 'offline', terminal: 'down' };
    const [printerDevice, terminalDevice] = await Promise.allSettled([printer(), terminal()]);
    if (printerDevice.status === 'fulfilled') {
      const readiness = await printerDevice.value.readiness();
      status.printer = printerStateOf(readiness.status, readiness.problem !== 'unreachable');
      if (status.printer !== 'ok') status.printerMessage = readiness.message;
    } else status.printerMessage = (printerDevice.reason as Error).message;
    if (terminalDevice.status === 'rejected') status.terminalMessage = (terminalDevice.reason as Error).message;
    else if (activePaymentKey || runningResolutions.size > 0) status.terminal = 'busy';
    else {
      const ready = await terminalDevice.value.checkReady();
      status.terminal = ready.ready ? 'ok' : /busy/.test(ready.message) ? 'busy' : 'down';
      if (!ready.ready) status.terminalMessage = ready.message;
    }
    lastTerminalState = status.terminal;
    return status;
  };

  const handlers: DeviceHandlers = { getDeviceStatus, payByCard, abortPayment, resolvePayment, printTicket, getTicketStatus };

  return {
    handlers,
    journal,
    async close(): Promise<void> {
      closed = true;
      await Promise.allSettled([printerOpening, terminalOpening, simulated]);
      await Promise.allSettled(opened.splice(0).map((device) => device.close()));
      journal.close();
    },
  };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
