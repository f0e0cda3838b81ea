// The kiosk host: the services behind the kiosk contract, shared by Electron's
// main process and the browser shell (only the transport differs). Config is
// loaded and validated once at start (as `menu:check` does); a bad file stops the
// host with a message naming the file, the JSON path and the reason.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { kioskEvent, type KioskEvent } from '../common/contract';
import type { Menu, StoreConfig } from '../../menu-config/src/schema';
import { DEFAULT_MENU_PATH, DEFAULT_STORE_PATH, loadKioskConfig } from './config';
import { createDispatcher, type KioskHandlers } from './dispatcher';

export interface KioskHostOptions {
  storeConfigPath?: string;
  menuPath?: string;
  /** Where host services keep their files (logs, device journals). */
  dataDir?: string;
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

function startupHandlers(config: LoadedConfig): Pick<KioskHandlers, 'getStartup'> {
  return {
    getStartup: () => ({ store: config.store, menu: config.menu, assetBase: ASSET_BASE }),
  };
}

export function createKioskHost(options: KioskHostOptions = {}) {
  const storeConfigPath = resolve(options.storeConfigPath ?? process.env.COUNTERPART_STORE ?? DEFAULT_STORE_PATH);
  const menuPath = resolve(options.menuPath ?? process.env.COUNTERPART_MENU ?? DEFAULT_MENU_PATH);
  const dataDir = resolve(options.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });

  const config: LoadedConfig = { ...loadKioskConfig(storeConfigPath, menuPath), storeConfigPath, menuPath };

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

  // The one place where the services' handler groups are joined into the contract.
  const handlers: KioskHandlers = {
    ...startupHandlers(config),
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
    async close(): Promise<void> {
      listeners.clear();
    },
  };
}

export type KioskHost = ReturnType<typeof createKioskHost>;
