// Starting the store bus from the kiosk host: by default an embedded broker with
// this kiosk signed in to it (a single kiosk works alone); with brokerUrl, only
// the link to an external broker (Mosquitto, EMQX) with the given credentials.
import { randomBytes } from 'node:crypto';
import { startEmbeddedBroker, type EmbeddedBroker } from './broker';
import type { Logger } from '../log';
import { hashPassword, loadStoreBusUsers, type StoreBusUser } from './credentials';
import type { DisplayBrand } from './staff-console-server';
import type { LockoutPolicy } from './login-guard';
import { embeddedStaffPinCheck, externalStaffPinCheck } from './staff-pin';
import { connectStoreLink, openStoreLink } from './store-link';
import type { KioskStatusReport, StoreLink } from './types';

export interface StoreBusOptions {
  store: string;
  kioskId: string;
  /** An external broker; without it the embedded broker starts. */
  brokerUrl?: string;
  /** This kiosk's credentials on the external broker (required with brokerUrl). */
  credentials?: { username: string; password: string };
  /** Embedded broker only: the other users (staff, operators, POS, other kiosks), inline or from a JSON file. */
  users?: StoreBusUser[];
  usersFile?: string;
  embedded?: {
    host?: string;
    tcpPort?: number;
    wsPort?: number;
    lockout?: LockoutPolicy;
    /** dist/renderer: serves the staff console at http://host:wsPort/staff/ and the order status display at /display/. */
    staffConsoleDir?: string;
    /** The display's store name and theme, and the folder the theme's files are served from. */
    displayBrand?: DisplayBrand;
    /** Host names tablets use to reach the console (IP addresses always work). */
    allowedHostnames?: string[];
    /** Where the broker keeps its retained messages across restarts (the host's data dir). */
    retainedFile?: string;
  };
  initialStatus?: KioskStatusReport;
  keepaliveSeconds?: number;
  /** The store link's log lines. */
  log?: (line: string) => void;
  /** The embedded broker's events. */
  logger?: Logger;
}

export interface StoreBus {
  link: StoreLink;
  /** The broker the link uses. */
  brokerUrl: string;
  /** Staff sign-in at this kiosk (staff mode); rejects with KioskCallError wrong_pin (also for a name that is not staff) or locked_out. */
  verifyStaffPin(username: string, pin: string): Promise<{ manager: boolean }>;
  broker?: Pick<EmbeddedBroker, 'tcpPort' | 'wsPort' | 'tcpUrl' | 'wsUrl' | 'staffConsoleUrl' | 'displayUrl' | 'setUser' | 'close'>;
  close(): Promise<void>;
}

export async function startStoreBus(options: StoreBusOptions): Promise<StoreBus> {
  const linkOptions = {
    store: options.store,
    kioskId: options.kioskId,
    ...(options.initialStatus ? { initialStatus: options.initialStatus } : {}),
    ...(options.keepaliveSeconds ? { keepaliveSeconds: options.keepaliveSeconds } : {}),
    ...(options.log ? { log: options.log } : {}),
  };
  if (options.brokerUrl) {
    if (!options.credentials) throw new Error(`store bus: credentials are required to connect to ${options.brokerUrl}`);
    // Not waiting for the broker: the kiosk starts and takes orders while it is unreachable.
    const { link, ready } = openStoreLink({ ...linkOptions, url: options.brokerUrl, ...options.credentials });
    ready.catch((error: unknown) => options.log?.(`store bus: ${error instanceof Error ? error.message : String(error)}`));
    return { link, brokerUrl: options.brokerUrl, verifyStaffPin: externalStaffPinCheck(options.brokerUrl, options.store, options.kioskId), close: () => link.close() };
  }

  const users = [...(options.users ?? []), ...(options.usersFile ? loadStoreBusUsers(options.usersFile) : [])];
  // This kiosk's own user on its own broker: a fresh secret each start, kept only in memory.
  const username = `kiosk-${options.kioskId}`;
  const password = randomBytes(24).toString('base64url');
  const self: StoreBusUser = { username, role: 'kiosk', store: options.store, kiosk: options.kioskId, passwordHash: await hashPassword(password) };
  const broker = await startEmbeddedBroker({
    users: [...users.filter((user) => user.username !== username), self],
    ...(options.embedded?.host ? { host: options.embedded.host } : {}),
    ...(options.embedded?.tcpPort !== undefined ? { tcpPort: options.embedded.tcpPort } : {}),
    ...(options.embedded?.wsPort !== undefined ? { wsPort: options.embedded.wsPort } : {}),
    ...(options.embedded?.lockout ? { lockout: options.embedded.lockout } : {}),
    ...(options.embedded?.allowedHostnames ? { allowedHostnames: options.embedded.allowedHostnames } : {}),
    ...(options.embedded?.retainedFile ? { retainedFile: options.embedded.retainedFile } : {}),
    ...(options.embedded?.staffConsoleDir
      ? { staffConsole: { rendererDir: options.embedded.staffConsoleDir, store: options.store, ...(options.embedded.displayBrand ? { brand: options.embedded.displayBrand } : {}) } }
      : {}),
    ...(options.logger ? { log: options.logger } : {}),
  });
  try {
    const link = await connectStoreLink({ ...linkOptions, url: broker.tcpUrl, username, password });
    return {
      link,
      brokerUrl: broker.tcpUrl,
      verifyStaffPin: embeddedStaffPinCheck(broker, options.store),
      broker,
      async close() {
        await link.close();
        await broker.close();
      },
    };
  } catch (error) {
    await broker.close();
    throw error;
  }
}

export { startEmbeddedBroker, DEFAULT_TCP_PORT, DEFAULT_WS_PORT, MQTT_WS_PATH, STAFF_CONSOLE_PATH } from './broker';
export { connectStoreLink, openStoreLink, type StoreLinkOptions } from './store-link';
export { createStaffHandlers, type StaffHandlers, type StaffHandlerOptions } from './staff-handlers';
export { hashPassword, verifyPassword, loadStoreBusUsers, type StoreBusUser, type Role } from './credentials';
export { LoginGuard, DEFAULT_LOCKOUT, KIOSK_SCREEN, type LockoutPolicy } from './login-guard';
export { mayPublish, maySubscribe } from './acl';
export * from './types';
