// Start: the kiosk as `npm run start:browser` starts it — the prebuilt browser shell run by plain
// node (dist/host), which starts Chromium itself while the host loads and sends it to the kiosk
// over its DevTools pipe — from spawning it to the attract screen being interactive, and from
// the attract screen to the first menu; cold (a fresh data folder: Chromium profile and IndexedDB)
// and warm (the second start on it). "Interactive" is the page's own mark, set when the attract
// screen's first render has committed with the startup data (ui/screens/AttractScreen.tsx), read
// as wall-clock time through a DevTools port opened for the bench only (--browser-arg), so
// connecting to the browser costs the launch nothing.
// Baseline: the empty React page of the bundle suite, served by a spawned static server and
// opened in Chromium started by Playwright, to its content being visible.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from '../tests/support/kiosk';
import { firstPage, launchChromium } from './browser';
import { buildEmptyReactPage } from './bundle';
import { BENCH_HOST_ENV, controls } from './kiosk-setup';
import { percentile, round, type BenchResult } from './result';
import { STATIC_URL_LINE } from './static-server';

const RUNS = 3;
const TARGET_MS = { cold: 1000, warm: 800 };
/** Set by the attract screen's first commit with the startup data. */
const INTERACTIVE_MARK = 'kiosk:attract-interactive';
const URL_LINE = /^Counterpart kiosk: (http:\/\/\S+)/m;

interface StartTimes {
  /** Spawn to the page being interactive. */
  interactive: number;
  /** Of which: the server printing its URL. */
  server: number;
  /** Of which: Chromium launched. */
  browser: number;
  /** Attract screen to the first menu (kiosk only). */
  toMenu?: number;
  /** The page's own start marks (kiosk:<stage>, renderer/state/start-marks.ts), ms from its navigation's start. */
  stages?: Record<string, number>;
}

interface Served {
  url: string;
  stop(): Promise<void>;
}

/** A port free right now; a warm start reuses it, since the browser's caches are per origin (as the kiosk's fixed port). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function spawnStaticServer(folder: string, port: number): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'bench/static-server.ts'), folder, String(port)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith(STATIC_URL_LINE));
      if (line) resolve(line.slice(STATIC_URL_LINE.length).trim());
    });
    child.once('exit', (code) => reject(new Error(`the static server exited (code ${code}) before printing its URL: ${output}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((done) => child.once('exit', () => done()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function startOnce(profile: string, serve: () => Promise<Served>, ready: (page: Page) => Promise<void>, toMenu?: (page: Page) => Promise<void>): Promise<StartTimes> {
  const started = performance.now();
  const served = await serve();
  const server = performance.now() - started;
  const context = await launchChromium(profile);
  try {
    const browser = performance.now() - started - server;
    const page = await firstPage(context);
    await page.goto(served.url);
    await ready(page);
    const interactive = performance.now() - started;
    if (!toMenu) return { interactive, server, browser };
    const attract = performance.now();
    await toMenu(page);
    return { interactive, server, browser, toMenu: performance.now() - attract };
  } finally {
    await context.close();
    await served.stop();
  }
}

/** The prebuilt browser shell, as `npm run start:browser` runs it, headless, with a DevTools port for the bench. */
function spawnBrowserShell(port: number, dataDir: string): ChildProcess {
  const args = [
    join(REPO_ROOT, 'electron/start.mjs'),
    'browser-shell',
    '--port',
    String(port),
    '--headless',
    ...['--no-sandbox', '--disable-gpu', '--window-size=1080,1920', '--remote-debugging-port=0'].map((arg) => `--browser-arg=${arg}`),
  ];
  return spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, COUNTERPART_DATA: dataDir, ...BENCH_HOST_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function until<T>(what: string, read: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function kioskStart(dataDir: string, port: number): Promise<StartTimes> {
  // A warm start finds the last run's port file: it must not be read as this one's.
  const portFile = join(dataDir, 'chromium-profile', 'DevToolsActivePort');
  rmSync(portFile, { force: true });
  const started = Date.now();
  const child = spawnBrowserShell(port, dataDir);
  let output = '';
  let serverAt: number | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (serverAt === undefined && URL_LINE.test(output)) serverAt = Date.now();
  });
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  let browser: Browser | undefined;
  try {
    // Its first line is the port, its second the browser's WebSocket path.
    const endpoint = await until(`Chromium's DevTools port (${portFile}); output so far: ${output}`, () => {
      const [devtoolsPort, path] = existsSync(portFile) ? readFileSync(portFile, 'utf8').split('\n') : [];
      return devtoolsPort && path ? `ws://127.0.0.1:${devtoolsPort}${path}` : undefined;
    });
    browser = await chromium.connectOverCDP(endpoint);
    const context = browser.contexts()[0]!;
    const page = await until('the kiosk page', () => context.pages().find((candidate) => candidate.url().startsWith(`http://127.0.0.1:${port}/`)));
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, INTERACTIVE_MARK, { timeout: 60_000 });
    const { navigationStart, interactiveAt, stages } = await page.evaluate((mark) => {
      const entry = performance.getEntriesByName(mark)[0]!;
      const marks = performance.getEntriesByType('mark').filter((candidate) => candidate.name.startsWith('kiosk:'));
      return {
        navigationStart: performance.timeOrigin,
        interactiveAt: performance.timeOrigin + entry.startTime,
        stages: Object.fromEntries(marks.map((candidate) => [candidate.name.slice('kiosk:'.length), Math.round(candidate.startTime)])),
      };
    }, INTERACTIVE_MARK);
    const interactive = interactiveAt - started;
    const server = (serverAt ?? interactiveAt) - started;
    // Chromium's own part is not visible from outside; the page part is from its navigation's start.
    const browserPart = navigationStart - started - server;
    const attract = performance.now();
    await toFirstMenu(page);
    return { interactive, server, browser: browserPart, toMenu: performance.now() - attract, stages };
  } finally {
    await browser?.close().catch(() => undefined);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  }
}

