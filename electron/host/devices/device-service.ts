// The host's device service: the receipt printer and the card terminal behind the kiosk contract,
// joined from its parts – connections (open on first use), payments, tickets and status – over one
// journal (device-journal.ts), the host's only memory of what it asked the devices to do.
import { join } from 'node:path';
import type { KioskEvent } from '../../../common/contract/index';
import type { Menu, StoreConfig } from '../../../common/menu/schema';
import type { CardTerminalOptions } from '../../../hardware/terminal/card-terminal';
import type { KioskHandlers } from '../dispatcher';
import { silentLogger, type Logger } from '../log';
import { createDeviceConnections } from './connections';
import { DeviceJournal } from './device-journal';
import { createPayments } from './payments';
import { createDeviceStatus } from './status';
import { createTickets } from './tickets';

export { printerStateOf } from './status';

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
  log?: Logger;
  now?: () => Date;
}

type DeviceHandlers = Pick<KioskHandlers, 'getDeviceStatus' | 'payByCard' | 'abortPayment' | 'resolvePayment' | 'printTicket' | 'getTicketStatus'>;

export function createDeviceService(options: DeviceServiceOptions) {
  const log = options.log ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const journal = new DeviceJournal(join(options.dataDir, DEVICE_JOURNAL_FILE));
  const connections = createDeviceConnections({
    store: options.store,
    terminalOptions: options.terminalOptions,
    log,
    // Called only once a printer is open, long after `status` below exists.
    onPrinterStatus: (printerStatus) => status.printerChanged(printerStatus),
  });
  const payments = createPayments({ store: options.store, journal, connections, emit: options.emit, log, now });
  const tickets = createTickets({ store: options.store, menu: options.menu, journal, connections, log, now });
  const status = createDeviceStatus({ connections, terminalBusy: payments.busy, emit: options.emit });

  const handlers: DeviceHandlers = { getDeviceStatus: status.getDeviceStatus, ...payments.handlers, ...tickets.handlers };

  return {
    handlers,
    journal,
    async close(): Promise<void> {
      await connections.close();
      journal.close();
    },
  };
}

export type DeviceService = ReturnType<typeof createDeviceService>;
