// Tickets behind the kiosk contract: printTicket and getTicketStatus, and the card terminal's slip of
// a payment that did not go through. Each ticket is journaled per order and kind before its bytes
// leave: a ticket that printed is never printed again unasked, one cut short (paper out, host stopped
// mid-job) only when a reprint is asked for – then it prints whole, marked REPRINT / KOPIE.
import { KioskCallError } from '../../../common/contract/index';
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import type { PrintOutcome } from '../../../common/contract/devices';
import type { PrintableDocument } from '../../../hardware/printer/receipt-model';
import type { ReceiptPrinter } from '../../../hardware/printer/receipt-printer';
import type { KioskHandlers } from '../dispatcher';
import type { Logger } from '../log';
import type { DeviceConnections } from './connections';
import type { DeviceJournal, JournalTicket, PaymentRecord } from './device-journal';
import type { OrderBook } from './order-book';
import { singleFlight } from './single-flight';
import { terminalSlipDocument, ticketDocument, type JournaledPayment, type TicketRequest } from './ticket-documents';

export type TicketHandlers = Pick<KioskHandlers, 'printTicket' | 'getTicketStatus'>;

export interface TicketsOptions {
  store: StoreConfig;
  /** The menu being served (tax keys on tickets). */
  menu: () => Menu;
  journal: DeviceJournal;
  /** Whether an order is paid, from the journal (a receipt says "paid" only then), and whether the host vouches for it. */
  orders: Pick<OrderBook, 'checkPaid' | 'placed' | 'vouch'>;
  connections: DeviceConnections;
  log: Logger;
  now: () => Date;
}

