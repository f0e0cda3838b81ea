// The staff console in Chromium, served by the embedded broker as in a store
// with one kiosk: sign in with name and PIN, see a kiosk's help request with its
// cart, acknowledge and resolve it, mark a counter order paid, watch kiosk health.
// The kiosks are real StoreLinks; a cuttable line plays a pulled network cable.
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HandoffMessage, OrderStatusMessage } from '../../common/store-bus/messages';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/host/store-bus/broker';
import { connectStoreLink } from '../../electron/host/store-bus/store-link';
import type { StoreLink } from '../../electron/host/store-bus/types';
import { STORE, cuttableLine, handoff, hashedUsers, order, user, type CuttableLine } from '../integration/store-bus/support';
import { CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT, formatViolations, runAxe } from '../support/kiosk';

describe('staff console', () => {
  let broker: EmbeddedBroker;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[];
  const links: StoreLink[] = [];
  const lines: CuttableLine[] = [];

  const kioskLink = async (kiosk: 'A' | 'B', via?: CuttableLine): Promise<StoreLink> => {
    const link = await connectStoreLink({
      url: via?.url ?? broker.tcpUrl,
      username: `kiosk-${kiosk}`,
      password: user(`kiosk-${kiosk}`).password,
      store: STORE,
      kioskId: kiosk,
      reconnectPeriodMs: 200,
    });
    links.push(link);
    return link;
  };
  const signIn = async (name: string, pin: string): Promise<void> => {
    await page.getByLabel('Staff name').fill(name);
    await page.getByLabel('PIN').fill(pin);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };

  beforeAll(async () => {
    broker = await startEmbeddedBroker({
      users: await hashedUsers(),
      tcpPort: 0,
      wsPort: 0,
      lockout: { maxFailures: 3, lockoutMs: 10 * 60_000 },
      staffConsole: { rendererDir: join(REPO_ROOT, 'dist/renderer'), store: STORE },
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterEach(async () => {
    await Promise.all(links.splice(0).map((link) => link.close()));
    await Promise.all(lines.splice(0).map((line) => line.close()));
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    await broker?.close();
  });

  const openConsole = async (): Promise<void> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(() => {
      const counter = window as unknown as { tonesPlayed: number };
      counter.tonesPlayed = 0;
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (this: OscillatorNode, ...args: Parameters<OscillatorNode['start']>) {
        counter.tonesPlayed += 1;
        return start.apply(this, args);
      };
    });
    page = await context.newPage();
    pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(broker.staffConsoleUrl!.replace('/staff/?', '/?')); // the root redirects to the console
  };

  it('is served by the embedded broker and signs staff in with name and PIN; wrong PINs lock the name out', async () => {
    await openConsole();
    expect(new URL(page.url()).pathname).toBe('/staff/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Staff console · ${STORE}`);

    await signIn('bert', '0000');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Wrong name or PIN.');
    await signIn('bert', '1111');
    await signIn('bert', '2222');
    await expect.poll(() => page.getByRole('button', { name: 'Sign in' }).isEnabled()).toBe(true);
    await signIn('bert', '2580');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/too many wrong PINs/);
    expect(await page.getByRole('heading', { name: /Help requests/ }).count()).toBe(0);

    expect(formatViolations(await runAxe(page))).toBe('');
  });

  it('shows a help request with its cart, alerts with a tone, acknowledges "on my way" and resolves it', async () => {
    const kiosk = await kioskLink('A');
    await kiosk.setStatus({ devices: { printer: 'ok', terminal: 'ok' }, menuVersion: '2026-11-01' });
    const updates: HandoffMessage[] = [];
    kiosk.onHandoffUpdate((update) => updates.push(update));

    await openConsole();
    await signIn('anna', '4711');
    await expect.poll(() => page.getByRole('heading', { name: 'Help requests (0)' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('listitem', { name: 'Kiosk A' }).textContent()).toMatch(/Online.*All devices ready.*menu 2026-11-01/);

    // The customer has waited two minutes already (the kiosk's clock says when it opened).
    const request = handoff({ reason: 'allergy_question', screen: 'cart', openedAt: new Date(Date.now() - 125_000).toISOString() });
    await kiosk.publishHandoff(request);

    const card = page.getByRole('listitem', { name: 'Kiosk A: Allergy question' });
    await expect.poll(() => card.count()).toBe(1);
    const text = await card.textContent();
    expect(text).toContain('on the cart screen');
    expect(text).toContain('1 × Big Burger Meal (Large) – no onions');
    expect(text).toContain('2 × Chocolate Shake');
    expect(text).toContain('€19.70');
    const waited = (await card.locator('.waiting').textContent()) ?? '';
    expect(waited).toMatch(/^2:\d\d$/);
    await expect.poll(() => card.locator('.waiting').textContent()).not.toBe(waited); // it ticks
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'New help request at kiosk A: Allergy question' }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { tonesPlayed: number }).tonesPlayed)).toBeGreaterThan(0);
    expect(formatViolations(await runAxe(page))).toBe('');

    await page.getByRole('button', { name: 'On my way to kiosk A' }).click();
    await expect.poll(() => updates.find((update) => update.state === 'acknowledged')?.acknowledgedBy).toEqual({ role: 'staff', name: 'anna' });
    await expect.poll(() => card.textContent()).toContain('You are on the way');
    expect(await page.getByRole('alert').filter({ hasText: 'New help request' }).count()).toBe(0);

    await card.getByLabel('Outcome').selectOption('payment_resolved');
    await page.getByRole('button', { name: 'Resolve help request at kiosk A' }).click();
    await expect.poll(() => updates.find((update) => update.state === 'resolved')).toMatchObject({ outcome: 'payment_resolved', resolvedBy: { name: 'anna' } });
    await expect.poll(() => card.count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Help requests (0)' }).count()).toBe(1);
  });

  it('lists counter orders and marks them paid; the kiosk hears it and the feed shows it', async () => {
    const kiosk = await kioskLink('A');
    const paid: OrderStatusMessage[] = [];
    kiosk.onOrderUpdate((update) => paid.push(update));
    const base = order();
    // The second line was comped by staff at the kiosk: the counter sees who and why, at 0.
    const comped = { ...base.lines[0]!, lineId: 'l2', title: 'Cola', unitPrice: 0, total: 0, comp: { by: 'sam', reason: 'long_wait' as const, at: new Date().toISOString(), waivedTotal: 220 } };
    const counterOrder = order({ orderNumber: 'A-043', paymentMethod: 'counter', status: 'queued', total: 790, lines: [base.lines[0]!, comped] });
    await kiosk.publishOrder(counterOrder); // before the console opens: it is retained

    await openConsole();
    await signIn('anna', '4711');
    const waiting = page.getByRole('region', { name: /Waiting for payment/ }).getByRole('listitem', { name: 'Order A-043' });
    await expect.poll(() => waiting.textContent()).toMatch(/A-043.*kiosk A.*€7\.90/);
    expect(await waiting.textContent()).toMatch(/1 × Cola\s*€0\.00\s*Comped by sam: Long wait/);

    const cardOrder = order({ orderNumber: 'A-044', status: 'paid' });
    await kiosk.publishOrder(cardOrder);
    const feed = page.getByRole('region', { name: 'Order feed' });
    await expect.poll(() => feed.getByRole('listitem', { name: 'Order A-044' }).textContent()).toMatch(/card · paid/);

    await page.getByRole('button', { name: 'Mark order A-043 paid' }).click();
    await expect.poll(() => paid).toMatchObject([{ orderId: counterOrder.orderId, status: 'paid', by: { role: 'staff', name: 'anna' } }]);
    await expect.poll(() => waiting.count()).toBe(0);
    expect(formatViolations(await runAxe(page))).toBe('');
  });

  it('works by keyboard alone, and every control is at least 44 × 44 px', async () => {
    const kiosk = await kioskLink('A');
    const updates: HandoffMessage[] = [];
    kiosk.onHandoffUpdate((update) => updates.push(update));
    await openConsole();

    await page.getByLabel('Staff name').focus();
    await page.keyboard.type('anna');
    await page.keyboard.press('Tab');
    await page.keyboard.type('4711');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Help requests/ }).waitFor();

    const request = handoff({ reason: 'accessibility', kioskId: 'A' });
    await kiosk.publishHandoff(request);
    const acknowledge = page.getByRole('button', { name: 'On my way to kiosk A' });
    await acknowledge.waitFor();
    // Tab from the top of the page until "On my way" has focus, then press Enter.
    await page.getByRole('button', { name: 'Sign out' }).focus();
    for (let presses = 0; presses < 20 && !(await acknowledge.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => updates.some((update) => update.state === 'acknowledged')).toBe(true);

    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select')]
        .map((element) => ({ name: element.getAttribute('aria-label') ?? element.textContent, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ name, box }) => `${name}: ${box.width}×${box.height}`),
    );
    expect(small).toEqual([]);
    await kiosk.publishHandoff({ ...request, state: 'resolved', resolvedBy: { role: 'kiosk', name: 'kiosk-A' }, resolvedAt: new Date().toISOString(), outcome: 'cancelled_by_customer' });
  });

  it('shows kiosk health: paper out, terminal down, and offline when a kiosk loses the network', async () => {
    const line = await cuttableLine(broker.tcpPort);
    lines.push(line);
    const kiosk = await kioskLink('B', line);
    await kiosk.setStatus({ devices: { printer: 'paper_out', terminal: 'down' }, menuVersion: 'v9' });

    await openConsole();
    await signIn('anna', '4711');
    const health = page.getByRole('listitem', { name: 'Kiosk B' });
    await expect.poll(() => health.textContent()).toMatch(/Online.*Paper out · Card terminal down.*menu v9/);

    line.setDown(true);
    await expect.poll(() => health.textContent()).toMatch(/Offline \(connection lost\)/);
    line.setDown(false);
    await expect.poll(() => health.textContent()).toMatch(/Online/);
  });
});
