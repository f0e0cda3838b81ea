// Starts the back office: its database (migrated), its store bus client (recording what
// it hears), closing time and retention, and its HTTP server. The HTTP server comes up
// even while the broker is unreachable (reports and the editor work; publishing waits).
import type { Menu, StoreConfig } from '../../common/menu/schema';
import type { StoreBusUser } from '../../electron/host/store-bus/credentials';
import type { LockoutPolicy } from '../../electron/host/store-bus/login-guard';
import type { Logger } from '../../electron/host/log';
import { silentLogger } from '../../electron/host/log';
import { createAuth } from './auth';
import { createBackOffice } from './back-office';
import { connectBackOfficeBus } from './bus';
import { openDatabase, type DatabaseTarget } from './db/open';
import { startBackOfficeHttp } from './http';

export interface StartBackOfficeOptions {
  store: StoreConfig;
  /** The kiosks' menu file: its folder holds the menu images. */
  menuPath: string;
  /** The menu the kiosks start with (recorded as the first known version). */
  fileMenu: Menu | null;
  database: DatabaseTarget;
  bus: { url: string; username: string; password: string };
  /** The store bus users (read at each sign-in, so a changed file needs no restart). */
  users: () => StoreBusUser[];
  /** dist/renderer (the page is in its back-office/ folder). */
  rendererDir: string;
  http: { host: string; port: number; hostnames?: string[]; secureCookie?: boolean };
  closingTime?: string;
  retentionDays?: number;
  lockout?: LockoutPolicy;
  log?: Logger;
}

export interface RunningBackOffice {
  url: string;
  /** The database file, or the PostgreSQL URL without its password. */
  databaseWhere: string;
  close(): Promise<void>;
}

export const DEFAULT_CLOSING_TIME = '23:00';
export const DEFAULT_RETENTION_DAYS = 400;
/** How long after connecting the broker's retained messages are awaited before republishing a lost menu. */
const RETAINED_SETTLE_MS = 1500;

export async function startBackOffice(options: StartBackOfficeOptions): Promise<RunningBackOffice> {
  const log = options.log ?? silentLogger;
  const database = await openDatabase(options.database);
  const backOffice = createBackOffice({
    store: options.store,
    database,
    menuPath: options.menuPath,
    busUsername: options.bus.username,
    closingTime: options.closingTime ?? DEFAULT_CLOSING_TIME,
    retentionDays: options.retentionDays ?? DEFAULT_RETENTION_DAYS,
    log,
  });
  try {
    await backOffice.start(options.fileMenu);
  } catch (error) {
    backOffice.close();
    await database.close();
    throw error;
  }
  const bus = connectBackOfficeBus({ ...options.bus, store: options.store.storeId, record: (messages) => backOffice.recorder.record(messages), log });
  backOffice.attachBus(bus);
  bus.ready.catch((error: unknown) => log.error({ event: 'back_office_bus_refused', error: String(error) }, 'the back office cannot sign in to the store bus'));
  let settleTimer: ReturnType<typeof setTimeout> | undefined;
  bus.onConnect(() => {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      backOffice.republishIfLost().catch((error: unknown) => log.error({ event: 'back_office_republish_failed', error: String(error) }, 'could not republish the menu'));
    }, RETAINED_SETTLE_MS);
  });

  const auth = createAuth({ users: options.users, store: options.store.storeId, ...(options.lockout ? { lockout: options.lockout } : {}) });
  let http;
  try {
    http = await startBackOfficeHttp({ backOffice, auth, rendererDir: options.rendererDir, ...options.http, log });
  } catch (error) {
    backOffice.close();
    await bus.close();
    await database.close();
    throw error;
  }
  log.info({ event: 'back_office_started', url: http.url, database: database.where }, 'back office started');
  return {
    url: http.url,
    databaseWhere: database.where,
    async close() {
      clearTimeout(settleTimer);
      backOffice.close();
      await http.close();
      await bus.close();
      await database.close();
    },
  };
}
