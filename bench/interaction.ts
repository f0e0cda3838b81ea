// Interaction latency: tap to next paint (Event Timing API) for the main interactions, on the
// sample menu and the generated large menu, with Chromium's CPU throttled 4× as on a low-end
// kiosk PC; long tasks (over 50 ms) counted over the whole order flow. Baseline: a trivial
// button that toggles its text, on a static page in the same browser at the same throttling.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startKiosk } from '../tests/support/kiosk';
import { afterNextPaint, benchOut, cdp, chromiumStartWorkDone, firstPage, installObservers, launchChromium, longTasksSince, measureInteraction, pageNow, serveStatic, startWorkDone, throttleCpu, type InteractionSample, type LongTask } from './browser';
import { installFinders, shows, tap } from './page-driver';
import { BENCH_HOST_ENV, controls, LARGE_TARGETS, SAMPLE_TARGETS, writeLargeMenu, type OrderTarget } from './kiosk-setup';
import { generateHugeCategoryMenu, HUGE_CATEGORY, SMALL_CATEGORY } from './large-menu';
import { percentile, round, type BenchResult } from './result';

export const CPU_SLOWDOWN = 4;
/**
 * Order rounds measured per menu (20 samples: p95 is the 19th, not the maximum), after a warm-up of
 * one round per target: each target's first visit (its category's cards built, its customiser's
 * first render, code run for the first time) is not counted, and its long tasks are reported apart.
 */
const ROUNDS = 20;
const TARGET_MS = 50;
const HUGE_CATEGORY_TARGET_MS = 100;
const HUGE_CATEGORY_OPENINGS = 40;

const INTERACTIONS = ['open a category', 'open an item', 'open a group', 'change an option', 'add to cart', 'open the cart'] as const;
type Interaction = (typeof INTERACTIONS)[number];

type Step = Interaction | 'add more';
/** Where each step of a round ended, in the page's clock: a long task belongs to the step it came in. */
type StepEnd = { step: Step; round: string; at: number };

/** One round of the order flow; every tap measured, the way back to the menu not. */
async function orderRound(page: Page, target: OrderTarget, measured: (interaction: Interaction, sample: InteractionSample) => void, stepEnds: StepEnd[], round: string): Promise<void> {
  // Read after each step has been measured, outside its tap.
  const ended = async (step: Step) => stepEnds.push({ step, round, at: await pageNow(page) });
  const record = async (interaction: Interaction, sample: InteractionSample) => {
    measured(interaction, sample);
    await ended(interaction);
  };
  await record('open a category', await measureInteraction(page, async () => {
    await tap(page, 'category', target.category);
    await shows(page, 'categoryHeading', target.category);
  }));
  await record('open an item', await measureInteraction(page, async () => {
    await tap(page, 'entry', target.entry);
    await shows(page, 'customizerHeading', target.entry);
  }));
  await record('open a group', await measureInteraction(page, async () => {
    await tap(page, 'closedGroup', target.group);
    await shows(page, 'option', target.group, target.option);
  }));
  await record('change an option', await measureInteraction(page, async () => {
    await tap(page, 'option', target.group, target.option);
    await shows(page, 'checkedOption', target.group, target.option);
  }));
  await record('add to cart', await measureInteraction(page, async () => {
    await tap(page, 'button', 'Add to order');
    await shows(page, 'categories');
  }));
  await record('open the cart', await measureInteraction(page, async () => {
    await tap(page, 'button', 'Review & pay');
    await shows(page, 'heading', 'Your order');
  }));
  await tap(page, 'button', 'Add more');
  await shows(page, 'categories');
  await afterNextPaint(page);
  await ended('add more');
}

/** Each long task named by the step it came in: "add to cart, round 4: 57 ms". */
function longTasksByStep(tasks: LongTask[], stepEnds: StepEnd[]): string[] {
  return tasks.map((task) => {
    const step = stepEnds.find((end) => task.start < end.at);
    return `${step ? `${step.step}, ${step.round}` : 'after the last round'}: ${Math.round(task.duration)} ms`;
  });
}

