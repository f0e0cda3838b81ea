// The kiosk host's store bus service: starts the store bus (the embedded broker by
// default, an external broker when the store config names one), answers the
// store-bus contract calls (call staff, staff mode, outbox delivery), keeps the
// kiosk's retained status up to date, and forwards staff updates as host events.
// The host never waits for the broker: while it is unreachable the kiosk keeps
// taking orders, the outbox keeps them, and "Call staff" says to ask at the counter.
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { KioskCallError, type KioskEvent } from '../../common/contract/index';
import type { kioskStaffCalls, OutboxDelivery } from '../../common/contract/staff';
import type { AvailabilityMessage, HandoffMessage, KioskOnlineStatus, OrderMessage } from '../../common/store-bus/messages';
import type { Menu, StoreConfig } from '../../common/menu/schema';
import { DEMO_USERS_PATH } from './config';
import { ensurePrivateFile, isReadableByOthers } from './private-files';
import { silentLogger, type Logger } from './log';
import { DEFAULT_LOCKOUT, KIOSK_SCREEN, LoginGuard, type LockoutPolicy } from './store-bus/login-guard';
import { RETAINED_FILE } from './store-bus/retained-store';
import { createLoggedComps, createOrderClaims, type OrderClaimsOptions, type PaidVerdict } from './store-bus/order-claims';
import type { LoggedComp } from './devices/order-book';
import { createStaffHandlers, type StaffHandlers } from './store-bus/staff-handlers';
import { startStoreBus, type StoreBus } from './store-bus';
import { StoreLinkOfflineError, StoreLinkTimeoutError } from './store-bus/types';

type Calls = typeof kioskStaffCalls;
export type StoreServiceHandlers = {
  [N in keyof Calls]: (input: z.output<Calls[N]['input']>) => Promise<z.output<Calls[N]['output']>>;
};

export type KioskDevices = KioskOnlineStatus['devices'];

export interface StoreServiceOptions {
  store: StoreConfig;
  /** The store bus (and with it the embedded broker) starts once this says true (false: the host closed first); at once without it. */
  startAfter?: Promise<boolean>;
  /** The menu version now being served (it goes into the retained kiosk status). */
  menuVersion: () => string;
  /** The menu now being served: published retained for the staff console (names in the store's language, sold-out lists). */
  menu?: () => Menu;
  /** Where the staff audit log (staff-actions.jsonl) is kept. */
  dataDir: string;
  /** The store config file: a store-bus-users.json next to it lists the embedded broker's users. */
  storeConfigPath: string;
  /** dist/renderer, so the embedded broker serves the staff console. */
  staffConsoleDir?: string;
  emit: (event: KioskEvent) => void;
  /**
   * Embedded broker settings (environment by default): COUNTERPART_STORE_BUS_HOST (loopback),
   * COUNTERPART_STORE_BUS_PORT (1883), COUNTERPART_STORE_BUS_WS_PORT (9001; the console page too),
   * COUNTERPART_STORE_BUS_USERS (a users file; default store-bus-users.json beside the store config),
   * COUNTERPART_STORE_BUS_HOSTNAMES (comma-separated host names tablets use for the console; IP addresses always work).
   */
  env?: NodeJS.ProcessEnv;
  lockout?: LockoutPolicy;
  /**
   * Whether an order the outbox delivers as paid is paid as far as the host knows (the device
   * journal: an approved payment of the host's total, or a staff confirmation). Without it, no
   * order is delivered as paid unless staff or a POS signed it paid on the bus.
   */
  checkPaid?: (order: OrderMessage) => PaidVerdict;
  /**
   * Whether each order the outbox delivers may reach the store: one the host placed, or places now
   * (the device journal). Without it, orders go as the page wrote them (tests of the bus alone).
   */
  vouch?: OrderClaimsOptions['vouch'];
  /** A staff member signed in at this kiosk confirmed an order paid (staff mode): journal it. */
  recordStaffPayment?: (orderId: string, staffName: string) => void;
  /** A staff session ends after this long without a staff action. */
  staffSessionIdleMs?: number;
  log?: Logger;
}

