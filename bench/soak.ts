// Soak: many orders in one kiosk session, driven through the UI the way a customer places the
// quickest honest order (a meal as it comes, the cart, review, pay at the counter, done), with
// the JS heap and DOM node count after a full garbage collection at the start and at the end.
import type { Page } from 'playwright-core';
import { startKiosk } from '../tests/support/kiosk';
import { cdp, memoryAfterGc } from './browser';
import { controls } from './kiosk-setup';
import { round, type BenchResult } from './result';

export const SOAK_ORDERS = Number(process.env.COUNTERPART_BENCH_SOAK_ORDERS ?? 1000);
const HEAP_GROWTH_TARGET_MB = 5;
/** The first menu card of the first category (the menu opens on it). */
const ENTRY = 'Classic Burger Meal';

/** The taps of one order, as the accessible names of the buttons pressed (whitespace collapsed). */
const ORDER_TAPS = ['^Start order$', '^Eat in$', `^${ENTRY} ?(from )?€`, '^Add to order$', '^View order', '^Review order$', '^Continue to payment$', '^Pay at the counter$', '^Done$'];

/**
 * Places `count` orders by pressing the kiosk's buttons in the page: each tap waits (on DOM
 * mutations) for its enabled button by name, then clicks it, so React's handlers, the renders,
 * the kiosk WebSocket and the strict IndexedDB commits all run as for a customer. In the page
 * rather than through Playwright's per-action protocol round trips (about 0.5 s an order here),
 * so that 1,000 orders fit the bench's time budget.
 */
// Plain JavaScript (not a function passed to evaluate): tsx would add helpers the page does not have.
const IN_PAGE_DRIVER = `async ({ count, taps }) => {
  const nameOf = (element) => (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const find = (pattern) => [...document.querySelectorAll('button')].find((button) => !button.disabled && pattern.test(nameOf(button)));
  const waitFor = (pattern) =>
    new Promise((resolve, reject) => {
      const now = find(pattern);
      if (now) return resolve(now);
      const observer = new MutationObserver(() => {
        const found = find(pattern);
        if (!found) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(found);
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error('no enabled button named ' + pattern + ' within 10 s; on screen: ' + [...document.querySelectorAll('button')].map(nameOf).join(' | ')));
      }, 10000);
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    });
  const patterns = taps.map((source) => new RegExp(source));
  for (let order = 0; order < count; order++) {
    for (const pattern of patterns) (await waitFor(pattern)).click();
  }
  await waitFor(patterns[0]);
}`;

async function placeOrdersInPage(page: Page, count: number): Promise<void> {
  await page.evaluate(`(${IN_PAGE_DRIVER})(${JSON.stringify({ count, taps: ORDER_TAPS })})`);
}

export async function benchSoak(): Promise<BenchResult[]> {
  const kiosk = await startKiosk();
  try {
    const { page } = kiosk;
    await controls(page).startOrder().waitFor();
    const session = await cdp(page);
    const start = await memoryAfterGc(session);
    const started = performance.now();
    const warmUpOrders = Math.min(10, SOAK_ORDERS);
    await placeOrdersInPage(page, warmUpOrders);
    const warm = await memoryAfterGc(session);
    await placeOrdersInPage(page, SOAK_ORDERS - warmUpOrders);
    const perOrderMs = (performance.now() - started) / SOAK_ORDERS; // includes the one GC in between
    const end = await memoryAfterGc(session);
    if (kiosk.pageErrors.length > 0) throw new Error(`the kiosk page reported errors: ${kiosk.pageErrors.join('; ')}`);
    const mb = (bytes: number) => round(bytes / 1024 / 1024, 2);
    const growth = mb(end.heapBytes - start.heapBytes);
    const how = `${SOAK_ORDERS} orders in one session (${round(perOrderMs, 0)} ms each, ${ORDER_TAPS.length} taps in the page: start, eat in, ${ENTRY}, add, cart, review, continue, pay at the counter, done)`;
    return [
      { name: 'soak: JS heap at start (after GC)', value: mb(start.heapBytes), unit: 'MB', baseline: null, target: null, met: null },
      { name: `soak: JS heap after ${SOAK_ORDERS} orders (after GC)`, value: mb(end.heapBytes), unit: 'MB', baseline: mb(start.heapBytes), target: null, met: null, note: how },
      {
        name: `soak: JS heap growth over ${SOAK_ORDERS} orders`,
        value: growth,
        unit: 'MB',
        baseline: null,
        target: `<= ${HEAP_GROWTH_TARGET_MB} MB over 1000 orders`,
        met: SOAK_ORDERS >= 1000 ? growth <= HEAP_GROWTH_TARGET_MB : null,
        note: `${how}; of which ${mb(warm.heapBytes - start.heapBytes)} MB in the first ${warmUpOrders} orders, ${mb(end.heapBytes - warm.heapBytes)} MB in the other ${SOAK_ORDERS - warmUpOrders}`,
      },
      { name: 'soak: DOM nodes at start (after GC)', value: start.domNodes, unit: 'nodes', baseline: null, target: null, met: null },
      {
        name: `soak: DOM nodes after ${SOAK_ORDERS} orders (after GC)`,
        value: end.domNodes,
        unit: 'nodes',
        baseline: start.domNodes,
        target: 'no growth (same screen as at start)',
        met: end.domNodes <= start.domNodes,
      },
    ];
  } finally {
    await kiosk.close();
  }
}
