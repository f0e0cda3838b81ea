// The kiosk host: the services behind the kiosk contract, shared by Electron's
// main process and the browser shell (only the transport differs). Config is
// loaded and validated once at start (as `menu:check` does); a bad file stops the
// host with a message naming the file, the JSON path and the reason.
import { dirname, resolve } from 'node:path';
import { kioskEvent, type KioskEvent } from '../../common/contract/index';
import { publicStoreConfigOf, type Menu, type StoreConfig } from '../../common/menu/schema';
import { ConfigError, DEFAULT_MENU_PATH, DEFAULT_STORE_PATH, demoConfigProblems } from './config';
import { defaultDataDir } from './paths';
import { createDeviceService } from './devices/device-service';
import { createDispatcher, type KioskHandlers } from './dispatcher';
import { createLogger, type Logger } from './log';
import type { StoreBusUser } from './store-bus/credentials';
import { devicesForStoreBus, startStoreService } from './store-service';
import { pageFirstGate } from './page-first';
import { createMenuService, loadStartConfig, type MenuService } from './menu-service';
import { startHostSpeech } from './speech/index';
import { ensurePrivateDir } from './private-files';

/** What the host hands an app it starts beside its embedded broker. */
export interface BesideBrokerContext {
  store: StoreConfig;
  menuPath: string;
  menu: Menu;
  dataDir: string;
  rendererDir: string;
  broker: { tcpUrl: string; setUser(user: StoreBusUser): void };
  usersFile: string | undefined;
  env: NodeJS.ProcessEnv;
  log: Logger;
}
export type StartBackOffice = (context: BesideBrokerContext) => Promise<{ url: string; close(): Promise<void> } | null>;

export interface KioskHostOptions {
  storeConfigPath?: string;
  menuPath?: string;
  /** Where host services keep their files (logs, device journals). */
  dataDir?: string;
  /** dist/renderer: the embedded store bus broker serves the staff console from it. */
  staffConsoleDir?: string;
  /** The host's events (default: the process logger on stderr). */
  log?: Logger;
  /** Starts the back office beside the embedded broker (back-office/server/embedded.ts); none when absent. */
  startBackOffice?: StartBackOffice;
  /** A packaged kiosk without the demo flag: the sample store and the demo users are refused. */
  refuseDemo?: boolean;
  /**
   * The kiosk's own start: the store bus, its broker and the back office wait until the kiosk page
   * has its startup data and a moment more (or PAGE_WAIT_LIMIT_MS without a page), so the page does
   * not share the kiosk PC's cores with them while it loads. Off for a host without a page (tests).
   */
  pageFirst?: boolean;
}


/** URL path (relative to the renderer page) under which menu images are served. */
export const ASSET_BASE = 'menu-assets/';

export type KioskEventListener = (event: KioskEvent) => void;

export interface LoadedConfig {
  store: StoreConfig;
  menu: Menu;
  storeConfigPath: string;
  menuPath: string;
}

export { defaultDataDir };

// ---- handler groups: each service contributes the calls it answers.

function startupHandlers(config: LoadedConfig, menus: MenuService, onAsked: () => void): Pick<KioskHandlers, 'getStartup'> {
  return {
    // The public view: device ports, the terminal password and store-bus credentials stay here.
    // The menu travels once per version: a page that has this one cached gets only its version.
    getStartup: ({ cachedMenuVersion }) => {
      onAsked();
      const menu = menus.current();
      const sendMenu = cachedMenuVersion !== menu.version;
      return { store: publicStoreConfigOf(config.store), menuVersion: menu.version, assetBase: ASSET_BASE, ...(sendMenu ? { menu } : {}) };
    },
  };
}

