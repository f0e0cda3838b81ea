// Start: from spawning the browser shell to the attract screen being interactive (its start
// button visible and enabled, so the startup data has arrived), and from the attract screen to
// the first menu; cold (a fresh Chromium profile) and warm (the second start on that profile).
// Baseline: the empty React page of the bundle suite, served by a spawned static server and
// opened in the same Chromium, to its content being visible.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT, startHostProcess, stopHostProcess } from '../tests/support/kiosk';
import { firstPage, launchChromium } from './browser';
import { buildEmptyReactPage } from './bundle';
import { BENCH_HOST_ENV, controls } from './kiosk-setup';
import { percentile, round, type BenchResult } from './result';
import { STATIC_URL_LINE } from './static-server';

const RUNS = 3;
const TARGET_MS = 1000;

interface StartTimes {
  /** Spawn to the page being interactive. */
  interactive: number;
  /** Of which: the server printing its URL. */
  server: number;
  /** Of which: Chromium launched. */
  browser: number;
  /** Attract screen to the first menu (kiosk only). */
  toMenu?: number;
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

async function kioskStart(profile: string, port: number, dataDir: string): Promise<StartTimes> {
  return startOnce(
    profile,
    async () => {
      const host = await startHostProcess({ port, env: { COUNTERPART_DATA: dataDir, ...BENCH_HOST_ENV } });
      return { url: host.url, stop: () => stopHostProcess(host) };
    },
    async (page) => {
      const start = controls(page).startOrder();
      await start.waitFor();
      await page.waitForFunction(() => {
        const button = [...document.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === 'Start order');
        return button !== undefined && !button.disabled;
      });
    },
    async (page) => {
      const ui = controls(page);
      await ui.startOrder().click();
      await ui.serviceMode('Eat in').click();
      await ui.categories().waitFor();
      await ui.categories().getByRole('button').first().waitFor();
    },
  );
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
  });
  return { cold: median(cold), warm: median(warm) };
}

export async function benchStart(): Promise<BenchResult[]> {
  const emptyIndex = join(REPO_ROOT, 'bench/out/empty-react/dist/index.html');
  const emptyFolder = dirname(existsSync(emptyIndex) ? emptyIndex : await buildEmptyReactPage());
  const dataDir = mkdtempSync(join(tmpdir(), 'counterpart-bench-host-'));
  try {
    const kiosk = await coldAndWarm((profile, port) => kioskStart(profile, port, dataDir));
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
        target: `<= ${TARGET_MS} ms`,
        met: k.interactive <= TARGET_MS,
        note:
          `median of ${RUNS}; host process up ${round(k.server, 0)} ms, Chromium launched ${round(k.browser, 0)} ms, page ${round(k.interactive - k.server - k.browser, 0)} ms` +
          ` (baseline: static server ${round(e.server, 0)}, Chromium ${round(e.browser, 0)}, page ${round(e.interactive - e.server - e.browser, 0)} ms)`,
      });
      const page = k.interactive - k.server - k.browser;
      const emptyPage = e.interactive - e.server - e.browser;
      results.push({
        name: `start: page open to attract screen interactive, ${kind}`,
        value: round(page, 0),
        unit: 'ms',
        baseline: round(emptyPage, 0),
        target: `<= ${TARGET_MS} ms`,
        met: page <= TARGET_MS,
        note: `median of ${RUNS}; the page part of the launch above: load, scripts, startup data over the kiosk WebSocket, first render`,
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
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
