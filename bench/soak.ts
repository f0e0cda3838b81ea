// Soak: many orders in one kiosk session, driven through the UI the way a customer places the
// quickest honest order (a meal as it comes, the cart, review, pay at the counter, take the
// ticket, done), with the JS heap and DOM node count after a full garbage collection at the start
// (the kiosk's start work done) and at the end.
import type { Page } from 'playwright-core';
import { startKiosk } from '../tests/support/kiosk';
import { cdp, memoryAfterGc, startWorkDone } from './browser';
import { BENCH_HOST_ENV, controls } from './kiosk-setup';
import { percentile, round, type BenchResult } from './result';

export const SOAK_ORDERS = Number(process.env.COUNTERPART_BENCH_SOAK_ORDERS ?? 1000);
const HEAP_GROWTH_TARGET_MB = 5;
/** The first menu card of the first category (the menu opens on it). */
const ENTRY = 'Classic Burger Meal';

/** The taps of one order, as the accessible names of the buttons pressed (whitespace collapsed). */
// The attract screen's "Eat in" starts the order; the review screen carries the payment choice.
const DONE = '^Done$';
const ORDER_TAPS = ['^Eat in$', `^${ENTRY} ?(from )?€`, '^Add to order$', '^Review & pay$', '^Pay at the counter$', DONE];
/**
 * The customer takes the ticket before "Done", as at a real kiosk. Without it the driver ordered
 * faster than the printer prints (about 80 ms an order, a ticket about 0.4 s at 38,400 baud), and
 * the end's heap held the queue of unprinted tickets: some 3 KB an order still waiting.
 */
const TICKET_PRINTED = 'Please take your ticket to the counter.';

/**
 * Places `count` orders by pressing the kiosk's buttons in the page: each tap waits (on DOM
 * mutations) for its enabled button by name, then clicks it, so React's handlers, the renders,
 * the kiosk WebSocket and the strict IndexedDB commits all run as for a customer. In the page
 * rather than through Playwright's per-action protocol round trips (about 0.5 s an order here),
 * so that 1,000 orders fit the bench's time budget.
 */
// Plain JavaScript (not a function passed to evaluate): tsx would add helpers the page does not have.
const IN_PAGE_DRIVER = `async ({ count, taps, done, ticketPrinted }) => {
  const nameOf = (element) => (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const find = (pattern) => [...document.querySelectorAll('button')].find((button) => !button.disabled && pattern.test(nameOf(button)));
  const waitFor = (look, what) =>
    new Promise((resolve, reject) => {
      const now = look();
      if (now) return resolve(now);
      const observer = new MutationObserver(() => {
        const found = look();
        if (!found) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(found);
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        reject(new Error('no ' + what + ' within 10 s; on screen: ' + [...document.querySelectorAll('button')].map(nameOf).join(' | ')));
      }, 10000);
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    });
  const button = (pattern) => waitFor(() => find(pattern), 'enabled button named ' + pattern);
  const ticket = () => waitFor(() => [...document.querySelectorAll('.payment-note')].some((note) => note.textContent === ticketPrinted), 'note "' + ticketPrinted + '"');
  const patterns = taps.map((source) => new RegExp(source));
  for (let order = 0; order < count; order++) {
    for (const pattern of patterns) {
      if (pattern.source === done) await ticket();
      (await button(pattern)).click();
    }
  }
  await button(patterns[0]);
}`;

export async function placeOrdersInPage(page: Page, count: number): Promise<void> {
  await page.evaluate(`(${IN_PAGE_DRIVER})(${JSON.stringify({ count, taps: ORDER_TAPS, done: DONE, ticketPrinted: TICKET_PRINTED })})`);
}

/** The soak's share of the bench (1,000 orders take about 330 s here); fewer orders only if 1,000 would not fit it. */
const SOAK_BUDGET_MS = Number(process.env.COUNTERPART_BENCH_SOAK_BUDGET_S ?? 420) * 1000;
const WARM_UP_ORDERS = 10;
const CHUNK = 100;

