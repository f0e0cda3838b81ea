// Interaction latency: tap to next paint (Event Timing API) for the main interactions, on the
// sample menu and the generated large menu, with Chromium's CPU throttled 4× as on a low-end
// kiosk PC; long tasks (over 50 ms) counted over the whole order flow. Baseline: a trivial
// button that toggles its text, on a static page in the same browser at the same throttling.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startKiosk } from '../tests/support/kiosk';
import { benchOut, cdp, firstPage, installObservers, launchChromium, longTaskCount, measureInteraction, serveStatic, throttleCpu, type InteractionSample } from './browser';
import { BENCH_HOST_ENV, controls, LARGE_TARGETS, SAMPLE_TARGETS, writeLargeMenu, type OrderTarget } from './kiosk-setup';
import { percentile, round, type BenchResult } from './result';

export const CPU_SLOWDOWN = 4;
/** Order rounds per menu; the first is a warm-up and not counted (20 samples: p95 is the 19th, not the maximum). */
const ROUNDS = 21;
const TARGET_MS = 50;

const INTERACTIONS = ['open a category', 'open an item', 'change an option', 'add to cart', 'open the cart'] as const;
type Interaction = (typeof INTERACTIONS)[number];

/** One round of the order flow; every tap measured, the way back to the menu not. */
async function orderRound(page: Page, target: OrderTarget, record: (interaction: Interaction, sample: InteractionSample) => void): Promise<void> {
  const ui = controls(page);
  record('open a category', await measureInteraction(page, async () => {
    await ui.category(target.category).click();
    await ui.categoryHeading(target.category).waitFor();
  }));
  record('open an item', await measureInteraction(page, async () => {
    await ui.entry(target.entry).click();
    await ui.customizerHeading(target.entry).waitFor();
  }));
  record('change an option', await measureInteraction(page, async () => {
    await target.option(page).check();
  }));
  record('add to cart', await measureInteraction(page, async () => {
    await ui.addToOrder().click();
    await ui.categories().waitFor();
  }));
  record('open the cart', await measureInteraction(page, async () => {
    await ui.reviewAndPay().click();
    await ui.cartHeading().waitFor();
  }));
  await ui.addMore().click();
  await ui.categories().waitFor();
}

async function measureMenu(label: string, targets: OrderTarget[], files?: { menuPath: string; storeConfigPath: string }): Promise<BenchResult[]> {
  const kiosk = await startKiosk({ menuPath: files?.menuPath, storeConfigPath: files?.storeConfigPath, env: BENCH_HOST_ENV });
  try {
    const { page } = kiosk;
    await installObservers(kiosk.context);
    await page.reload();
    const ui = controls(page);
    await ui.startOrder().waitFor();
    const session = await cdp(page);
    await throttleCpu(session, CPU_SLOWDOWN);
    await ui.startOrder().click();
    await ui.serviceMode('Eat in').click();
    await ui.categories().waitFor();

    const samples = new Map<Interaction, InteractionSample[]>(INTERACTIONS.map((name) => [name, []]));
    await orderRound(page, targets[0]!, () => undefined); // warm-up: first renders, lazy images
    const longTasksBefore = await longTaskCount(page);
    for (let round = 1; round < ROUNDS; round++) {
      await orderRound(page, targets[round % targets.length]!, (interaction, sample) => samples.get(interaction)!.push(sample));
    }
    const longTasks = (await longTaskCount(page)) - longTasksBefore;
    if (kiosk.pageErrors.length > 0) throw new Error(`the kiosk page reported errors: ${kiosk.pageErrors.join('; ')}`);

    const results: BenchResult[] = [];
    const large = label === 'large menu';
    for (const [interaction, list] of samples) {
      const durations = list.map((sample) => sample.duration);
      const fast = list.filter((sample) => sample.belowThreshold).length;
      const note = `${list.length} taps, CPU ${CPU_SLOWDOWN}× slower${fast ? `; ${fast} under the 16 ms reporting threshold, counted as 16 ms` : ''}`;
      results.push({ name: `tap to paint, ${label}: ${interaction}, p50`, value: round(percentile(durations, 50), 0), unit: 'ms', baseline: null, target: null, met: null, note });
      const p95 = round(percentile(durations, 95), 0);
      results.push({
        name: `tap to paint, ${label}: ${interaction}, p95`,
        value: p95,
        unit: 'ms',
        baseline: null,
        target: large ? `<= ${TARGET_MS} ms` : null,
        met: large ? p95 <= TARGET_MS : null,
        note,
      });
    }
    results.push({
      name: `long tasks over 50 ms, ${label} order flow`,
      value: longTasks,
      unit: 'tasks',
      baseline: null,
      target: '0',
      met: longTasks === 0,
      note: `${ROUNDS - 1} rounds × 6 taps (category, item, option, add, cart, add more), CPU ${CPU_SLOWDOWN}× slower`,
    });
    return results;
  } finally {
    await kiosk.close();
  }
}

const TRIVIAL_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trivial button</title></head>
<body><button type="button" id="toggle" style="font-size:2rem;padding:1rem">Off</button>
<script>document.getElementById('toggle').addEventListener('click', (event) => { event.currentTarget.textContent = event.currentTarget.textContent === 'Off' ? 'On' : 'Off'; });</script>
</body></html>`;

/** The same measurement on a button that only toggles its text: what any page costs on this machine. */
async function measureTrivialButton(): Promise<{ p50: number; p95: number; taps: number; fast: number }> {
  const folder = benchOut('trivial-button');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'index.html'), TRIVIAL_PAGE);
  const server = await serveStatic(folder);
  const profile = mkdtempSync(join(tmpdir(), 'counterpart-bench-chromium-'));
  const context = await launchChromium(profile);
  try {
    await installObservers(context);
    const page = await firstPage(context);
    await page.goto(server.url);
    await throttleCpu(await cdp(page), CPU_SLOWDOWN);
    const button = page.getByRole('button', { name: /^(On|Off)$/ });
    const samples: InteractionSample[] = [];
    for (let tap = 0; tap < (ROUNDS - 1) * 2; tap++) {
      const expected = (await button.textContent()) === 'Off' ? 'On' : 'Off';
      samples.push(await measureInteraction(page, async () => {
        await button.click();
        await page.getByRole('button', { name: expected, exact: true }).waitFor();
      }));
    }
    const durations = samples.map((sample) => sample.duration);
    return { p50: percentile(durations, 50), p95: percentile(durations, 95), taps: samples.length, fast: samples.filter((sample) => sample.belowThreshold).length };
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function benchInteraction(): Promise<BenchResult[]> {
  const trivial = await measureTrivialButton();
  const large = writeLargeMenu();
  let results: BenchResult[];
  try {
    results = [...(await measureMenu('sample menu', SAMPLE_TARGETS)), ...(await measureMenu('large menu', LARGE_TARGETS, large))];
  } finally {
    large.remove();
  }
  const baselineNote = `; baseline: a button toggling its text on a static page (${trivial.taps} taps${trivial.fast ? `, ${trivial.fast} under 16 ms counted as 16` : ''})`;
  return results.map((result) => {
    if (!result.name.startsWith('tap to paint')) return result;
    const baseline = result.name.endsWith('p95') ? trivial.p95 : trivial.p50;
    return { ...result, baseline: round(baseline, 0), note: `${result.note ?? ''}${baselineNote}` };
  });
}
