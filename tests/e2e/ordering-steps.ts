// Steps shared by the ordering end-to-end tests: a customer's actions, found by role and name.
import type { Locator, Page } from 'playwright-core';

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Attract screen → service mode → menu. */
export async function startOrder(page: Page, serviceMode: 'Eat in' | 'Take away' = 'Eat in'): Promise<void> {
  await page.getByRole('button', { name: 'Start order' }).click();
  await page.getByRole('button', { name: serviceMode, exact: true }).click();
  await page.getByRole('navigation', { name: 'Categories' }).waitFor();
}

export async function openCategory(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Categories' }).getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
}

/** Opens a menu entry in the customiser; its button is named "<name> <price> <kcal>". */
export async function openEntry(page: Page, name: string): Promise<void> {
  await page
    .getByRole('main')
    .getByRole('button', { name: new RegExp(`^${escapeRegExp(name)} (from )?€`) })
    .click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`${escapeRegExp(name)}$`) }).waitFor();
}

/** A customiser group's row: a disclosure button named "<group>: <current choice>" ("Drink: Cola (Medium)"). */
export const groupRow = (page: Page, name: string) =>
  page.getByRole('main').getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}:`) }).and(page.locator('[aria-expanded]'));

/** Opens a customiser group in place (the customiser shows one group's choices at a time); an open one stays open. */
export async function openGroup(page: Page, name: string): Promise<void> {
  const row = groupRow(page, name);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.locator(`#${await row.getAttribute('aria-controls')}:not([hidden])`).waitFor();
}

/** Adds an entry as it comes (default choices). */
export async function addAsIs(page: Page, category: string, name: string): Promise<void> {
  await openCategory(page, category);
  await openEntry(page, name);
  await page.getByRole('button', { name: 'Add to order' }).click();
  await page.getByRole('navigation', { name: 'Categories' }).waitFor();
}

/** The running order in the bar at the bottom of the menu ("2 items €9.00", or "Your order is empty"). */
export const orderSummary = (page: Page) => page.getByRole('region', { name: /^(Your order|Ihre Bestellung)$/ }).locator('.order-summary');

/** Visible text with every kind of space as a plain space (German money uses a no-break space: "12,18 €"). */
export async function plainText(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** The customiser's live price ("€11.69 1,234 kcal"). */
export const livePrice = (page: Page) => page.getByRole('main').getByRole('status').filter({ hasText: 'kcal' });

/** Every record of an object store in the kiosk's IndexedDB, read in the page. */
export function readKioskStore<T = Record<string, unknown>>(page: Page, storeName: string): Promise<T[]> {
  return page.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('counterpart-kiosk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name, 'readonly').objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    storeName,
  );
}
