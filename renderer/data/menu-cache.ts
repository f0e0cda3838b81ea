// The last good menu: the kiosk starts from it when the host cannot serve one.
import type { Menu } from '../../common/menu/schema';
import { checkMenu, type MenuCheck } from '../../common/menu/menu-policy';
import type { DataContext } from './context';

export interface CachedMenu {
  menu: Menu;
  version: string;
  cachedAt: string;
}

export const menuCacheRecords = ({ db, now, log }: DataContext) => ({
  /** Keeps a menu as the last good one if it validates; otherwise logs why and keeps the previous. */
  async cacheMenu(candidate: unknown): Promise<MenuCheck> {
    const checked = checkMenu(candidate);
    if (!checked.ok) {
      log(`Menu refused, the last good menu stays:\n  ${checked.errors.join('\n  ')}`);
      return checked;
    }
    await db.menuCache.put({ slot: 'last_good', version: checked.menu.version, menu: checked.menu, cachedAt: now().toISOString() });
    return checked;
  },

  /** The last menu that passed validation, checked again (the schema may be newer than the cache). */
  async lastGoodMenu(): Promise<CachedMenu | undefined> {
    const row = await db.menuCache.get('last_good');
    if (!row) return undefined;
    const checked = checkMenu(row.menu);
    if (!checked.ok) {
      log(`Cached menu ${row.version} no longer validates and is ignored:\n  ${checked.errors.join('\n  ')}`);
      return undefined;
    }
    return { menu: checked.menu, version: row.version, cachedAt: row.cachedAt };
  },
});
