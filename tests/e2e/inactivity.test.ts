// "Do you need more time?" after the store's inactivity time, then a reset that clears the session.
// The fixture store uses the schema's shortest times (5 s + 5 s).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startKiosk, type Kiosk } from '../support/kiosk';
import { addAsIs, readKioskStore, startOrder } from './ordering-steps';

const SHORT_INACTIVITY_STORE = join(REPO_ROOT, 'tests/e2e/fixtures/store-short-inactivity.json');

describe('inactivity', () => {
  let kiosk: Kiosk;
  beforeAll(async () => {
    kiosk = await startKiosk({ storeConfigPath: SHORT_INACTIVITY_STORE });
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('asks for more time, keeps the order when asked, and otherwise resets the session', async () => {
    const { page } = kiosk;
    await startOrder(page, 'Eat in');
    await addAsIs(page, 'Desserts', 'Apple Pie');
    await page.getByRole('banner').getByRole('button', { name: 'Deutsch' }).click();
    await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(1);

    // The prompt appears on its own, with focus on "more time".
    const prompt = page.getByRole('alertdialog', { name: 'Brauchen Sie mehr Zeit?' });
    await prompt.waitFor({ timeout: 15_000 });
    const moreTime = prompt.getByRole('button', { name: 'Ja, mehr Zeit' });
    await expect.poll(() => moreTime.evaluate((element) => element === document.activeElement)).toBe(true);
    await moreTime.click();
    await prompt.waitFor({ state: 'detached' });
    await expect(page.getByRole('banner').getByRole('button', { name: /^Bestellung ansehen: 1 Artikel/ }).count()).resolves.toBe(1);

    // Asked again and not answered: back to the attract screen, everything cleared.
    await prompt.waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor({ timeout: 15_000 });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(0);
    await startOrder(page, 'Eat in');
    await expect(page.getByRole('banner').getByRole('button', { name: 'Your order is empty' }).isDisabled()).resolves.toBe(true);

    // The abandoned session is on record for the reports.
    const events = await readKioskStore<{ type: string }>(page, 'events');
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['session_started', 'item_added', 'abandoned']));
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('Escape on the prompt also means "more time"', async () => {
    const { page } = kiosk;
    const prompt = page.getByRole('alertdialog', { name: 'Do you need more time?' });
    await prompt.waitFor({ timeout: 15_000 });
    await page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
  });
});
