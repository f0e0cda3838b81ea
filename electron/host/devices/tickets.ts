// Tickets behind the kiosk contract: printTicket and getTicketStatus, and the card terminal's slip of
// a payment that did not go through. Each ticket is journaled per order and kind before its bytes
// leave: a ticket that printed is never printed again unasked, one cut short (paper out, host stopped
// mid-job) only when a reprint is asked for – then it prints whole, marked REPRINT / KOPIE.
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import type { PrintOutcome } from '../../../common/contract/devices';
import type { PrintableDocument } from '../../../hardware/printer/receipt-model';
import type { ReceiptPrinter } from '../../../hardware/printer/receipt-printer';
import type { KioskHandlers } from '../dispatcher';
import type { Logger } from '../log';
import type { DeviceConnections } from './connections';
import type { DeviceJournal, JournalTicket, PaymentRecord } from './device-journal';
import { singleFlight } from './single-flight';
import { terminalSlipDocument, ticketDocument, type JournaledPayment, type TicketRequest } from './ticket-documents';

export type TicketHandlers = Pick<KioskHandlers, 'printTicket' | 'getTicketStatus'>;

export interface TicketsOptions {
  store: StoreConfig;
  /** The menu being served (tax keys on tickets). */
  menu: () => Menu;
  journal: DeviceJournal;
  connections: DeviceConnections;
  log: Logger;
  now: () => Date;
}

export function createTickets(options: TicketsOptions) {
  const { journal, connections, log, now } = options;
  const prints = singleFlight<string, PrintOutcome>();

  /** The order's approved card payment as the journal has it (the terminal's references and receipt). */
  const journaledPayment = (orderId: string): JournaledPayment | undefined => {
    for (const record of journal.payments.values()) {
      if (record.orderId !== orderId) continue;
      if (record.outcome?.result === 'approved') return { terminal: record.outcome.terminal, receipt: record.outcome.receipt };
      if (record.resolved?.result === 'approved') return { terminal: record.resolved.terminal };
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
    const request: TicketRequest = input;
    const document = (): PrintableDocument =>
      ticketDocument(request, { store: options.store, menu: options.menu(), now, journaled: input.kind === 'receipt' ? journaledPayment(input.order.orderId) : undefined });
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
