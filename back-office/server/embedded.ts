// The back office in the embedded setup: the kiosk host that runs the store bus broker
// starts it too, on its own port, with its own broker user (a secret made at each start,
// kept in memory, like the kiosk's own). Settings come from the environment.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Menu, StoreConfig } from '../../common/menu/schema';
import { hashPassword, loadStoreBusUsers, type StoreBusUser } from '../../electron/host/store-bus/credentials';
import type { Logger } from '../../electron/host/log';
import { databaseTarget } from './db/open';
import { parseClockTime } from './closing-time';
import { DEFAULT_CLOSING_TIME, DEFAULT_RETENTION_DAYS, startBackOffice, type RunningBackOffice } from './start';

export const DEFAULT_BACK_OFFICE_PORT = 9002;
/** The back office's user on the embedded broker. */
export const BACK_OFFICE_BUS_USER = 'back-office';

export interface EmbeddedBackOfficeOptions {
  store: StoreConfig;
  menuPath: string;
  menu: Menu;
  dataDir: string;
  rendererDir: string;
  broker: { tcpUrl: string; setUser(user: StoreBusUser): void };
  /** The embedded broker's users file: operators and staff sign in with it. */
  usersFile: string | undefined;
  /**
   * COUNTERPART_BACK_OFFICE=off (do not start), COUNTERPART_BACK_OFFICE_PORT (9002, 0 = any),
   * COUNTERPART_BACK_OFFICE_HOST (default: the broker's COUNTERPART_STORE_BUS_HOST, else loopback),
   * COUNTERPART_BACK_OFFICE_DB (a SQLite file, default back-office.sqlite in the data dir, or postgres://…),
   * COUNTERPART_BACK_OFFICE_CLOSING_TIME (23:00), COUNTERPART_BACK_OFFICE_RETENTION_DAYS (400),
   * COUNTERPART_BACK_OFFICE_HOSTNAMES (names besides localhost and IP addresses, comma separated).
   */
  env: NodeJS.ProcessEnv;
  log: Logger;
}

const numberFrom = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number => {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
};

export async function startEmbeddedBackOffice(options: EmbeddedBackOfficeOptions): Promise<RunningBackOffice | null> {
  const { env } = options;
  if (env.COUNTERPART_BACK_OFFICE === 'off') return null;
  const closingTime = env.COUNTERPART_BACK_OFFICE_CLOSING_TIME || DEFAULT_CLOSING_TIME;
  if (parseClockTime(closingTime) === null) throw new Error(`COUNTERPART_BACK_OFFICE_CLOSING_TIME must be "HH:MM", got "${closingTime}"`);
  const password = randomBytes(24).toString('base64url');
  options.broker.setUser({ username: BACK_OFFICE_BUS_USER, role: 'operator', store: options.store.storeId, passwordHash: await hashPassword(password) });
  const usersFile = options.usersFile;
  return startBackOffice({
    store: options.store,
    menuPath: options.menuPath,
    fileMenu: options.menu,
    database: databaseTarget(env.COUNTERPART_BACK_OFFICE_DB || join(options.dataDir, 'back-office.sqlite')),
    bus: { url: options.broker.tcpUrl, username: BACK_OFFICE_BUS_USER, password },
    users: () => (usersFile ? loadStoreBusUsers(usersFile) : []),
    rendererDir: options.rendererDir,
    http: {
      host: env.COUNTERPART_BACK_OFFICE_HOST || env.COUNTERPART_STORE_BUS_HOST || '127.0.0.1',
      port: numberFrom(env, 'COUNTERPART_BACK_OFFICE_PORT', DEFAULT_BACK_OFFICE_PORT, 0, 65535),
      hostnames: (env.COUNTERPART_BACK_OFFICE_HOSTNAMES ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean),
    },
    closingTime,
    retentionDays: numberFrom(env, 'COUNTERPART_BACK_OFFICE_RETENTION_DAYS', DEFAULT_RETENTION_DAYS, 1, 100_000),
    log: options.log,
  });
}