async function toFirstMenu(page: Page): Promise<void> {
  const ui = controls(page);
  await ui.startOrder().click();
  await ui.serviceMode('Eat in').click();
  await ui.categories().waitFor();
  await ui.categories().getByRole('button').first().waitFor();
}

async function emptyReactStart(profile: string, port: number, folder: string): Promise<StartTimes> {
  return startOnce(
    profile,
    () => spawnStaticServer(folder, port),
    (page) => page.getByText('empty', { exact: true }).waitFor(),
  );
}

/** Cold (fresh profile) then warm (same profile and origin again), RUNS times; medians. */
async function coldAndWarm(run: (profile: string, port: number) => Promise<StartTimes>): Promise<{ cold: StartTimes; warm: StartTimes }> {
  const cold: StartTimes[] = [];
  const warm: StartTimes[] = [];
  for (let i = 0; i < RUNS; i++) {
    const profile = mkdtempSync(join(tmpdir(), 'counterpart-bench-chromium-'));
    try {
      const port = await freePort();
      cold.push(await run(profile, port));
      warm.push(await run(profile, port));
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  }
  const median = (list: StartTimes[]): StartTimes => ({
    interactive: percentile(list.map((t) => t.interactive), 50),
    server: percentile(list.map((t) => t.server), 50),
    browser: percentile(list.map((t) => t.browser), 50),
    toMenu: list[0]?.toMenu === undefined ? undefined : percentile(list.map((t) => t.toMenu!), 50),
    stages: list[0]?.stages && Object.fromEntries(Object.keys(list[0].stages).map((stage) => [stage, percentile(list.map((t) => t.stages?.[stage] ?? NaN), 50)])),
  });
  return { cold: median(cold), warm: median(warm) };
}

export async function benchStart(): Promise<BenchResult[]> {
  const emptyIndex = join(REPO_ROOT, 'bench/out/empty-react/dist/index.html');
  const emptyFolder = dirname(existsSync(emptyIndex) ? emptyIndex : await buildEmptyReactPage());
  {
    // The host bundle is built once, before the clock runs (npm start rebuilds it only when a source changed).
    const build = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/build.ts'), '--host'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('could not build the host bundle');
    // A fresh data folder (its Chromium profile and the kiosk's IndexedDB) is the cold start; the second start on it, warm.
    const kiosk = await coldAndWarm((folder, port) => kioskStart(folder, port));
    const empty = await coldAndWarm((profile, port) => emptyReactStart(profile, port, emptyFolder));
    const results: BenchResult[] = [];
    for (const kind of ['cold', 'warm'] as const) {
      const k = kiosk[kind];
      const e = empty[kind];
      results.push({
        name: `start: launch to attract screen interactive, ${kind}`,
        value: round(k.interactive, 0),
        unit: 'ms',
        baseline: round(e.interactive, 0),
        target: `<= ${TARGET_MS[kind]} ms`,
        met: k.interactive <= TARGET_MS[kind],
        note:
          `median of ${RUNS}; prebuilt browser shell (node dist/host, Chromium started in parallel): host listening after ${round(k.server, 0)} ms, page navigation started ${round(k.browser, 0)} ms later, page ${round(k.interactive - k.server - k.browser, 0)} ms` +
          ` (baseline: static server ${round(e.server, 0)}, Chromium ${round(e.browser, 0)}, page ${round(e.interactive - e.server - e.browser, 0)} ms)`,
      });
      const page = k.interactive - k.server - k.browser;
      const emptyPage = e.interactive - e.server - e.browser;
      results.push({
        name: `start: page open to attract screen interactive, ${kind}`,
        value: round(page, 0),
        unit: 'ms',
        baseline: round(emptyPage, 0),
        target: null,
        met: null,
        note:
          `median of ${RUNS}; the page part of the launch above, from its navigation's start: load, scripts, startup data over the kiosk WebSocket, IndexedDB, first render` +
          (k.stages ? `; the page's marks (ms after its navigation's start): ${Object.entries(k.stages).sort((a, b) => a[1] - b[1]).map(([stage, at]) => `${stage} ${round(at, 0)}`).join(', ')}` : ''),
      });
      results.push({
        name: `start: attract screen to first menu, ${kind}`,
        value: round(k.toMenu!, 0),
        unit: 'ms',
        baseline: null,
        target: null,
        met: null,
        note: `median of ${RUNS}; two taps: Start order, Eat in`,
      });
    }
    return results;
  }
}
