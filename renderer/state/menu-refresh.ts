// The menu on screen. At start it comes from the host and is cached in Dexie as the last good
// menu; when the host cannot be reached the kiosk starts from that cache and takes orders. A new
// menu announced by the host (menu.updated) is fetched, validated, and shown only between
// customers: a customer never sees prices change under their order. A menu that fails validation
// never replaces the last good one.
import type * as MenuPolicyModule from '../../common/menu/menu-policy';
import type { Menu, PublicStoreConfig } from '../../common/menu/schema';
import type { KioskStore } from './store';
import type { KioskState, Startup } from './types';

/** The slice of the data layer this needs (KioskData implements it). */
export interface MenuCache {
  /** Validates and keeps the menu as the last good one; a refused one is logged and the previous stays. */
  cacheMenu(candidate: unknown): Promise<{ ok: boolean }>;
  lastGoodMenu(): Promise<{ menu: Menu; version: string } | undefined>;
}

/** The store config (small, needed to open the data layer) survives in localStorage; the menu lives in Dexie. */
export const CACHED_STORE_KEY = 'counterpart.cachedStore';

interface CachedStore {
  store: PublicStoreConfig;
  assetBase: string;
  /** The version of the menu last cached in Dexie, said to the host so it does not send it again. */
  menuVersion?: string;
}

/** What the host answers at start: the menu is left out when it is the version the page said it has. */
export interface HostStartup {
  store: PublicStoreConfig;
  menu?: Menu | undefined;
  menuVersion: string;
  assetBase: string;
}

type Log = (message: string) => void;
/** menuToApply and the menu check behind it (zod's schema, the compiled walk): loaded with the first update, not with the page's first script. */
type MenuPolicy = typeof MenuPolicyModule;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The startup from the host, with its menu cached; or, when the host does not answer, the cached
 * store config with the last good menu. Rethrows the host's error when there is no cache to start from.
 * The menu crosses the link once per version: the page says which one it has cached, and takes it from
 * Dexie when the host answers with that version alone.
 */
export async function startupFromHostOrCache(options: {
  fromHost(cachedMenuVersion: string | undefined): Promise<HostStartup>;
  /** The data layer for this store config: the same one for the same kiosk id, order prefix and time zone. */
  openCache(store: PublicStoreConfig): Promise<MenuCache>;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  log?: Log;
}): Promise<Startup> {
  const storage = options.storage ?? window.localStorage;
  const log = options.log ?? ((message: string) => console.warn(message));
  const cached = readCachedStore(storage);
  const remember = (startup: HostStartup, menuVersion: string | undefined) =>
    storage.setItem(CACHED_STORE_KEY, JSON.stringify({ store: startup.store, assetBase: startup.assetBase, menuVersion } satisfies CachedStore));
  // The data layer opens while the host answers (it is the same store config unless the config changed;
  // openCache then opens it again for the host's). Its error, if any, shows where it is awaited.
  if (cached) options.openCache(cached.store).catch(() => undefined);
  let startup: HostStartup;
  try {
    startup = await options.fromHost(cached?.menuVersion);
  } catch (hostError) {
    if (!cached) throw hostError;
    const last = await (await options.openCache(cached.store)).lastGoodMenu();
    if (!last) throw hostError;
    log(`The kiosk host did not answer (${describe(hostError)}); starting offline from the cached menu ${last.version}`);
    return { store: cached.store, menu: last.menu, assetBase: cached.assetBase };
  }
  const cache = await options.openCache(startup.store);
  if (!startup.menu) {
    const last = await cache.lastGoodMenu();
    if (last?.version === startup.menuVersion) {
      remember(startup, last.version);
      return { store: startup.store, menu: last.menu, assetBase: startup.assetBase };
    }
    // The cache no longer holds that version (storage cleared, or it no longer validates): the menu itself, once more.
    startup = await options.fromHost(undefined);
    if (!startup.menu) throw new Error(`The kiosk host did not send its menu ${startup.menuVersion}`);
  }
  const checked = await cache.cacheMenu(startup.menu);
  remember(startup, checked.ok ? startup.menuVersion : undefined);
  if (checked.ok) return { store: startup.store, menu: startup.menu, assetBase: startup.assetBase };
  // The host's menu failed this renderer's validation (logged by cacheMenu): the last good one serves.
  const last = await cache.lastGoodMenu();
  if (!last) throw new Error(`The menu ${startup.menuVersion} from the kiosk host is not valid and no earlier menu is cached`);
  return { store: startup.store, menu: last.menu, assetBase: startup.assetBase };
}

