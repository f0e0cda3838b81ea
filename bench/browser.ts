// Browser-side measuring tools shared by the UI suites: Chromium as the e2e tests start it, the
// Event Timing and long-task observers installed before any page script runs, and
// the DevTools protocol calls for CPU throttling, garbage collection, heap and DOM counters.
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, KIOSK_VIEWPORT } from '../tests/support/kiosk';

export { serveStatic, type StaticServer } from './static-server';

/** Chromium as the e2e tests start it: headless, touch, a portrait kiosk screen, its own profile. */
export function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: KIOSK_VIEWPORT,
    hasTouch: true,
  });
}

export const firstPage = async (context: BrowserContext): Promise<Page> => context.pages()[0] ?? (await context.newPage());

// ---------------------------------------------------------------- event timing

/**
 * Installed before the page's own scripts: keeps every Event Timing entry (durationThreshold 16,
 * the smallest the API allows, plus first-input) and every long task, on window.__bench.
 */
const OBSERVERS = `(() => {
  const bench = { events: [], longTasks: [] };
  Object.defineProperty(window, '__bench', { value: bench });
  const keep = (entry) => bench.events.push({ id: entry.interactionId, name: entry.name, duration: entry.duration, start: entry.startTime });
  new PerformanceObserver((list) => list.getEntries().forEach(keep)).observe({ type: 'event', durationThreshold: 16, buffered: true });
  new PerformanceObserver((list) => list.getEntries().forEach(keep)).observe({ type: 'first-input', buffered: true });
  new PerformanceObserver((list) => list.getEntries().forEach((entry) => bench.longTasks.push({ start: entry.startTime, duration: entry.duration })))
    .observe({ type: 'longtask', buffered: true });
})();`;

export async function installObservers(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: OBSERVERS });
}

type Bench = { events: { id: number; name: string; duration: number; start: number }[]; longTasks: LongTask[] };

// Each question is answered in the page, and only the answer crosses: copying every entry kept so
// far at each poll grew with the run and, at 4× throttling, became long tasks of its own.
const eventsAfter = (page: Page, id: number): Promise<{ name: string; duration: number }[]> =>
  page.evaluate(
    (after) =>
      (window as unknown as { __bench: Bench }).__bench.events
        .filter((event) => event.id > after)
        .map((event) => ({ name: event.name, duration: event.duration })),
    id,
  );

/**
 * The kiosk's work after a start, done: the menu's pictures drawn as bitmaps (a kiosk stays on all
 * day; the first minute after a start or a menu update is bench/start.ts's). Taps that came while it
 * was drawing would wait behind a drawing or paint SVGs: measured, they would be the start's, not an order's.
 */
export const startWorkDone = (page: Page): Promise<unknown> =>
  page.waitForFunction(() => performance.getEntriesByName('kiosk:pictures-drawn').length > 0, undefined, { timeout: 60_000 });

/**
 * Chromium's own work after a start, done too. Each renderer process it starts runs a one-off memory
 * reclaim 10 s later (PartitionAlloc: partition_alloc_support.cc, OnBackgrounded posts it with a 10 s
 * delay, also with --disable-renderer-backgrounding): traced at 4× throttling, one task of 41 ms on
 * the sample menu's page and 56 ms in another run, within the first rounds of the order flow. A kiosk
 * meets it on its attract screen after a start; the bench, started at once, met it mid-order.
 */
export async function chromiumStartWorkDone(launchedAt: number): Promise<void> {
  const wait = launchedAt + CHROMIUM_START_WORK_MS - Date.now();
  if (wait > 0) await new Promise((done) => setTimeout(done, wait));
}
/** The reclaim's 10 s after the renderer started, which is after Chromium's launch, with a margin for that start. */
const CHROMIUM_START_WORK_MS = 15_000;

/** Two animation frames: whatever the last input changed has been painted. */
export const afterNextPaint = (page: Page): Promise<void> =>
  page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));

export interface InteractionSample {
  /** Tap to next paint in ms (the longest event of the interaction); the threshold when none was reported. */
  duration: number;
  /** True when no entry reached the 16 ms threshold: the interaction took less than that. */
  belowThreshold: boolean;
}

/** The highest interaction id seen so far; interactions after it are the ones still to come. */
export async function lastInteractionId(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __bench: Bench }).__bench.events.reduce((max, event) => Math.max(max, event.id), 0));
}

/**
 * Performs one interaction (a tap and whatever wait says it took effect) and returns its tap-to-paint
 * time from Event Timing: the longest entry among the new interaction ids. Entries arrive after the
 * next paint, so it waits for them briefly; none at all means every event took under 16 ms.
 */
export async function measureInteraction(page: Page, act: () => Promise<void>): Promise<InteractionSample> {
  const before = await lastInteractionId(page);
  await act();
  await afterNextPaint(page);
  const deadline = Date.now() + 500;
  for (;;) {
    const fresh = await eventsAfter(page, before);
    // pointerdown, pointerup and click of one tap share an id; wait until the click has been reported too.
    if (fresh.some((event) => event.name === 'click') || (fresh.length > 0 && Date.now() > deadline)) {
      return { duration: Math.max(...fresh.map((event) => event.duration)), belowThreshold: false };
    }
    if (Date.now() > deadline) return { duration: 16, belowThreshold: true };
    await new Promise((done) => setTimeout(done, 25));
  }
}

export interface LongTask {
  /** In the page's clock (performance.now()). */
  start: number;
  duration: number;
}

/** Long tasks (over 50 ms) the page has reported that started at or after `from` (the page's clock). */
export async function longTasksSince(page: Page, from: number): Promise<LongTask[]> {
  return page.evaluate((after) => (window as unknown as { __bench: Bench }).__bench.longTasks.filter((task) => task.start >= after), from);
}

/** The page's clock: performance.now() there. */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

// ---------------------------------------------------------------- DevTools protocol

export const cdp = (page: Page): Promise<CDPSession> => page.context().newCDPSession(page);

export async function throttleCpu(session: CDPSession, rate: number): Promise<void> {
  await session.send('Emulation.setCPUThrottlingRate', { rate });
}

/** JS heap in use and DOM nodes alive, after a full garbage collection. */
export async function memoryAfterGc(session: CDPSession): Promise<{ heapBytes: number; domNodes: number }> {
  await session.send('HeapProfiler.enable');
  for (let i = 0; i < 3; i++) await session.send('HeapProfiler.collectGarbage');
  const heap = await session.send('Runtime.getHeapUsage');
  const dom = await session.send('Memory.getDOMCounters');
  return { heapBytes: heap.usedSize, domNodes: dom.nodes };
}

export const benchOut = (...parts: string[]): string => join(resolve(import.meta.dirname, 'out'), ...parts);
