// The menu the kiosk serves. The configured menu file is the operator's source at start;
// afterwards a newer menu comes from the store bus (the retained `counterpart/v1/{store}/menu`
// topic, through the store link) or from an edit of the menu file. Every candidate is validated
// (schema, references, and against the store config); a refused one is logged with each
// problem's JSON path and the last good menu keeps serving. The last good menu is kept in the
// host's data dir, so a kiosk whose menu file is broken or gone still starts and takes orders.
import { existsSync, readFileSync, renameSync, watch, writeFileSync, type FSWatcher } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseJsonText } from '../../common/menu/json-text';
import type { Menu, StoreConfig } from '../../common/menu/schema';
import { checkMenuAgainstStore, validateMenu } from '../../common/menu/validate';
import { ConfigError, formatProblem, loadKioskConfig, type ConfigProblem } from './config';
import { menuImageProblems } from './menu-images';
import type { KioskHandlers } from './dispatcher';
import type { StoreLink } from './store-bus/types';

/** The last menu that passed validation, in the host's data dir. */
export const LAST_GOOD_MENU_FILE = 'last-good-menu.json';
/** Editors write a file in several steps; read it once the writes have settled. */
const FILE_SETTLE_MS = 150;

export const lastGoodMenuPath = (dataDir: string): string => join(dataDir, LAST_GOOD_MENU_FILE);

export interface StartConfig {
  store: StoreConfig;
  menu: Menu;
  /** 'last_good' when the menu file could not be used and the kiosk runs on the saved menu. */
  menuSource: 'file' | 'last_good';
}

/**
 * Loads the store config and the menu file (as `menu:check` does). When only the menu file is
 * unusable and a last good menu was saved in `dataDir`, the kiosk starts from that one and says
 * so loudly; otherwise the ConfigError names every problem in either file.
 */
export function loadStartConfig(options: { storeConfigPath: string; menuPath: string; dataDir: string; log: (line: string) => void }): StartConfig {
  try {
    return { ...loadKioskConfig(options.storeConfigPath, options.menuPath), menuSource: 'file' };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const onlyMenuProblems = error.problems.every((problem) => problem.file === options.menuPath);
    const saved = lastGoodMenuPath(options.dataDir);
    if (!onlyMenuProblems || !existsSync(saved)) throw error;
    let fallback: { store: StoreConfig; menu: Menu };
    try {
      fallback = loadKioskConfig(options.storeConfigPath, saved, dirname(options.menuPath));
    } catch (savedError) {
      // The saved copy does not help either: report the configured file's problems, and why the copy was not used.
      const savedProblems = savedError instanceof ConfigError ? savedError.problems : [{ file: saved, reason: String(savedError) }];
      throw new ConfigError([...error.problems, ...savedProblems]);
    }
    options.log(
      `MENU FILE NOT USABLE - the kiosk starts with the last good menu (version ${fallback.menu.version}) saved in ${saved}.\n` +
        `Fix the menu file; it is picked up as soon as it is valid:\n${error.problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`,
    );
    return { ...fallback, menuSource: 'last_good' };
  }
}

export type MenuOffer =
  | { outcome: 'applied'; menu: Menu }
  | { outcome: 'unchanged' }
  | { outcome: 'refused'; problems: ConfigProblem[] };

export interface MenuServiceOptions {
  store: StoreConfig;
  /** The menu the host starts with (from loadStartConfig). */
  menu: Menu;
  /** The operator's menu file, watched for edits. */
  menuPath: string;
  dataDir: string;
  log?: (line: string) => void;
}

export type MenuListener = (menu: Menu) => void;

/**
 * How long a menu still prices orders after another replaced it: a customer who began ordering
 * before a publish or a roll back pays what their screen showed (the page keeps its session's
 * menu until the order is done), not what the new menu says.
 */
export const REPLACED_MENU_GRACE_MS = 30 * 60_000;