function readCachedStore(storage: Pick<Storage, 'getItem'>): CachedStore | undefined {
  try {
    const text = storage.getItem(CACHED_STORE_KEY);
    const parsed = text ? (JSON.parse(text) as Partial<CachedStore>) : undefined;
    if (!parsed?.store || typeof parsed.assetBase !== 'string') return undefined;
    return { store: parsed.store, assetBase: parsed.assetBase, ...(typeof parsed.menuVersion === 'string' ? { menuVersion: parsed.menuVersion } : {}) };
  } catch {
    return undefined;
  }
}

/** No customer is using the kiosk: the attract screen with an empty cart. */
export const betweenCustomers = (state: Pick<KioskState, 'screen' | 'session' | 'lines'>): boolean =>
  state.screen === 'attract' && state.session === null && state.lines.length === 0;

/**
 * Follows the host's menu updates: on menu.updated (and when the link to the host comes back,
 * host.ready) fetches the served menu, caches it if valid, and puts it on screen now if no
 * customer is ordering, else as soon as the session ends. Returns a function that stops it.
 */
export function startMenuRefresh(options: {
  store: KioskStore;
  getMenu(): Promise<{ menu: Menu }>;
  onEvent(listener: (event: { type: string }) => void): () => void;
  cache(): Promise<MenuCache>;
  log?: Log;
}): () => void {
  const { store } = options;
  const log = options.log ?? ((message: string) => console.warn(message));
  let waiting: Menu | undefined;
  let policy: MenuPolicy | undefined;

  const show = (menu: Menu): void => {
    store.setState((state) => ({
      menu,
      activeCategoryId: menu.categories.some((category) => category.id === state.activeCategoryId)
        ? state.activeCategoryId
        : (menu.categories[0]?.id ?? null),
    }));
  };

  const consider = ({ menuToApply }: MenuPolicy, incoming: Menu): void => {
    const state = store.getState();
    const decision = menuToApply({ current: state.menu ?? undefined, incoming, sessionActive: !betweenCustomers(state) });
    if (decision.action === 'apply') {
      waiting = undefined;
      show(decision.menu);
    } else if (decision.action === 'defer') waiting = decision.menu;
    else if (decision.action === 'refuse') log(`Menu refused, the menu on screen stays:\n  ${decision.errors.join('\n  ')}`);
    else waiting = undefined;
  };

  const refresh = async (): Promise<void> => {
    // Before the first startup finished, loadStartup fetches the current menu itself.
    if (store.getState().status !== 'ready') return;
    const { menu } = await options.getMenu();
    const checked = await (await options.cache()).cacheMenu(menu);
    policy ??= await import('../../common/menu/menu-policy');
    if (checked.ok) consider(policy, menu);
  };

  let stopEvents = () => undefined as unknown;
  try {
    stopEvents = options.onEvent((event) => {
      if (event.type !== 'menu.updated' && event.type !== 'host.ready') return;
      refresh().catch((error: unknown) => log(`The new menu could not be fetched: ${describe(error)}`));
    });
  } catch (error) {
    // No link to a host at all (the startup screen says why): the cached menu stays.
    log(`Menu updates are not followed: ${describe(error)}`);
  }
  const stopWatching = store.subscribe((state) => {
    // A menu waits only after an update, which loaded the policy.
    if (waiting && policy && betweenCustomers(state)) consider(policy, waiting);
  });
  return () => {
    stopEvents();
    stopWatching();
  };
}
