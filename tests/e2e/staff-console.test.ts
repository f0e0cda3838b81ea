// The staff console in Chromium, served by the embedded broker as in a store
// with one kiosk: sign in with name and PIN, see a kiosk's help request with its
// cart, acknowledge and resolve it, settle counter orders (with undo), mark orders
// ready, mark items sold out, see the day's orders from retained state, watch kiosk
// health. The kiosks are real StoreLinks; a cuttable line plays a pulled network cable.
// axe runs with label-content-name-mismatch on: accessible names contain the visible text.
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { storeTopics, type AvailabilityMessage, type HandoffMessage, type OrderStatusMessage } from '../../common/store-bus/messages';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../electron/host/store-bus/broker';
import { connectStoreLink } from '../../electron/host/store-bus/store-link';
import type { StoreLink } from '../../electron/host/store-bus/types';
import { STORE, collect, connectAs, cuttableLine, endClient, handoff, hashedUsers, order, subscribe, user, type CuttableLine } from '../integration/store-bus/support';
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
  const axe = async (): Promise<string> => formatViolations(await runAxe(page, { alsoRules: ['label-content-name-mismatch'] }));
  const signIn = async (name: string, pin: string): Promise<void> => {
    await page.getByLabel('Staff name').fill(name);
    await page.getByLabel('PIN').fill(pin);
    await page.getByRole('button', { name: 'Sign in' }).click();
  };
  /** A refused sign-in empties the PIN field: the broker has answered this attempt. */
  const refusedSignIn = async (name: string, pin: string): Promise<void> => {
    await signIn(name, pin);
    await expect.poll(() => page.getByLabel('PIN').inputValue(), { timeout: 15_000 }).toBe('');
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

  /** Opens the console at the broker's root (it redirects), or at the console's address with `query` added. */
  const openConsole = async (query?: string): Promise<void> => {
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
    await page.goto(query ? `${broker.staffConsoleUrl!}&${query}` : broker.staffConsoleUrl!.replace('/staff/?', '/?')); // the root redirects to the console
  };

  it('is served by the embedded broker and signs staff in with name and PIN; wrong PINs lock the name out', async () => {
    await openConsole();
    expect(new URL(page.url()).pathname).toBe('/staff/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Staff console · ${STORE}`);

    await refusedSignIn('bert', '0000');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toBe('Wrong name or PIN.');
    await refusedSignIn('bert', '1111');
    await refusedSignIn('bert', '2222');
    await refusedSignIn('bert', '2580');
    await expect.poll(() => page.getByRole('alert').first().textContent(), { timeout: 10_000 }).toMatch(/too many wrong PINs/);
    expect(await page.getByRole('heading', { name: /Help requests/ }).count()).toBe(0);

    expect(await axe()).toBe('');
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
    await expect.poll(() => card.locator('.waiting').textContent(), { timeout: 5000 }).not.toBe(waited); // it ticks
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'New help request at kiosk A: Allergy question' }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { tonesPlayed: number }).tonesPlayed)).toBeGreaterThan(0);
    expect(await axe()).toBe('');

    await card.getByRole('button', { name: 'On my way' }).click();
    await expect.poll(() => updates.find((update) => update.state === 'acknowledged')?.acknowledgedBy).toEqual({ role: 'staff', name: 'anna' });
    await expect.poll(() => card.textContent()).toContain('You are on the way');
    expect(await page.getByRole('alert').filter({ hasText: 'New help request' }).count()).toBe(0);

    await card.getByLabel('Outcome').selectOption('payment_resolved');
    await card.getByRole('button', { name: 'Resolve' }).click();
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

    await openConsole('undo=1');
    await signIn('anna', '4711');
    const waiting = page.getByRole('region', { name: /Waiting for payment/ }).getByRole('listitem', { name: 'Order A-043' });
    await expect.poll(() => waiting.textContent()).toMatch(/A-043.*Kiosk A.*€7\.90/);
    expect(await waiting.textContent()).toMatch(/1 × Cola\s*€0\.00\s*Comped by sam: Long wait/);

    const cardOrder = order({ orderNumber: 'A-044', status: 'paid' });
    await kiosk.publishOrder(cardOrder);
    const feed = page.getByRole('region', { name: "Today's orders" });
    await expect.poll(() => feed.getByRole('listitem', { name: 'Order A-044' }).textContent()).toMatch(/card · being prepared/);

    await waiting.getByRole('button', { name: 'Mark paid' }).click();
    await expect.poll(() => paid, { timeout: 10_000 }).toMatchObject([{ orderId: counterOrder.orderId, status: 'paid', by: { role: 'staff', name: 'anna' } }]);
    await expect.poll(() => waiting.count()).toBe(0);
    expect(await axe()).toBe('');
  });

  it('cancels a counter order, undoes it before it is sent, then marks it paid; nothing but "paid" reaches the kiosk', async () => {
    const kiosk = await kioskLink('A');
    const updates: OrderStatusMessage[] = [];
    const counterOrder = order({ orderNumber: 'A-050', paymentMethod: 'counter', status: 'awaiting_counter_payment' });
    const another = order({ orderNumber: 'A-051', paymentMethod: 'counter', status: 'awaiting_counter_payment' });
    // Status changes of earlier tests' orders are retained too: only these two orders count here.
    kiosk.onOrderUpdate((update) => [counterOrder.orderId, another.orderId].includes(update.orderId) && updates.push(update));
    await kiosk.publishOrder(counterOrder);

    // Long enough to undo on a slow machine; the test then waits that long for "paid" to go out.
    await openConsole('undo=12');
    await signIn('anna', '4711');
    const card = page.getByRole('region', { name: /Waiting for payment/ }).getByRole('listitem', { name: 'Order A-050' });
    await card.getByRole('button', { name: 'Cancel order' }).click();
    await card.getByRole('status').filter({ hasText: /Cancelled – sent in \d+ s/ }).waitFor();
    await card.getByRole('button', { name: 'Undo' }).click();
    await card.getByRole('button', { name: 'Mark paid' }).click();
    expect(await axe()).toBe('');
    await expect.poll(() => updates.map((update) => update.status), { timeout: 30_000 }).toEqual(['paid']);
    await expect.poll(() => card.count()).toBe(0);
    // Didn't show up: a second order, sent when its time is up.
    await kiosk.publishOrder(another);
    const next = page.getByRole('listitem', { name: 'Order A-051' }).first();
    await next.getByRole('button', { name: "Didn't show up" }).click();
    await expect.poll(() => updates.map((update) => update.status), { timeout: 30_000 }).toEqual(['paid', 'no_show']);
    const feed = page.getByRole('region', { name: "Today's orders" });
    await expect.poll(() => feed.getByRole('listitem', { name: 'Order A-051' }).textContent()).toMatch(/didn't show up \(anna\)/);
  });

  it('marks a paid order ready: the status goes out retained for the order display and the order leaves the list', async () => {
    const kiosk = await kioskLink('B');
    const paidOrder = order({ kioskId: 'B', orderNumber: 'B-007', paymentMethod: 'card', status: 'queued' });
    await kiosk.publishOrder(paidOrder);

    await openConsole('undo=0');
    await signIn('anna', '4711');
    const preparing = page.getByRole('region', { name: /Being prepared/ });
    const card = preparing.getByRole('listitem', { name: 'Order B-007' });
    await card.getByRole('button', { name: 'Ready' }).click();
    await expect.poll(() => card.count()).toBe(0);

    // An order status display that starts later reads it from the retained status.
    const display = await connectAs(broker.tcpUrl, 'till');
    const inbox = collect(display);
    await subscribe(display, storeTopics(STORE).orderStatusFilter());
    const status = await inbox.next((m) => m.topic === storeTopics(STORE).orderStatus('B', paidOrder.orderId));
    expect(status.retain).toBe(true);
    expect(JSON.parse(status.text)).toMatchObject({ orderNumber: 'B-007', status: 'ready', by: { role: 'staff', name: 'anna' } });
    await endClient(display);
  });

  it('marks an item, an option and a category sold out in one tap each, names in the store\'s language, and back in stock', async () => {
    const kiosk = await kioskLink('A');
    const menu = JSON.parse(readFileSync(join(REPO_ROOT, 'menu-config/sample/menu.json'), 'utf8')) as Record<string, unknown>;
    await kiosk.setMenu({ menuVersion: String(menu.version), locale: 'de', menu });
    const seen: AvailabilityMessage[] = [];
    kiosk.onAvailability((availability) => seen.push(availability));

    await openConsole();
    await signIn('anna', '4711');
    const panel = page.getByRole('region', { name: 'Sold out' });
    await panel.getByText('Nothing is sold out.').waitFor();
    await panel.locator('summary', { hasText: 'Getränke' }).click(); // the drinks category, in the store's language
    await panel.getByRole('button', { name: /^Cola available$/ }).click();
    await expect.poll(() => seen.at(-1)?.soldOut, { timeout: 5000 }).toEqual(['cola']);
    expect(seen.at(-1)?.by).toEqual({ role: 'staff', name: 'anna' });
    await expect.poll(() => panel.getByRole('button', { name: /^Cola sold out$/ }).first().getAttribute('aria-pressed')).toBe('true');

    await panel.locator('summary', { hasText: 'Options and extras' }).click();
    await panel.getByRole('button', { name: /^Bacon available$/ }).click();
    await expect.poll(() => seen.at(-1)?.soldOutOptions, { timeout: 5000 }).toEqual(['bacon']);
    await panel.locator('summary', { hasText: 'Desserts' }).click();
    await panel.getByRole('button', { name: /^All of Desserts available$/ }).click();
    await expect.poll(() => seen.at(-1), { timeout: 5000 }).toMatchObject({ soldOut: ['cola'], soldOutOptions: ['bacon'], soldOutCategories: ['desserts'] });
    expect(await axe()).toBe('');

    // Back in stock: one tap on its entry under "Sold out now".
    await panel.getByRole('list', { name: /Sold out now/ }).getByRole('button', { name: /^Cola sold out$/ }).click();
    await expect.poll(() => seen.at(-1)?.soldOut, { timeout: 5000 }).toEqual([]);
    // Leave the store as it was for the other tests.
    const publisher = await connectAs(broker.tcpUrl, 'olaf');
    await new Promise<void>((resolve) => publisher.publish(storeTopics(STORE).availability, '', { qos: 1, retain: true }, () => resolve()));
    await endClient(publisher);
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
    const acknowledge = page.getByRole('listitem', { name: 'Kiosk A: Accessibility help' }).getByRole('button', { name: 'On my way' });
    await acknowledge.waitFor();
    // Tab from the top of the page until "On my way" has focus, then press Enter.
    await page.getByRole('button', { name: 'Sign out' }).focus();
    for (let presses = 0; presses < 20 && !(await acknowledge.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => updates.some((update) => update.state === 'acknowledged')).toBe(true);

    const small = await page.evaluate(() =>
      [...document.querySelectorAll('button, input, select')]
        .map((element) => ({ name: element.getAttribute('aria-label') ?? element.textContent, box: element.getBoundingClientRect() }))
        // Controls in a closed <details> are not on screen (0 × 0).
        .filter(({ box }) => (box.width > 0 || box.height > 0) && (box.width < 44 || box.height < 44))
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