export interface StoreBusInfo {
  brokerUrl: string;
  /** Only when this kiosk runs the embedded broker and serves the console. */
  staffConsoleUrl?: string;
  /** The order status display page (with the staff console). */
  displayUrl?: string;
}

/** The device service's state, as the store bus's kiosk status says it (the same enums: staff see the cause). */
export const devicesForStoreBus = (status: KioskDevices): KioskDevices => ({ printer: status.printer, terminal: status.terminal });

const DEFAULT_STAFF_SESSION_IDLE_MS = 15 * 60_000;

const portFrom = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`${name} must be a port number from 0 to 65535, got "${text}"`);
  return port;
};

/**
 * Why a staff action needs a manager, or undefined: every cancellation, and a comp whose waived
 * total (detail.waivedTotal, minor units) is above the store's limit. A comp that does not say
 * what it waives counts as above any limit.
 */
export function managerNeededFor(input: { action: string; detail?: Record<string, unknown> | undefined }, compLimit: number | undefined): string | undefined {
  if (input.action === 'order_cancelled') return 'cancelling an order needs a manager';
  if (input.action !== 'item_comped' || compLimit === undefined) return undefined;
  const waived = input.detail?.waivedTotal;
  if (typeof waived !== 'number' || !Number.isFinite(waived)) return `a comp must say what it waives (detail.waivedTotal) when comps above ${compLimit} need a manager`;
  return waived > compLimit ? `a comp of ${waived} is above the store's limit of ${compLimit} (staffMode.managerCompAbove)` : undefined;
}