export function createMenuService(options: MenuServiceOptions) {
  const log = options.log ?? (() => undefined);
  const listeners = new Set<MenuListener>();
  let current = options.menu;
  /** Menus replaced within the grace, by version (what `served` still prices with). */
  const replaced = new Map<string, { menu: Menu; until: number }>();
  let lastFileText: string | undefined;
  let watcher: FSWatcher | undefined;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;

  const saveLastGood = (menu: Menu): void => {
    const target = lastGoodMenuPath(options.dataDir);
    // Write then rename: a crash mid-write never leaves a half menu as the last good one.
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(menu, null, 2)}\n`);
    renameSync(temporary, target);
  };
  saveLastGood(current);

  /** Validates a menu from `source` (a file name or a bus topic) and serves it if it is good and new. */
  const offer = (candidate: unknown, source: string): MenuOffer => {
    const checked = validateMenu(candidate);
    // Images are served from the menu file's folder whatever the menu's source; none may lead out of it.
    const problems: ConfigProblem[] = (
      checked.ok ? [...checkMenuAgainstStore(checked.menu, options.store), ...menuImageProblems(checked.menu, dirname(options.menuPath), { requireExisting: false })] : checked.errors
    ).map((error) => ({ file: source, where: error.path, reason: error.message }));
    if (!checked.ok || problems.length > 0) return refuse(source, problems);
    const menu = checked.menu;
    if (menu.version === current.version) {
      if (JSON.stringify(menu) === JSON.stringify(current)) return { outcome: 'unchanged' };
      // The kiosks and the renderer tell menus apart by version: a changed menu under the old one would never reach a screen.
      return refuse(source, [{ file: source, where: '$.version', reason: `the menu changed but its version is still "${menu.version}"; give it a new version to publish it` }]);
    }
    replaced.set(current.version, { menu: current, until: Date.now() + REPLACED_MENU_GRACE_MS });
    replaced.delete(menu.version);
    current = menu;
    saveLastGood(menu);
    log(`menu: now serving version ${menu.version} from ${source}`);
    for (const listener of listeners) {
      try {
        listener(menu);
      } catch (error) {
        log(`menu: a listener of the menu update failed: ${String(error)}`);
      }
    }
    return { outcome: 'applied', menu };
  };

  const refuse = (source: string, problems: ConfigProblem[]): MenuOffer => {
    log(
      `menu: REFUSED a menu from ${source}; version ${current.version} keeps serving:\n${problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`,
    );
    return { outcome: 'refused', problems };
  };

  const readMenuFile = (): void => {
    let text: string;
    try {
      text = readFileSync(options.menuPath, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Missing while an editor replaces it: the rename that follows brings it back.
      if (code === 'ENOENT') return;
      refuse(options.menuPath, [{ file: options.menuPath, reason: `cannot read the file (${code ?? String(error)})` }]);
      return;
    }
    if (text === lastFileText) return;
    lastFileText = text;
    const parsed = parseJsonText(text);
    if (!parsed.ok) {
      refuse(options.menuPath, [{ file: options.menuPath, where: `line ${parsed.line}, column ${parsed.column}`, reason: `not valid JSON: ${parsed.message}` }]);
      return;
    }
    offer(parsed.value, options.menuPath);
  };

  return {
    current: (): Menu => current,
    /** The menu of this version if the host serves it, or served it until less than REPLACED_MENU_GRACE_MS ago. */
    served(version: string): Menu | undefined {
      if (version === current.version) return current;
      const now = Date.now();
      for (const [key, entry] of replaced) if (entry.until <= now) replaced.delete(key);
      return replaced.get(version)?.menu;
    },
    offer,

    /** Follows edits of the menu file (the directory is watched: editors replace files by renaming). */
    watchMenuFile(): void {
      if (watcher) return;
      try {
        lastFileText = readFileSync(options.menuPath, 'utf8');
      } catch {
        lastFileText = undefined;
      }
      const name = basename(options.menuPath);
      watcher = watch(dirname(options.menuPath), (_event, changed) => {
        if (changed !== null && changed !== name) return;
        clearTimeout(settleTimer);
        settleTimer = setTimeout(readMenuFile, FILE_SETTLE_MS);
      });
      // Watching never keeps a process alive on its own.
      watcher.unref();
      watcher.on('error', (error) => log(`menu: stopped watching ${options.menuPath}: ${error.message}`));
    },

    /** Takes the operator's published menus from the store bus's retained menu topic. */
    followStoreLink(link: Pick<StoreLink, 'onMenu' | 'store'>): () => void {
      return link.onMenu((message) => {
        const source = `store bus counterpart/v1/${link.store}/menu`;
        if (typeof message.menu.version === 'string' && message.menu.version !== message.menuVersion) {
          refuse(source, [{ file: source, where: '$.menuVersion', reason: `says "${message.menuVersion}" but the menu inside is version "${message.menu.version}"` }]);
          return;
        }
        offer(message.menu, source);
      });
    },

    onUpdated(listener: MenuListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    handlers(): Pick<KioskHandlers, 'getMenu'> {
      return { getMenu: () => ({ menu: current }) };
    },

    close(): void {
      clearTimeout(settleTimer);
      watcher?.close();
      watcher = undefined;
      listeners.clear();
    },
  };
}

export type MenuService = ReturnType<typeof createMenuService>;
