// Helpers of the offline-first end-to-end tests (menu updates, offline start, crashes): a menu
// file of the test's own that it can rewrite, and reads of the kiosk's IndexedDB.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Menu } from '../../common/menu/schema';
import { FIXTURE_MENU, REPO_ROOT } from '../support/kiosk';

/** Each host gets its own broker ports (0 = any free one), so kiosks never meet on a shared broker. */
export const OWN_BROKER_ENV = { COUNTERPART_STORE_BUS_PORT: '0', COUNTERPART_STORE_BUS_WS_PORT: '0' };

export const fixtureMenu = (): Menu => JSON.parse(readFileSync(FIXTURE_MENU, 'utf8')) as Menu;

export const menuVersion = (version: string, change: (menu: Menu) => void = () => undefined): Menu => {
  const menu = fixtureMenu();
  menu.version = version;
  change(menu);
  return menu;
};

/** A copy of the fixture menu (with its images) in a directory of its own. */
export function menuDirectory(): { dir: string; menuPath: string; write(menu: unknown): void; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-menu-'));
  cpSync(join(REPO_ROOT, 'tests/support/fixtures'), dir, { recursive: true });
  const menuPath = join(dir, 'menu.json');
  return {
    dir,
    menuPath,
    write: (menu) => writeFileSync(menuPath, typeof menu === 'string' ? menu : JSON.stringify(menu, null, 2)),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * Every record of an object store in the kiosk's IndexedDB. Unlike a plain indexedDB.open it never
 * creates the database (an empty one would block the kiosk's own upgrade) and always settles:
 * a database or store the kiosk has not created yet reads as empty.
 */
export function readStore<T = Record<string, unknown>>(page: Page, storeName: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('counterpart-kiosk');
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains(name)) {
            db.close();
            return resolve([]);
          }
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => {
            db.close();
            reject(request.error);
          };
        };
      }),
    storeName,
  );
}

/** The version of the last good menu cached in the kiosk's IndexedDB. */
export async function cachedMenuVersion(page: Page): Promise<string | undefined> {
  const rows = await readStore<{ slot: string; version: string }>(page, 'menuCache');
  return rows.find((row) => row.slot === 'last_good')?.version;
}
