// Tickets behind the kiosk contract: printTicket and getTicketStatus. Each ticket is journaled per
// order and kind before its bytes leave, so a ticket that printed is never printed twice, and one
// whose host stopped mid-job is printed again only as a marked reprint.
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import type { PrintOutcome } from '../../../common/contract/devices';
import type { ReceiptPrinter } from '../../../hardware/printer/receipt-printer';
import type { KioskHandlers } from '../dispatcher';
import type { Logger } from '../log';
import type { DeviceConnections } from './connections';
import type { DeviceJournal } from './device-journal';
import { singleFlight } from './single-flight';
import { ticketDocument, type TicketRequest } from './ticket-documents';

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

  async function runPrint(request: TicketRequest & { reprint?: boolean }, jobId: string): Promise<PrintOutcome> {
    let device: ReceiptPrinter;
    try {
      device = await connections.printer();
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
    if (result.outcome === 'failed') log.warn({ event: 'ticket_not_printed', orderId: request.order.orderId, ticket: request.kind, reason: result.reason, started: result.started }, 'ticket not printed');
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
    return prints.run(jobId, () => runPrint(input, jobId));
  };

  const getTicketStatus: TicketHandlers['getTicketStatus'] = async ({ orderId, kind }) => {
    const record = journal.prints.get(`${orderId}:${kind}`);
    if (!record) return { status: 'not_printed' };
    return { status: record.outcome?.result === 'printed' ? 'printed' : 'failed' };
  };

  return {
    handlers: { printTicket, getTicketStatus } satisfies TicketHandlers,
    /** Settles when the running print jobs have their outcome journaled. */
    settled: (): Promise<void> => prints.settled(),
  };
}
