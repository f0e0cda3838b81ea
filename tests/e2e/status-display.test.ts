// The order status display above the counter, end to end in Chromium: a customer pays by card
// at the kiosk (sample store, simulated terminal on a socat line) and reads where to collect;
// the number appears under "Preparing" on the display, which signs in by itself as the sample
// store's read-only display user; staff press "Ready" on the staff console and the number moves
// to "Ready". In English and German, in the store's theme, axe-clean, with large numbers.
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, STAFF_CONSOLE_LINE, formatViolations, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { addAsIs, startOrder } from './ordering-steps';

const DISPLAY_CREDENTIALS = '#name=counter-screen&password=counter-screen-demo-2026';


describe('order status display', () => {
  let kiosk: Kiosk;
  let browser: Browser;
  let displayUrl: string;
  let consoleUrl: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    kiosk = await startKiosk();
    displayUrl = await kiosk.host.printed(/^Order status display: (http:\/\/127\.0\.0\.1:\d+\/display\/\S*)$/m);
    consoleUrl = await kiosk.host.printed(STAFF_CONSOLE_LINE);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
  });

  const open = async (url: string, viewport = { width: 1920, height: 1080 }): Promise<Page> => {
    const page = await (await browser.newContext({ viewport })).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(url);
    return page;
  };
  const numbersIn = (page: Page, column: RegExp) => page.getByRole('region', { name: column }).getByRole('listitem').allTextContents();
  const axe = async (page: Page): Promise<string> => formatViolations(await runAxe(page));

  it('refuses a wrong password with a clear message, without locking the display out', async () => {
    const page = await open(displayUrl);
    await page.getByRole('heading', { level: 1, name: 'Order status display · berlin-mitte' }).waitFor();
    await page.getByLabel('Display name').fill('counter-screen');
    await page.getByLabel('Password').fill('guess');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toBe('Wrong name or password.');
    expect(await axe(page)).toBe('');
    await page.context().close();
  });

  it('shows a paid order under Preparing; staff mark it ready on the console; it moves to Ready', async () => {
    const display = await open(displayUrl + DISPLAY_CREDENTIALS);
    await display.getByRole('region', { name: /^Preparing/ }).waitFor();
    await display.getByText('No orders in the kitchen').waitFor();
    // The store's theme: its name and logo, its colours (checked for contrast when the host loaded them).
    await display.getByRole('heading', { level: 1, name: 'Counterpart Burger Berlin: Your order' }).waitFor();
    await expect.poll(() => display.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--theme-accent'))).toBe('#a4281c');
    expect(await display.locator('header.brand img').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    expect(await axe(display)).toBe('');

    // A customer pays by card at the kiosk and is told where to collect.
    const { page } = kiosk;
    await startOrder(page, 'Take away');
    await addAsIs(page, 'Desserts', 'Apple Pie');
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^1 item\b/ }).getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor({ timeout: 90_000 });
    const orderNumber = ((await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '').trim();
    expect(orderNumber).toMatch(/^B-\d{3}$/);
    await page.getByText('Collect your order at the pick-up counter on the right when your number shows under "Ready".').waitFor();

    // The outbox delivers the order to the store bus: the display shows it being prepared, large.
    await expect.poll(() => numbersIn(display, /^Preparing/), { timeout: 30_000 }).toEqual([orderNumber]);
    expect(await numbersIn(display, /^Ready/)).toEqual([]);
    const fontSize = await display.getByRole('region', { name: /^Preparing/ }).getByRole('listitem').first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(72);
    expect(await axe(display)).toBe('');

    // Staff mark it ready on the console (no undo wait).
    const staff = await open(`${consoleUrl}&undo=0`, { width: 1280, height: 900 });
    await staff.getByLabel('Staff name').fill('sam');
    await staff.getByLabel('PIN').fill('4821');
    await staff.getByRole('button', { name: 'Sign in' }).click();
    const card = staff.getByRole('region', { name: /Being prepared/ }).getByRole('listitem', { name: `Order ${orderNumber}` });
    await card.getByRole('button', { name: 'Ready' }).click();
    await expect.poll(() => card.count()).toBe(0);

    await expect.poll(() => numbersIn(display, /^Ready/), { timeout: 15_000 }).toEqual([orderNumber]);
    expect(await numbersIn(display, /^Preparing/)).toEqual([]);
    expect(await axe(display)).toBe('');

    // A screen in German (and one opened later) reads the same from the retained messages.
    const german = await open(`${displayUrl}&lang=de${DISPLAY_CREDENTIALS}`, { width: 1080, height: 1920 });
    await german.getByRole('region', { name: /^In Zubereitung/ }).waitFor({ timeout: 30_000 }); // signed in (a slow scrypt check under load)
    await expect.poll(() => numbersIn(german, /^Abholbereit/), { timeout: 15_000 }).toEqual([orderNumber]);
    await german.getByText('Keine Bestellungen in der Küche').waitFor();
    expect(await german.evaluate(() => document.documentElement.lang)).toBe('de');
    expect(await axe(german)).toBe('');

    expect(pageErrors).toEqual([]);
    expect(kiosk.pageErrors).toEqual([]);
  });
});
