// The host's device service: the receipt printer and the card terminal behind the kiosk contract,
// joined from its parts – connections (open on first use), payments, tickets and status – over one
// journal (device-journal.ts), the host's only memory of what it asked the devices to do.
import { join } from 'node:path';
import { KioskCallError, type KioskEvent } from '../../../common/contract/index';
import type { JournalState } from '../../../common/contract/devices';
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import type { OrderDocument } from '../../../common/order/order';
import type { CardTerminalOptions } from '../../../hardware/terminal/card-terminal';
import type { KioskHandlers } from '../dispatcher';
import { silentLogger, type Logger } from '../log';
import { createDeviceConnections } from './connections';
import { DeviceJournal, DeviceJournalError } from './device-journal';
import { createPayments } from './payments';
import { createOrderBook, type OrderBookOptions, type OrderVerdict, type PaidCheck } from './order-book';
import { createDeviceStatus } from './status';
import { createTickets } from './tickets';

export { printerStateOf } from './status';

export const DEVICE_JOURNAL_FILE = 'device-journal.jsonl';

export interface DeviceServiceOptions {
  store: StoreConfig;
  /** The menu being served (tax keys on tickets). */
  menu: () => Menu;
  /** A menu the host serves or served a moment ago, by version: orders begun before a publish are priced with it. */
  menuFor?: OrderBookOptions['menuFor'];
  /** The journal lives here (the host's data dir). */
  dataDir: string;
  emit(event: KioskEvent): void;
  /** ZVT timeouts; the defaults are the specification's. */
  terminalOptions?: Partial<CardTerminalOptions>;
  log?: Logger;
  now?: () => Date;
  /** The comp staff signed in at this kiosk logged (the store service's audit log); without it no comp is taken. */
  loggedComp?: OrderBookOptions['loggedComp'];
  /** On close (SIGTERM), how long a running print job or payment may take to finish and be journaled. */
  shutdownGraceMs?: number;
}

const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

type DeviceHandlers = Pick<KioskHandlers, 'getDeviceStatus' | 'placeOrder' | 'payByCard' | 'abortPayment' | 'resolvePayment' | 'printTicket' | 'getTicketStatus'>;

/** Opens the journal; damage is reported at once (one event per damaged line), an unusable path in one line. */
function openJournal(file: string, log: Logger): { journal?: DeviceJournal; state: JournalState } {
  let journal: DeviceJournal;
  try {
    journal = new DeviceJournal(file);
  } catch (error) {
    if (!(error instanceof DeviceJournalError)) throw error;
    log.error({ event: 'device_journal_unusable', file, code: error.code }, error.message);
    return { state: { state: 'unusable', message: error.message } };
  }
  if (journal.damage.length === 0) return { journal, state: { state: 'ok' } };
  for (const damage of journal.damage) {
    log.error({ event: 'device_journal_damaged', file, ...damage }, 'a device journal line does not parse');
  }
  const lines = journal.damage.map((damage) => damage.line);
  const payments = [...journal.damagedPayments.keys()];
  return {
    journal,
    state: {
      state: 'damaged',
      damagedLines: lines,
      message: `${file}: line${lines.length > 1 ? 's' : ''} ${lines.join(', ')} cannot be read${payments.length > 0 ? ` – payment${payments.length > 1 ? 's' : ''} ${payments.join(', ')} will be checked with the card terminal, never charged again` : ''}`,
    },
  };
}

/** Without a usable journal nothing irreversible happens: no card payment, no ticket; the status says why. */
function refusingHandlers(message: string): Omit<DeviceHandlers, 'getDeviceStatus'> {
  const refuse = async (): Promise<never> => {
    throw new KioskCallError('unavailable', message);
  };
  return {
    placeOrder: refuse,
    payByCard: refuse,
    abortPayment: async () => ({ requested: false }),
    resolvePayment: refuse,
    printTicket: async () => ({ result: 'failed', reason: 'journal_unusable', message }),
    getTicketStatus: refuse,
  };
}

export function createDeviceService(options: DeviceServiceOptions) {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const opened = openJournal(join(options.dataDir, DEVICE_JOURNAL_FILE), log);
  const journal = opened.journal;
  const connections = createDeviceConnections({
    store: options.store,
    terminalOptions: options.terminalOptions,
    log,
    // Called only once a printer is open, long after `status` below exists.
    onPrinterStatus: (printerStatus) => status.printerChanged(printerStatus),
  });
  const orders = journal && createOrderBook({ store: options.store, menu: options.menu, menuFor: options.menuFor, journal, loggedComp: options.loggedComp, log, now });
  const tickets = journal && orders && createTickets({ store: options.store, menu: options.menu, journal, orders, connections, log, now });
  const payments = journal && orders && tickets && createPayments({ store: options.store, journal, orders, connections, emit: options.emit, printTerminalSlip: tickets.printTerminalSlip, log, now });
  const status = createDeviceStatus({ connections, terminalBusy: () => payments?.busy() ?? false, journal: opened.state, emit: options.emit });

  const handlers: DeviceHandlers = {
    getDeviceStatus: status.getDeviceStatus,
    ...(orders && payments && tickets ? { ...orders.handlers, ...payments.handlers, ...tickets.handlers } : refusingHandlers(opened.state.message!)),
  };

  return {
    handlers,
    /** Undefined when the journal path cannot be used (then payments and tickets are refused). */
    journal,
    /**
     * Whether an order the page calls paid is paid as far as the host knows (store-bus deliveries);
     * without a journal nothing is.
     */
    checkPaid: (order: OrderDocument): PaidCheck =>
      orders ? orders.checkPaid(order) : { paid: false, code: 'unavailable', reason: opened.state.message ?? 'the device journal cannot be used' },
    /**
     * Whether each order document may go to the store: one the host placed, or places now (order-book.ts).
     * Without a journal the host can vouch for none: they wait (unavailable), never refused for it.
     */
    vouch: (documents: readonly OrderDocument[]): OrderVerdict[] =>
      orders ? orders.vouch(documents) : documents.map(() => ({ sent: false, code: 'unavailable', reason: opened.state.message ?? 'the device journal cannot be used' })),
    /** A staff member the host signed in confirmed an order paid; journaled (throws when it cannot be). */
    recordStaffPayment(orderId: string, staffName: string): void {
      if (!orders) throw new KioskCallError('unavailable', opened.state.message ?? 'the device journal cannot be used');
      orders.recordStaffPayment(orderId, staffName);
    },
    /**
     * Stops the devices. A print job or payment that runs is given `shutdownGraceMs` to finish, so its
     * outcome is journaled (a receipt that came out whole is not later reported "not confirmed").
     */
    async close(): Promise<void> {
      const running = Promise.all([tickets?.settled(), payments?.settled()]);
      let timer: NodeJS.Timeout | undefined;
      const graceOver = new Promise<'grace_over'>((resolve) => (timer = setTimeout(() => resolve('grace_over'), options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS)));
      const finished = await Promise.race([running.then(() => 'finished' as const), graceOver]);
      clearTimeout(timer);
      if (finished === 'grace_over') log.warn({ event: 'device_jobs_cut_at_shutdown', graceMs: options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS }, 'devices closed while a job still ran');
      await connections.close();
      // With the ports closed, what still ran ends now and journals its failure.
      await running;
      journal?.close();
    },
  };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