const isUnreachable = (error: unknown): boolean => error instanceof StoreLinkOfflineError || error instanceof StoreLinkTimeoutError;
const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function startStoreService(options: StoreServiceOptions) {
  const env = options.env ?? process.env;
  const log = options.log ?? silentLogger;
  /** The store link (helper of the store bus) writes lines; they become events here. */
  const linkLog = (line: string): void => log.info({ event: 'store_link' }, line);
  const idleMs = options.staffSessionIdleMs ?? DEFAULT_STAFF_SESSION_IDLE_MS;
  const { store } = options;
  let devices: KioskDevices = { printer: 'ok', terminal: 'ok' };
  let closed = false;
  /** The latest availability message seen on the bus (what is sold out now). */
  let availability: AvailabilityMessage | null = null;
  let publishedMenuVersion: string | undefined;
  /** The served menu goes on the bus once per version (and again after every reconnect, by the link). */
  const publishServedMenu = (started: StoreBus): void => {
    const menu = options.menu?.();
    if (!menu || menu.version === publishedMenuVersion) return;
    publishedMenuVersion = menu.version;
    started.link
      .setMenu({ menuVersion: menu.version, locale: store.locale, menu: menu as unknown as Record<string, unknown> })
      .catch((error: unknown) => log.info({ event: 'served_menu_deferred', reason: message(error) }, 'served menu not published now; it is sent again after reconnecting'));
  };
  let embeddedUsersFile: string | undefined;
  const orderClaims = createOrderClaims({ checkPaid: options.checkPaid, vouch: options.vouch, log });

  const bus: Promise<StoreBus> = (async () => {
    if (options.startAfter && !(await options.startAfter)) throw new Error('the kiosk host closed before the store bus started');
    const common = {
      store: store.storeId,
      kioskId: store.kioskId,
      initialStatus: { devices, menuVersion: options.menuVersion() },
      log: linkLog,
      logger: log,
    };
    if (store.storeBus) {
      return startStoreBus({ ...common, brokerUrl: store.storeBus.url, credentials: { username: store.storeBus.username, password: store.storeBus.password } });
    }
    const defaultUsers = join(dirname(options.storeConfigPath), 'store-bus-users.json');
    const usersFile = env.COUNTERPART_STORE_BUS_USERS || (existsSync(defaultUsers) ? defaultUsers : undefined);
    embeddedUsersFile = usersFile;
    if (usersFile && resolve(usersFile) === DEMO_USERS_PATH) {
      log.warn({ event: 'store_bus_demo_users', usersFile }, 'staff sign in with the demo users (PINs published in README.md); give a real store its own file (COUNTERPART_STORE_BUS_USERS)');
    } else if (usersFile && existsSync(usersFile) && isReadableByOthers(usersFile)) {
      // A real store's password hashes: only the kiosk's user should read them (the demo file is public anyway).
      log.warn({ event: 'store_bus_users_file_readable', usersFile }, `other local users can read the store bus users' password hashes; run: chmod 600 ${usersFile}`);
    }
    return startStoreBus({
      ...common,
      ...(usersFile ? { usersFile } : {}),
      embedded: {
        host: env.COUNTERPART_STORE_BUS_HOST || '127.0.0.1',
        tcpPort: portFrom(env, 'COUNTERPART_STORE_BUS_PORT', 1883),
        wsPort: portFrom(env, 'COUNTERPART_STORE_BUS_WS_PORT', 9001),
        lockout: options.lockout ?? DEFAULT_LOCKOUT,
        allowedHostnames: (env.COUNTERPART_STORE_BUS_HOSTNAMES ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''),
        retainedFile: join(options.dataDir, RETAINED_FILE),
        ...(options.staffConsoleDir ? { staffConsoleDir: options.staffConsoleDir } : {}),
        displayBrand: { storeName: store.storeName, theme: store.theme, brandDir: dirname(options.storeConfigPath) },
      },
    });
  })();

  // Staff handlers (help requests) once the bus is up; a bus that failed to start stays failed
  // and every call answers as "unreachable" (the reason is in the log).
  const staff: Promise<{ handlers: StaffHandlers; dispose(): void; bus: StoreBus }> = bus.then(async (started) => {
    if (closed) {
      await started.close();
      throw new Error('the store service was closed while starting');
    }
    const created = createStaffHandlers({ link: started.link, verifyStaffPin: started.verifyStaffPin, emit: options.emit, log: linkLog });
    const stopOrderUpdates = started.link.onOrderUpdate((update) => orderClaims.seen(update));
    const stopAvailability = started.link.onAvailability((next) => {
      availability = next;
      options.emit({ type: 'storeBus.availability', availability: next });
    });
    publishServedMenu(started);
    return { ...created, dispose: () => (created.dispose(), stopAvailability(), stopOrderUpdates()), bus: started };
  });
  staff.catch((error: unknown) => log.error({ event: 'store_bus_not_started', reason: message(error) }, 'store bus not started; the kiosk takes orders and keeps them until it can reach the store'));

  const ready = async () => {
    try {
      return await staff;
    } catch (error) {
      throw new KioskCallError('unavailable', `the store bus is not running (${message(error)})`);
    }
  };

  // ---- staff sessions: opened by name + PIN, every action names its session.
  const sessions = new Map<string, { staffName: string; openedAt: string; lastUsed: number; manager: boolean }>();
  // The embedded broker limits sign-ins itself (shared with MQTT sign-in); an external broker may not, so the kiosk does.
  const externalGuard = store.storeBus ? new LoginGuard(options.lockout ?? DEFAULT_LOCKOUT) : undefined;
  const auditLog = join(options.dataDir, 'staff-actions.jsonl');
  const comps = createLoggedComps(auditLog);

  const session = (staffSessionId: string) => {
    const found = sessions.get(staffSessionId);
    if (!found || Date.now() - found.lastUsed > idleMs) {
      sessions.delete(staffSessionId);
      throw new KioskCallError('session_ended', 'the staff session has ended; sign in again with your name and PIN');
    }
    found.lastUsed = Date.now();
    return found;
  };

  let auditLogPrivate = false;
  const audit = async (entry: Record<string, unknown>): Promise<void> => {
    if (!auditLogPrivate) {
      ensurePrivateFile(auditLog); // names and reasons of staff actions: the kiosk's user only
      auditLogPrivate = true;
    }
    await appendFile(auditLog, JSON.stringify(entry) + '\n');
  };

  const handlers: StoreServiceHandlers = {
    async callStaff(input) {
      let current;
      try {
        current = await staff;
      } catch {
        // No broker at all: the kiosk says to ask at the counter; the id keeps the answer's shape.
        return { handoffId: randomUUID(), outcome: 'ask_at_counter' };
      }
      return current.handlers.callStaff(input);
    },
    async cancelHelpRequest(input) {
      return (await ready()).handlers.cancelHelpRequest(input);
    },
    async getHelpRequest(input) {
      const current = await staff.catch(() => undefined);
      return current ? current.handlers.getHelpRequest(input) : { handoff: null };
    },
    async getStoreBusStatus() {
      const current = await staff.catch(() => undefined);
      return { online: current?.bus.link.online ?? false };
    },
    async getAvailability() {
      return { availability };
    },

    async deliverOutboxMessages({ messages }) {
      const { bus: started } = await ready();
      if (!started.link.online) throw new KioskCallError('unavailable', `the store bus at ${started.brokerUrl} is not connected; the outbox sends again after reconnecting`);
      const orders = messages.flatMap((input) => (input.kind === 'order' ? [input.order] : []));
      const orderRefusals = orderClaims.refusals(orders);
      let orderIndex = 0;
      const refusals = messages.map((input) => (input.kind === 'order' ? orderRefusals[orderIndex++] : undefined));
      // All published at once (QoS 1, in order on the link's one connection); each answers on its own PUBACK.
      const settled = await Promise.allSettled(
        messages.map((input, index) => {
          if (refusals[index]) return Promise.resolve();
          // A message the link refuses outright (it throws) is that message's outcome, not the batch's.
          return new Promise<void>((resolve) =>
            resolve(input.kind === 'order' ? started.link.publishOrder(input.order) : started.link.publishEvent({ ...input.event, storeId: store.storeId, kioskId: store.kioskId })),
          );
        }),
      );
      return {
        results: settled.map((result, index): OutboxDelivery => {
          const refused = refusals[index];
          if (refused) return refused;
          if (result.status === 'fulfilled') return { outcome: 'delivered' };
          return { outcome: isUnreachable(result.reason) ? 'unavailable' : 'refused', reason: message(result.reason) };
        }),
      };
    },

    async verifyStaffPin({ username, pin }) {
      // Counted before the broker is asked, so pipelined guesses cannot all get through.
      const admission = externalGuard?.admit(username, KIOSK_SCREEN);
      if (admission && !admission.admitted) {
        throw new KioskCallError('locked_out', `staff sign-in refused for ${username}: locked out after repeated wrong PINs or too many attempts, try again later`);
      }
      let manager: boolean;
      try {
        const { handlers: staffHandlers } = await ready();
        ({ manager } = await staffHandlers.staffSignIn({ username, pin }));
        admission?.settle('succeeded');
      } catch (error) {
        // Only a refusal counts as a wrong PIN; an unreachable broker says nothing about the PIN.
        admission?.settle(error instanceof KioskCallError && error.code === 'wrong_pin' ? 'failed' : 'unchecked');
        await audit({ at: new Date().toISOString(), action: 'sign_in_refused', username, kioskId: store.kioskId, reason: message(error) }).catch(() => undefined);
        throw error;
      }
      const staffSessionId = randomUUID();
      const openedAt = new Date().toISOString();
      sessions.set(staffSessionId, { staffName: username, openedAt, lastUsed: Date.now(), manager });
      return { staffSessionId, staffName: username, openedAt, manager };
    },

    async endStaffSession({ staffSessionId }) {
      return { ended: sessions.delete(staffSessionId) };
    },

    async logStaffAction(input) {
      const { staffName, manager } = session(input.staffSessionId);
      const at = new Date().toISOString();
      const { staffSessionId: _session, ...what } = input;
      if (input.action === 'item_comped') {
        // A comp names the line and what it gives away: the order's line is held to both (order-book.ts).
        const { lineId, waivedTotal } = input.detail ?? {};
        if (typeof lineId !== 'string' || lineId === '' || typeof waivedTotal !== 'number' || !Number.isInteger(waivedTotal) || waivedTotal < 0) {
          throw new KioskCallError('bad_request', 'logStaffAction: item_comped needs detail.lineId (the line) and detail.waivedTotal (its gross total in minor units, a whole number from 0)');
        }
      }
      const needs = managerNeededFor(input, store.staffMode.managerCompAbove);
      if (needs && !manager) {
        await audit({ at, staffName, kioskId: store.kioskId, ...what, refused: 'manager_required' });
        throw new KioskCallError('manager_required', `${input.action} by ${staffName} refused: ${needs}`);
      }
      // A payment in doubt that staff checked and confirmed: signed by the session the host opened, journaled
      // before the answer, so the order may reach the store as paid.
      if (input.action === 'payment_resolved' && input.detail?.paid === true && input.orderId && options.recordStaffPayment) {
        options.recordStaffPayment(input.orderId, staffName);
      }
      await audit({ at, staffName, kioskId: store.kioskId, ...what });
      comps.remember({ action: input.action, staffName, at, detail: input.detail });
      return { staffName, at };
    },

    async resolveHelpRequest({ staffSessionId, handoffId, outcome, note }) {
      const { staffName } = session(staffSessionId);
      const { handlers: staffHandlers, bus: started } = await ready();
      const { handoff } = await staffHandlers.getHelpRequest({});
      if (!handoff || handoff.handoffId !== handoffId) return { resolved: false };
      const resolved: HandoffMessage = {
        ...handoff,
        state: 'resolved',
        // Signed by this kiosk (the broker refuses a kiosk signing as staff), naming who it signed in.
        resolvedBy: { role: 'kiosk', name: started.link.username },
        staffName,
        resolvedAt: new Date().toISOString(),
        outcome,
        ...(note ? { note } : {}),
      };
      try {
        await started.link.publishHandoff(resolved);
      } catch (error) {
        if (isUnreachable(error)) throw new KioskCallError('unavailable', message(error));
        throw error;
      }
      return { resolved: true };
    },
  };

  return {
    handlers,
    /** Whether a staff member signed in at this kiosk logged this comp (the name and time on the line, and its line). */
    loggedComp: (comp: { by: string; at: string }, lineId: string): LoggedComp | undefined => comps.logged(comp, lineId),
    /** Where the store bus runs (and the staff console, when embedded); rejects if it did not start. */
    async info(): Promise<StoreBusInfo> {
      const { bus: started } = await staff;
      const { staffConsoleUrl, displayUrl } = started.broker ?? {};
      return { brokerUrl: started.brokerUrl, ...(staffConsoleUrl ? { staffConsoleUrl } : {}), ...(displayUrl ? { displayUrl } : {}) };
    },
    /** The embedded broker (null with an external one), for the back office: its address, a way to add its user, the users file. */
    async embeddedBroker(): Promise<{ tcpUrl: string; setUser: NonNullable<StoreBus['broker']>['setUser']; usersFile: string | undefined } | null> {
      const { bus: started } = await staff;
      return started.broker ? { tcpUrl: started.broker.tcpUrl, setUser: (user) => started.broker!.setUser(user), usersFile: embeddedUsersFile } : null;
    },
    /** The store link once the bus started (e.g. for the menu service to follow published menus). */
    async link(): Promise<StoreBus['link']> {
      return (await staff).bus.link;
    },
    /** The printer's and terminal's state changed, or a new menu is served: republish the retained kiosk status. */
    reportStatus(next: KioskDevices = devices): void {
      devices = next;
      void staff
        .then(({ bus: started }) => {
          publishServedMenu(started);
          return started.link.setStatus({ devices, menuVersion: options.menuVersion() });
        })
        .catch((error: unknown) => log.info({ event: 'kiosk_status_deferred', reason: message(error) }, 'kiosk status not published now; it is sent again after reconnecting'));
    },
    async close(): Promise<void> {
      closed = true;
      const current = await staff.catch(() => undefined);
      if (!current) return;
      current.dispose();
      await current.bus.close();
    },
  };
}

export type StoreService = ReturnType<typeof startStoreService>;