export async function benchSoak(): Promise<BenchResult[]> {
  const kiosk = await startKiosk({ env: BENCH_HOST_ENV });
  try {
    const { page } = kiosk;
    await controls(page).serviceMode('Eat in').waitFor();
    // The menu's pictures are drawn in the first quiet moment; the growth is what orders add.
    await startWorkDone(page);
    const session = await cdp(page);
    const start = await memoryAfterGc(session);
    await placeOrdersInPage(page, Math.min(WARM_UP_ORDERS, SOAK_ORDERS));
    const warm = await memoryAfterGc(session);

    // In chunks, timed: per-order time shows whether the kiosk slows down as its database fills.
    const chunkMs: number[] = [];
    let placed = Math.min(WARM_UP_ORDERS, SOAK_ORDERS);
    let planned = SOAK_ORDERS;
    const started = performance.now();
    while (placed < planned) {
      const count = Math.min(CHUNK, planned - placed);
      const chunkStarted = performance.now();
      await placeOrdersInPage(page, count);
      chunkMs.push((performance.now() - chunkStarted) / count);
      placed += count;
      // At the last chunk's pace (it grows as the database fills), would the rest still fit the budget?
      const elapsed = performance.now() - started;
      const lastPerOrder = chunkMs[chunkMs.length - 1]!;
      if (elapsed + lastPerOrder * (planned - placed) > SOAK_BUDGET_MS) {
        planned = placed + Math.max(0, Math.floor((SOAK_BUDGET_MS - elapsed) / lastPerOrder / CHUNK)) * CHUNK;
      }
    }
    const end = await memoryAfterGc(session);
    if (kiosk.pageErrors.length > 0) throw new Error(`the kiosk page reported errors: ${kiosk.pageErrors.join('; ')}`);

    const mb = (bytes: number) => round(bytes / 1024 / 1024, 2);
    const reduced = placed < SOAK_ORDERS;
    const afterWarmUp = end.heapBytes - warm.heapBytes;
    // Reduced runs are judged on the growth extrapolated to 1,000 orders (linear after the warm-up).
    const growthPer1000 = mb(warm.heapBytes - start.heapBytes + (afterWarmUp * (1000 - WARM_UP_ORDERS)) / Math.max(1, placed - WARM_UP_ORDERS));
    const growth = mb(end.heapBytes - start.heapBytes);
    const chunks = chunkMs.map((ms) => round(ms, 0)).join(', ');
    const how =
      `${placed} orders in one session, ${ORDER_TAPS.length} taps each in the page (eat in, ${ENTRY}, add, review & pay, pay at the counter, done once the ticket is printed);` +
      ` ms per order by ${CHUNK}s after ${WARM_UP_ORDERS} warm-up orders: ${chunks}` +
      (reduced ? `; REDUCED from ${SOAK_ORDERS}: at ${round(chunkMs[chunkMs.length - 1]!, 0)} ms an order by then, ${SOAK_ORDERS} would not fit the soak's ${SOAK_BUDGET_MS / 1000} s share of the bench` : '');
    return [
      { name: 'soak: JS heap at start (after GC)', value: mb(start.heapBytes), unit: 'MB', baseline: null, target: null, met: null },
      { name: `soak: JS heap after ${placed} orders (after GC)`, value: mb(end.heapBytes), unit: 'MB', baseline: mb(start.heapBytes), target: null, met: null, note: how },
      {
        name: `soak: JS heap growth over ${placed} orders`,
        value: growth,
        unit: 'MB',
        baseline: null,
        target: `<= ${HEAP_GROWTH_TARGET_MB} MB over 1000 orders`,
        met: growthPer1000 <= HEAP_GROWTH_TARGET_MB,
        note:
          `${mb(warm.heapBytes - start.heapBytes)} MB in the first ${WARM_UP_ORDERS} orders, ${mb(afterWarmUp)} MB in the other ${placed - WARM_UP_ORDERS}` +
          (reduced ? `; ${growthPer1000} MB extrapolated to 1,000 orders` : ''),
      },
      { name: 'soak: DOM nodes at start (after GC)', value: start.domNodes, unit: 'nodes', baseline: null, target: null, met: null },
      {
        name: `soak: DOM nodes after ${placed} orders (after GC)`,
        value: end.domNodes,
        unit: 'nodes',
        baseline: start.domNodes,
        target: 'no growth (same screen as at start)',
        met: end.domNodes <= start.domNodes,
      },
      { name: 'soak: time per order through the UI', value: round(percentile(chunkMs, 50), 0), unit: 'ms', baseline: null, target: null, met: null, note: `median of the per-${CHUNK} averages: ${chunks}` },
    ];
  } finally {
    await kiosk.close();
  }
}