export function createKioskHost(options: KioskHostOptions = {}) {
  const storeConfigPath = resolve(options.storeConfigPath ?? process.env.COUNTERPART_STORE ?? DEFAULT_STORE_PATH);
  const menuPath = resolve(options.menuPath ?? process.env.COUNTERPART_MENU ?? DEFAULT_MENU_PATH);
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  const log = options.log ?? createLogger();
  if (options.refuseDemo) {
    const problems = demoConfigProblems(storeConfigPath, process.env);
    if (problems.length > 0) throw new ConfigError(problems);
  }
  ensurePrivateDir(dataDir);

  const { store, menu } = loadStartConfig({ storeConfigPath, menuPath, dataDir, log: (line) => log.warn({ event: 'menu_start_fallback' }, line) });
  const config: LoadedConfig = { store, menu, storeConfigPath, menuPath };

  const menus = createMenuService({ store, menu, menuPath, dataDir, log: (line) => log.info({ event: 'menu_service' }, line) });
  menus.watchMenuFile();

  const listeners = new Set<KioskEventListener>();
  const emit = (event: KioskEvent): void => {
    const checked = kioskEvent.parse(event);
    for (const listener of listeners) {
      try {
        listener(checked);
      } catch (error) {
        log.error({ event: 'host_event_listener_failed', type: checked.type, err: error }, 'an event listener failed');
      }
    }
  };

  menus.onUpdated((updated) => emit({ type: 'menu.updated', version: updated.version, at: new Date().toISOString() }));

  const background = options.pageFirst ? pageFirstGate() : undefined;

  // The store bus starts in the background: the kiosk takes orders while the broker is unreachable.
  const storeService = startStoreService({
    ...(background ? { startAfter: background.open } : {}),
    store,
    menuVersion: () => menus.current().version,
    menu: () => menus.current(),
    dataDir,
    storeConfigPath,
    ...(options.staffConsoleDir ? { staffConsoleDir: options.staffConsoleDir } : {}),
    emit,
    log,
    // The store hears "paid" only from the device journal (called once the devices exist, below).
    checkPaid: (order) => devices.checkPaid(order),
    vouch: (orders) => devices.vouch(orders),
    recordStaffPayment: (orderId, staffName) => devices.recordStaffPayment(orderId, staffName),
  });

  // Printer and card terminal open on first use: the host starts even when a port is missing.
  const devices = createDeviceService({ store, menu: () => menus.current(), menuFor: (version) => menus.served(version), dataDir, emit, log, loggedComp: storeService.loggedComp });

  // Speech output for speech-and-keypad mode; a kiosk without the engine runs on and logs why.
  const speech = startHostSpeech({ store, emit, log });

  // The back office (menu editor, sold out, reports) runs beside the embedded broker, on its own port.
  // The app that starts the host hands it in (back-office/server/embedded.ts): the host knows no app.
  const startBackOffice = options.startBackOffice;
  const backOffice =
    startBackOffice && options.staffConsoleDir
      ? storeService
          .embeddedBroker()
          .then((broker) =>
            broker ? startBackOffice({ store, menuPath, menu: menus.current(), dataDir, rendererDir: options.staffConsoleDir!, broker, usersFile: broker.usersFile, env: process.env, log }) : null,
          )
          .catch((error: unknown) => {
            // The kiosk takes orders without it; the reason is for whoever runs the store.
            log.error({ event: 'back_office_not_started', reason: error instanceof Error ? error.message : String(error) }, 'back office not started');
            return null;
          })
      : Promise.resolve(null);

  // The operator's published menus arrive on the store bus; the menu service validates each before serving it.
  storeService
    .link()
    .then((link) => menus.followStoreLink(link))
    .catch(() => undefined); // no store bus: the menu file and the last good menu serve
  menus.onUpdated(() => storeService.reportStatus());
  // The retained kiosk status on the store bus shows paper and terminal trouble to staff.
  listeners.add((event) => {
    if (event.type === 'device.status') storeService.reportStatus(devicesForStoreBus(event.status));
  });

  // The one place where the services' handler groups are joined into the contract.
  const handlers: KioskHandlers = {
    ...devices.handlers,
    ...storeService.handlers,
    ...startupHandlers(config, menus, () => background?.pageAsked()),
    ...menus.handlers(),
    ...speech.handlers,
  };

  return {
    handlers,
    dispatch: createDispatcher(handlers, { log }),
    onEvent(listener: KioskEventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    /** Directory of the menu file; only image files in it are served (never the JSON). */
    assetDir: dirname(menuPath),
    /** Directory of the store config file: the theme's logo and fonts are served from it (never the JSON). */
    brandDir: dirname(storeConfigPath),
    store: config.store,
    menu: config.menu,
    dataDir,
    config,
    /** The served menu; the store link's onMenu feeds it with menus.followStoreLink(link). */
    menus,
    storeService,
    /** Speech output; `speech.spoken` is what it was asked to say. */
    speech,
    /** The back office's address, when this host runs it (the embedded broker's host with the pages built). */
    async backOfficeUrl(): Promise<string | undefined> {
      return (await backOffice)?.url;
    },
    async close(): Promise<void> {
      menus.close();
      listeners.clear();
      // What still waits for the page never starts.
      background?.close();
      await (await backOffice)?.close();
      await storeService.close();
      await devices.close();
      await speech.close();
    },
  };
}

export type KioskHost = ReturnType<typeof createKioskHost>;
