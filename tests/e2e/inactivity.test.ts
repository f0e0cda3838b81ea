// "Do you need more time?" after the store's inactivity time, then a reset that clears the session.
// The page runs on Playwright's clock: the test moves time past the sample store's times instead
// of waiting for them, and each test starts its own kiosk.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeConfig } from '../../common/menu/schema';
import { DEFAULT_STORE_PATH } from '../../electron/host/config';
import { startKiosk, type Kiosk } from '../support/kiosk';
import { addAsIs, orderSummary, plainText, readKioskStore, startOrder } from './ordering-steps';

const { inactivity } = storeConfig.parse(JSON.parse(readFileSync(DEFAULT_STORE_PATH, 'utf8')));
const PROMPT_AFTER_MS = inactivity.promptAfterSeconds * 1000;
const RESET_AFTER_MS = inactivity.resetAfterSeconds * 1000;

describe('inactivity', () => {
  let kiosk: Kiosk;
  beforeEach(async () => {
    kiosk = await startKiosk();
    // The clock takes over the page's timers from its first script on; time still flows on its own.
    await kiosk.page.clock.install();
    await kiosk.page.goto('about:blank');
    await kiosk.page.goto(kiosk.url);
  });
  afterEach(async () => {
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
    await page.clock.runFor(PROMPT_AFTER_MS);
    await prompt.waitFor();
    const moreTime = prompt.getByRole('button', { name: 'Ja, mehr Zeit' });
    await expect.poll(() => moreTime.evaluate((element) => element === document.activeElement)).toBe(true);
    await moreTime.click();
    await prompt.waitFor({ state: 'detached' });
    await expect(plainText(orderSummary(page))).resolves.toMatch(/^1 Artikel /);

    // Asked again and not answered: back to the attract screen, everything cleared.
    await page.clock.runFor(PROMPT_AFTER_MS);
    await prompt.waitFor();
    await page.clock.runFor(RESET_AFTER_MS);
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(0);
    await startOrder(page, 'Eat in');
    await expect(plainText(orderSummary(page))).resolves.toBe('Your order is empty');
    await expect(page.getByRole('button', { name: 'Review & pay' }).isDisabled()).resolves.toBe(true);

    // The abandoned session is on record for the reports.
    const events = await readKioskStore<{ type: string }>(page, 'events');
    expect(events.map((event) => event.type)).toEqual(expect.arrayContaining(['session_started', 'item_added', 'abandoned']));
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('a cart offered back after a restart times out when nobody answers: abandoned where it was, the next customer starts empty', async () => {
    const { page } = kiosk;
    await startOrder(page, 'Take away');
    await addAsIs(page, 'Desserts', 'Apple Pie');
    await page.getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    await expect.poll(async () => (await readKioskStore<{ screen?: string }>(page, 'drafts'))[0]?.screen).toBe('review');

    // The restart: the cart is offered; its customer has gone.
    await page.reload();
    const offer = page.getByRole('dialog', { name: 'Continue your order?' });
    await offer.waitFor();
    const prompt = page.getByRole('alertdialog', { name: 'Do you need more time?' });
    await page.clock.runFor(PROMPT_AFTER_MS);
    await prompt.waitFor();
    await page.clock.runFor(RESET_AFTER_MS);
    await prompt.waitFor({ state: 'detached' });
    await offer.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(0);
    const events = await readKioskStore<{ type: string; detail?: { screen?: string } }>(page, 'events');
    expect(events.filter((event) => event.type === 'abandoned').map((event) => event.detail?.screen)).toEqual(['review']);

    await startOrder(page, 'Eat in');
    await expect(plainText(orderSummary(page))).resolves.toBe('Your order is empty');
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('Escape on the prompt also means "more time"', async () => {
    const { page } = kiosk;
    await startOrder(page, 'Eat in');
    const prompt = page.getByRole('alertdialog', { name: 'Do you need more time?' });
    await page.clock.runFor(PROMPT_AFTER_MS);
    await prompt.waitFor();
    await page.keyboard.press('Escape');
    await prompt.waitFor({ state: 'detached' });
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
  });
});