export function createTickets(options: TicketsOptions) {
  const { journal, connections, log, now } = options;
  const prints = singleFlight<string, PrintOutcome>();

  /** The terminal's references and receipt of a journaled payment (an approved one, or the one in doubt). */
  const journaledPayment = (record: PaymentRecord | undefined): JournaledPayment | undefined => {
    if (!record) return undefined;
    if (record.resolved?.result === 'approved') return { terminal: record.resolved.terminal };
    return { terminal: record.outcome?.terminal, receipt: record.outcome?.result === 'approved' ? record.outcome.receipt : undefined };
  };

  /** The order's latest payment in the journal (for the staff slip of a payment in doubt). */
  const latestPayment = (orderId: string): PaymentRecord | undefined => [...journal.payments.values()].filter((record) => record.orderId === orderId).at(-1);

  /**
   * The payment a ticket shows, from the host's journal only: a receipt ("paid") needs the order
   * the host placed and an approved payment of its total; the staff slip shows the payment in doubt.
   */
  const paymentFor = (input: Parameters<TicketHandlers['printTicket']>[0]): TicketRequest['payment'] => {
    const { order } = input;
    if (input.kind === 'receipt') {
      const checked = options.orders.checkPaid(order);
      if (!checked.paid) {
        log.warn({ event: 'receipt_refused', orderId: order.orderId, code: checked.code, reason: checked.reason }, 'receipt refused: not paid as far as the host knows');
        throw new KioskCallError(checked.code, `printTicket: no receipt for order ${order.orderNumber} (${order.orderId}): ${checked.reason}`);
      }
      const payment = checked.payment;
      return { amountMinor: payment.amountMinor, ...journaledPayment(payment.record) };
    }
    if (input.kind === 'pay_at_counter') {
      // The ticket tells staff what to collect: only a document the host placed, or places now (an
      // order recovered after a restart before its placing reached the host), as it would send it.
      const [verdict] = options.orders.vouch([order]);
      if (verdict && !verdict.sent) {
        log.warn({ event: 'ticket_refused', orderId: order.orderId, ticket: input.kind, code: verdict.code, reason: verdict.reason }, 'pay-at-counter ticket refused');
        throw new KioskCallError(verdict.code, `printTicket: no pay-at-counter ticket: ${verdict.reason}`);
      }
    }
    if (input.kind === 'unresolved_payment') {
      const record = latestPayment(order.orderId);
      return { amountMinor: record?.amountMinor ?? options.orders.placed(order.orderId)?.totalMinor ?? order.total, terminal: journaledPayment(record)?.terminal };
    }
    return undefined;
  };

  /** Journals the job, prints it, journals what happened. */
  async function runJob(jobId: string, orderId: string, ticket: JournalTicket, document: () => PrintableDocument, reprintAsked: boolean): Promise<PrintOutcome> {
    let device: ReceiptPrinter;
    try {
      device = await connections.printer();
    } catch (error) {
      return { result: 'failed', reason: 'unreachable', message: (error as Error).message };
    }
    // Printed before, whole or in part: this one is marked, so nobody takes it for a second purchase.
    const reprint = reprintAsked && journal.prints.has(jobId);
    journal.append({ kind: 'print_started', jobId, orderId, ticket, ...(reprint ? { reprint } : {}), at: now().toISOString() });
    const result = await device.print({ jobId, document: document(), reprint });
    journal.append({ kind: 'print_outcome', jobId, result: result.outcome, reason: result.reason, message: result.message, started: result.started, at: now().toISOString() });
    if (result.outcome === 'failed') log.warn({ event: 'ticket_not_printed', orderId, ticket, reason: result.reason, started: result.started }, 'ticket not printed');
    return { result: result.outcome, reason: result.reason, message: result.message, reprint: result.reprint };
  }

  const printTicket: TicketHandlers['printTicket'] = async (input) => {
    const jobId = `${input.order.orderId}:${input.kind}`;
    const running = prints.running(jobId);
    if (running) return running;
    const earlier = journal.prints.get(jobId);
    if (earlier && !input.reprint) {
      if (earlier.outcome?.result === 'printed') return { result: 'printed', message: 'already printed', duplicate: true };
      if (!earlier.outcome || earlier.outcome.started) {
        // Part of it may be on paper: only an explicit reprint (marked as such) prints it again.
        return { result: 'failed', reason: 'not_confirmed', message: earlier.outcome?.message ?? 'the kiosk stopped while this ticket printed', duplicate: true };
      }
    }
    const payment = paymentFor(input);
    const request: TicketRequest = { kind: input.kind, order: input.order, note: input.note, ...(payment ? { payment } : {}) };
    const document = (): PrintableDocument => ticketDocument(request, { store: options.store, menu: options.menu(), now });
    return prints.run(jobId, () => runJob(jobId, input.order.orderId, input.kind, document, input.reprint ?? false));
  };

  const getTicketStatus: TicketHandlers['getTicketStatus'] = async ({ orderId, kind }) => {
    const record = journal.prints.get(`${orderId}:${kind}`);
    if (!record) return { status: 'not_printed' };
    return { status: record.outcome?.result === 'printed' ? 'printed' : 'failed' };
  };

  /** The terminal's slip of a declined or aborted payment (its cardholder receipt), printed once. */
  const printTerminalSlip = (record: PaymentRecord): Promise<PrintOutcome> => {
    const lines = record.outcome?.receipt ?? [];
    const jobId = `${record.orderId}:terminal_slip:${record.paymentKey}`;
    if (lines.length === 0 || journal.prints.has(jobId)) return Promise.resolve({ result: 'printed', message: 'nothing to print', duplicate: true });
    const order = { orderId: record.orderId, orderNumber: '', currency: record.currency, locale: options.store.locale };
    return prints.run(jobId, () => runJob(jobId, record.orderId, 'terminal_slip', () => terminalSlipDocument(order, lines, { store: options.store, now }), false));
  };

  return {
    handlers: { printTicket, getTicketStatus } satisfies TicketHandlers,
    printTerminalSlip,
    /** Settles when the running print jobs have their outcome journaled. */
    settled: (): Promise<void> => prints.settled(),
  };
}