async function measureMenu(label: string, targets: OrderTarget[], files?: { menuPath: string; storeConfigPath: string }): Promise<BenchResult[]> {
  const kiosk = await startKiosk({ menuPath: files?.menuPath, storeConfigPath: files?.storeConfigPath, env: BENCH_HOST_ENV });
  try {
    const { page } = kiosk;
    await installObservers(kiosk.context);
    await installFinders(kiosk.context);
    await page.reload();
    const ui = controls(page);
    await ui.startOrder().waitFor();
    await startWorkDone(page);
    await chromiumStartWorkDone(kiosk.launchedAt);
    const session = await cdp(page);
    await throttleCpu(session, CPU_SLOWDOWN);
    await ui.startOrder().click();
    await ui.serviceMode('Eat in').click();
    await ui.categories().waitFor();

    const samples = new Map<Interaction, InteractionSample[]>(INTERACTIONS.map((name) => [name, []]));
    const warmUpFrom = await pageNow(page);
    const warmUpEnds: StepEnd[] = [];
    for (const [index, target] of targets.entries()) await orderRound(page, target, () => undefined, warmUpEnds, `warm-up ${index + 1}`);
    const measuredFrom = await pageNow(page);
    const stepEnds: StepEnd[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      await orderRound(page, targets[round % targets.length]!, (interaction, sample) => samples.get(interaction)!.push(sample), stepEnds, `round ${round}`);
    }
    const firstVisitTasks = (await longTasksSince(page, warmUpFrom)).filter((task) => task.start < measuredFrom);
    const longTasks = (await longTasksSince(page, measuredFrom)).filter((task) => task.start < stepEnds.at(-1)!.at);
    const longTasksNamed = longTasksByStep(longTasks, stepEnds);
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
        target: `<= ${TARGET_MS} ms`,
        met: p95 <= TARGET_MS,
        note,
      });
    }
    results.push({
      name: `long tasks over 50 ms, ${label} order flow`,
      value: longTasks.length,
      unit: 'tasks',
      baseline: null,
      // Issue 15: none on the sample menu, at most 5 on the large one.
      target: large ? '<= 5' : '0',
      met: longTasks.length <= (large ? 5 : 0),
      note: `${ROUNDS} rounds × 7 taps (category, item, group, option, add, cart, add more), CPU ${CPU_SLOWDOWN}× slower${longTasksNamed.length ? `; ${longTasksNamed.join('; ')}` : ''}`,
    });
    const firstVisitsNamed = longTasksByStep(firstVisitTasks, warmUpEnds);
    results.push({
      name: `long tasks over 50 ms, ${label} first visits`,
      value: firstVisitTasks.length,
      unit: 'tasks',
      baseline: null,
      target: null,
      met: null,
      note: `the warm-up: one round per target (${targets.map((target) => target.entry).join(', ')}), each the first of its kind since the page was loaded; not counted above, CPU ${CPU_SLOWDOWN}× slower${firstVisitsNamed.length ? `; ${firstVisitsNamed.join('; ')}` : ''}`,
    });
    return results;
  } finally {
    await kiosk.close();
  }
}

/**
 * Tap on a category to its items painted: the heading and the first card in the page, then the
 * frame after that. Timed in the page (the tap is the button's click), so the items shown later
 * in a transition are counted, not only the tap's own frame.
 */
function timeCategoryOpening(page: Page, name: string): Promise<number> {
  // Plain JavaScript: tsx would wrap named functions of a TypeScript callback in a helper the page lacks.
  return page.evaluate(`(async (category) => {
    const button = [...document.querySelectorAll('nav button')].find((candidate) => candidate.textContent.trim() === category);
    if (!button) throw new Error('no category button ' + category);
    const shown = () => document.querySelector('.entries:not(.stowed) h2')?.textContent === category && document.querySelector('.entries:not(.stowed) .entry-grid li button') !== null;
    const started = performance.now();
    button.click();
    await new Promise((resolve) => {
      if (shown()) return resolve();
      const observer = new MutationObserver(() => {
        if (!shown()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['class'] });
    });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    return performance.now() - started;
  })(${JSON.stringify(name)})`);
}

/** Opening the one category of all 10,000 items, against opening a 10-item one on the same menu, CPU 4× slower. */
export async function benchHugeCategory(): Promise<BenchResult[]> {
  const files = writeLargeMenu(generateHugeCategoryMenu());
  const kiosk = await startKiosk({ menuPath: files.menuPath, storeConfigPath: files.storeConfigPath, env: BENCH_HOST_ENV });
  try {
    const { page } = kiosk;
    const ui = controls(page);
    await ui.startOrder().waitFor({ timeout: 60_000 });
    await startWorkDone(page);
    await chromiumStartWorkDone(kiosk.launchedAt);
    await throttleCpu(await cdp(page), CPU_SLOWDOWN);
    await ui.startOrder().click();
    await ui.serviceMode('Eat in').click();
    await ui.categories().waitFor();
    const huge: number[] = [];
    const small: number[] = [];
    await timeCategoryOpening(page, HUGE_CATEGORY); // warm-up
    await timeCategoryOpening(page, SMALL_CATEGORY);
    for (let opening = 0; opening < HUGE_CATEGORY_OPENINGS; opening++) {
      huge.push(await timeCategoryOpening(page, HUGE_CATEGORY));
      small.push(await timeCategoryOpening(page, SMALL_CATEGORY));
    }
    if (kiosk.pageErrors.length > 0) throw new Error(`the kiosk page reported errors: ${kiosk.pageErrors.join('; ')}`);
    const hugeP50 = percentile(huge, 50);
    const hugeP95 = percentile(huge, 95);
    const smallP50 = percentile(small, 50);
    const note = `${HUGE_CATEGORY_OPENINGS} openings after one warm-up, alternating with the 10-item category of the same menu (the baseline), CPU ${CPU_SLOWDOWN}× slower; tap to the heading and first card painted, timed in the page`;
    return [
      { name: 'open a 10,000-item category, p50', value: round(hugeP50, 0), unit: 'ms', baseline: round(smallP50, 0), target: null, met: null, note },
      {
        name: 'open a 10,000-item category, p95',
        value: round(hugeP95, 0),
        unit: 'ms',
        baseline: round(percentile(small, 95), 0),
        target: `<= ${HUGE_CATEGORY_TARGET_MS} ms`,
        met: hugeP95 <= HUGE_CATEGORY_TARGET_MS,
        note,
      },
    ];
  } finally {
    await kiosk.close();
    files.remove();
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
    await installFinders(context);
    const page = await firstPage(context);
    await page.goto(server.url);
    await throttleCpu(await cdp(page), CPU_SLOWDOWN);
    const samples: InteractionSample[] = [];
    let label = 'Off';
    for (let taps = 0; taps < ROUNDS * 2; taps++) {
      const next = label === 'Off' ? 'On' : 'Off';
      samples.push(await measureInteraction(page, async () => {
        await tap(page, 'button', label);
        await shows(page, 'button', next);
      }));
      label = next;
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
