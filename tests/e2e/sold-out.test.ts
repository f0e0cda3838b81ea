// Sold out now, end to end: a kiosk on its embedded broker and the staff console in
// Chromium. Staff mark an item sold out on the console; the kiosk applies the retained
// `availability` message at once (its menu card is disabled, mid-order) and a cart that
// holds the item is told before payment, with a way to change it.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../electron/host/store-bus/credentials';
import { freePort } from '../integration/store-bus/support';
import { CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT, STAFF_CONSOLE_LINE, formatViolations, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { addAsIs, openCategory, startOrder } from './ordering-steps';

const SAMPLE = join(REPO_ROOT, 'menu-config/sample');
const STAFF = { username: 'sam', pin: '4711' };

describe('sold out on the console, at the kiosk at once', () => {
  let dir: string;
  let kiosk: Kiosk;
  let browser: Browser;
  let consoleUrl: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counterpart-sold-out-'));
    // The sample store without its theme: its logo and fonts live beside the sample's store.json, not in this folder.
    const { theme: _theme, ...store } = JSON.parse(readFileSync(join(SAMPLE, 'store.json'), 'utf8')) as { storeId: string; theme?: unknown };
    writeFileSync(join(dir, 'store.json'), JSON.stringify(store));
    writeFileSync(join(dir, 'store-bus-users.json'), JSON.stringify([{ username: STAFF.username, role: 'staff', store: store.storeId, passwordHash: await hashPassword(STAFF.pin, { N: 1024, r: 8, p: 1 }) }]));
    const [tcp, ws] = [await freePort(), await freePort()];
    kiosk = await startKiosk({ storeConfigPath: join(dir, 'store.json'), menuPath: join(SAMPLE, 'menu.json'), env: { COUNTERPART_STORE_BUS_PORT: String(tcp), COUNTERPART_STORE_BUS_WS_PORT: String(ws) } });
    consoleUrl = await kiosk.host.printed(STAFF_CONSOLE_LINE);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await kiosk?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('disables an item the console marks sold out within a second, and tells a cart holding it before payment', async () => {
    const console = await (await browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    await console.goto(consoleUrl);
    await console.getByLabel('Staff name').fill(STAFF.username);
    await console.getByLabel('PIN').fill(STAFF.pin);
    await console.getByRole('button', { name: 'Sign in' }).click();
    const panel = console.getByRole('region', { name: 'Sold out' });
    await panel.getByText('Nothing is sold out.').waitFor({ timeout: 30_000 });

    const { page } = kiosk;
    await startOrder(page);
    await addAsIs(page, 'Burgers', 'Hamburger');
    await addAsIs(page, 'Desserts', 'Apple Pie');
    await openCategory(page, 'Desserts');
    const applePie = page.getByRole('main').getByRole('button', { name: /^Apple Pie / });
    expect(await applePie.isEnabled()).toBe(true);

    // One tap on the console; the customer, mid-order, sees it sold out at once.
    await panel.locator('summary', { hasText: 'Desserts' }).click();
    await panel.getByRole('button', { name: /^Apple Pie available$/ }).click();
    await expect.poll(() => applePie.isDisabled(), { timeout: 1000, interval: 50 }).toBe(true);
    await page.getByRole('main').getByRole('button', { name: /^Apple Pie / }).getByText('Sold out').waitFor();

    // The cart and the review say so, and payment waits until it is changed.
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^2 items\b/ }).getByRole('button', { name: 'Review & pay' }).tap();
    const notice = page.getByRole('region', { name: 'Sold out since you chose it' });
    await notice.getByText('Apple Pie: sold out').waitFor();
    expect(formatViolations(await runAxe(page))).toBe('');
    // Paying waits until the line is changed.
    const payButtons = page.getByRole('button', { name: /^Pay (by card|at the counter)$/ });
    expect(await payButtons.count()).toBeGreaterThan(0);
    for (const button of await payButtons.all()) expect(await button.isDisabled()).toBe(true);
    expect(formatViolations(await runAxe(page))).toBe('');

    // "Choose something else": the line goes, the menu is back; now the order can be paid.
    await notice.getByRole('button', { name: 'Choose something else instead of Apple Pie' }).tap();
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^1 item\b/ }).getByRole('button', { name: 'Review & pay' }).tap();
    expect(await notice.count()).toBe(0);
    for (const button of await payButtons.all()) expect(await button.isEnabled()).toBe(true);

    // A category whose every item is sold out says so on its tab before the tap.
    await page.getByRole('button', { name: 'Add more' }).tap();
    const dessertsTab = page.getByRole('navigation', { name: 'Categories' }).getByRole('button', { name: /^Desserts/ });
    // The sample menu file marks Walnut Brownie sold out: the console says so and offers no tap (the bus cannot undo the file).
    expect(await panel.getByRole('button', { name: 'Walnut Brownie sold out in the menu', exact: true }).isDisabled()).toBe(true);
    for (const name of ['Sundae', 'Ice Cream Cone', 'Chocolate Chip Cookie', 'Blueberry Muffin']) {
      expect(await dessertsTab.textContent()).not.toContain('Sold out');
      await panel.getByRole('button', { name: `${name} available` }).click();
    }
    await expect.poll(() => dessertsTab.textContent(), { timeout: 1000, interval: 50 }).toBe('DessertsSold out');
    expect(formatViolations(await runAxe(page))).toBe('');

    // Back in stock: one tap on the console ("Sold out now") and the customer can order it again.
    await console.getByRole('heading', { name: 'Sold out now (5)' }).waitFor();
    await panel.getByRole('button', { name: 'Blueberry Muffin sold out', exact: true }).first().click();
    await console.getByRole('heading', { name: 'Sold out now (4)' }).waitFor();
    await expect.poll(() => dessertsTab.textContent(), { timeout: 1000, interval: 50 }).toBe('Desserts');
    await openCategory(page, 'Desserts');
    const muffin = page.getByRole('main').getByRole('button', { name: /^Blueberry Muffin / });
    await expect.poll(() => muffin.isEnabled(), { timeout: 1000, interval: 50 }).toBe(true);
    expect(kiosk.pageErrors).toEqual([]);
    await console.context().close();
  });
});
