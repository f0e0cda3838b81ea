// The kiosk host: the services behind the kiosk contract, shared by Electron's
// main process and the browser shell (only the transport differs). Config is
// loaded and validated once at start (as `menu:check` does); a bad file stops the
// host with a message naming the file, the JSON path and the reason.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { kioskEvent, type KioskEvent } from '../../common/contract/index';
import type { Menu, StoreConfig } from '../../common/menu/schema';
import { DEFAULT_MENU_PATH, DEFAULT_STORE_PATH } from './config';
import { createDeviceService } from './devices/device-service';
import { createDispatcher, type KioskHandlers } from './dispatcher';
import { devicesForStoreBus, startStoreService } from './store-service';
import { createMenuService, loadStartConfig, type MenuService } from './menu-service';
import { createLogger } from './log';

export interface KioskHostOptions {
  storeConfigPath?: string;
  menuPath?: string;
  /** Where host services keep their files (logs, device journals). */
  dataDir?: string;
  /** dist/renderer: the embedded store bus broker serves the staff console from it. */
  staffConsoleDir?: string;
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

export const defaultDataDir = (): string =>
  process.env.COUNTERPART_DATA ??
  join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'counterpart');

// ---- handler groups: each service contributes the calls it answers.

function startupHandlers(config: LoadedConfig, menus: MenuService): Pick<KioskHandlers, 'getStartup'> {
  return {
    getStartup: () => ({ store: config.store, menu: menus.current(), assetBase: ASSET_BASE }),
  };
}

export function createKioskHost(options: KioskHostOptions = {}) {
  const storeConfigPath = resolve(options.storeConfigPath ?? process.env.COUNTERPART_STORE ?? DEFAULT_STORE_PATH);
  const menuPath = resolve(options.menuPath ?? process.env.COUNTERPART_MENU ?? DEFAULT_MENU_PATH);
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });

  const { store, menu } = loadStartConfig({ storeConfigPath, menuPath, dataDir, log: (line) => console.error(line) });
  const config: LoadedConfig = { store, menu, storeConfigPath, menuPath };

  const menus = createMenuService({ store, menu, menuPath, dataDir });
  menus.watchMenuFile();

  const listeners = new Set<KioskEventListener>();
  const emit = (event: KioskEvent): void => {
    const checked = kioskEvent.parse(event);
    for (const listener of listeners) {
      try {
        listener(checked);
      } catch (error) {
        console.error('kiosk host: an event listener failed', error);
      }
    }
  };

  menus.onUpdated((updated) => emit({ type: 'menu.updated', version: updated.version, at: new Date().toISOString() }));

  // The store bus starts in the background: the kiosk takes orders while the broker is unreachable.
  const storeService = startStoreService({
    store,
    menuVersion: () => menus.current().version,
    dataDir,
    storeConfigPath,
    ...(options.staffConsoleDir ? { staffConsoleDir: options.staffConsoleDir } : {}),
    emit,
  });

  // Printer and card terminal open on first use: the host starts even when a port is missing.
  const devices = createDeviceService({ store, menu: () => menus.current(), dataDir, emit });

  // The back office (menu editor, sold out, reports) runs beside the embedded broker, on its own port.
  const backOffice = options.staffConsoleDir
    ? storeService
        .embeddedBroker()
        .then(async (broker) => {
          if (!broker) return null;
          const { startEmbeddedBackOffice } = await import('../../back-office/server/embedded');
          return startEmbeddedBackOffice({ store, menuPath, menu: menus.current(), dataDir, rendererDir: options.staffConsoleDir!, broker, usersFile: broker.usersFile, env: process.env, log: createLogger() });
        })
        .catch((error: unknown) => {
          // The kiosk takes orders without it; the reason is for whoever runs the store.
          console.error(`back office: not started: ${error instanceof Error ? error.message : String(error)}`);
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
    ...startupHandlers(config, menus),
    ...menus.handlers(),
  };

  return {
    handlers,
    dispatch: createDispatcher(handlers),
    onEvent(listener: KioskEventListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit,
    /** Directory of the menu file; only image files in it are served (never the JSON). */
    assetDir: dirname(menuPath),
    store: config.store,
    menu: config.menu,
    dataDir,
    config,
    /** The served menu; the store link's onMenu feeds it with menus.followStoreLink(link). */
    menus,
    storeService,
    /** The back office's address, when this host runs it (the embedded broker's host with the pages built). */
    async backOfficeUrl(): Promise<string | undefined> {
      return (await backOffice)?.url;
    },
    async close(): Promise<void> {
      menus.close();
      listeners.clear();
      await (await backOffice)?.close();
      await storeService.close();
      await devices.close();
    },
  };
}

export type KioskHost = ReturnType<typeof createKioskHost>;
