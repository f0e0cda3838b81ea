// End-to-end harness: the kiosk as it is deployed without Electron. The browser
// shell runs as a child process (so a test can kill or restart the host), and
// Chromium opens the kiosk URL with its own user-data dir (a persistent context,
// so IndexedDB is real and survives page reloads and host restarts).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const require = createRequire(import.meta.url);
export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(REPO_ROOT, 'electron/browser-shell/cli.ts');
const URL_LINE = /^Counterpart kiosk: (http:\/\/\S+)$/m;
/** The line the host prints once its embedded broker serves the staff console. */
export const STAFF_CONSOLE_LINE = /^Staff console: (http:\/\/127\.0\.0\.1:\d+\/staff\/\S*)$/m;
const HOST_START_TIMEOUT_MS = 60_000;

export const FIXTURE_STORE = join(REPO_ROOT, 'tests/support/fixtures/store.json');
export const FIXTURE_MENU = join(REPO_ROOT, 'tests/support/fixtures/menu.json');

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** A portrait kiosk screen, used by touch. */
export const KIOSK_VIEWPORT = { width: 1080, height: 1920 };

export interface StartKioskOptions {
  storeConfigPath?: string;
  menuPath?: string;
  /** Extra environment for the host process. */
  env?: Record<string, string>;
}

export interface HostProcess {
  process: ChildProcess;
  url: string;
  origin: string;
  port: number;
  token: string;
  /** Everything the host printed so far (stdout and stderr). */
  output(): string;
  /**
   * Waits until the host printed a line matching `pattern` (multiline) and returns its first group,
   * or the whole match: the addresses it prints once a service listens (staff console, back office).
   */
  printed(pattern: RegExp, withinMs?: number): Promise<string>;
}

export interface Kiosk {
  url: string;
  /** Null: a persistent context has no separate Browser object. */
  browser: Browser | null;
  context: BrowserContext;
  page: Page;
  /** The running host process (replaced by restartHost). */
  host: HostProcess;
  /** Page errors and console errors seen so far, for tests to assert there were none. */
  pageErrors: string[];
  /** Chromium's user-data dir: its processes name it on their command line. */
  profileDir: string;
  /** When Chromium was launched (Date.now()): its processes started after it. */
  launchedAt: number;
  /** Stops the host (SIGKILL simulates a crash); the page stays open. */
  stopHost(signal?: NodeJS.Signals): Promise<void>;
  /** Starts the host again on the same port (same origin, same IndexedDB), then opens its new URL. */
  restartHost(signal?: NodeJS.Signals): Promise<string>;
  close(): Promise<void>;
}

/** Starts the browser shell as a child process and waits until it prints its URL. */
export function startHostProcess(options: { port: number; env: Record<string, string> }): Promise<HostProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', String(options.port), '--no-browser'], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the kiosk host did not print its URL within ${HOST_START_TIMEOUT_MS / 1000} s:\n${output}`));
    }, HOST_START_TIMEOUT_MS);
    let ready = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (ready || !match?.[1]) return;
      ready = true;
      clearTimeout(timer);
      const url = new URL(match[1]);
      resolvePromise({
        process: child,
        url: url.href,
        origin: url.origin,
        port: Number(url.port),
        token: new URLSearchParams(url.hash.slice(1)).get('token') ?? '',
        output: () => output,
        printed: (pattern, withinMs) => waitForPrinted(() => output, pattern, withinMs),
      });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the kiosk host exited (${signal ?? `code ${code}`}) before it was ready:\n${output}`));
    });
  });
}

async function waitForPrinted(output: () => string, pattern: RegExp, withinMs = 30_000): Promise<string> {
  for (const until = Date.now() + withinMs; ; await new Promise((resolveWait) => setTimeout(resolveWait, 100))) {
    const match = pattern.exec(output());
    if (match) return match[1] ?? match[0];
    if (Date.now() > until) throw new Error(`the kiosk host did not print ${pattern} within ${withinMs / 1000} s:\n${output()}`);
  }
}

export async function stopHostProcess(host: HostProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const child = host.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill(signal);
  await exited;
}

export async function startKiosk(options: StartKioskOptions = {}): Promise<Kiosk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'counterpart-host-'));
  const profileDir = mkdtempSync(join(tmpdir(), 'counterpart-chromium-'));
  const env: Record<string, string> = {
    COUNTERPART_DATA: dataDir,
    // Each kiosk gets its own embedded broker on free ports unless a test joins kiosks on one broker.
    COUNTERPART_STORE_BUS_PORT: '0',
    COUNTERPART_STORE_BUS_WS_PORT: '0',
    COUNTERPART_BACK_OFFICE_PORT: '0',
    ...(options.storeConfigPath ? { COUNTERPART_STORE: resolve(options.storeConfigPath) } : {}),
    ...(options.menuPath ? { COUNTERPART_MENU: resolve(options.menuPath) } : {}),
    ...options.env,
  };

  let host: HostProcess | undefined;
  let context: BrowserContext | undefined;
  const cleanUp = async (): Promise<void> => {
    await context?.close().catch(() => undefined);
    if (host) await stopHostProcess(host);
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    host = await startHostProcess({ port: 0, env });
    const launchedAt = Date.now();
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: KIOSK_VIEWPORT,
      hasTouch: true,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(host.url);

    const kiosk: Kiosk = {
      url: host.url,
      browser: context.browser(),
      context,
      page,
      host,
      pageErrors,
      profileDir,
      launchedAt,
      async stopHost(signal = 'SIGTERM') {
        await stopHostProcess(kiosk.host, signal);
      },
      async restartHost(signal = 'SIGTERM') {
        await stopHostProcess(kiosk.host, signal);
        host = await startHostProcess({ port: kiosk.host.port, env });
        kiosk.host = host;
        kiosk.url = host.url;
        // The new URL differs only in its fragment (the token), which would not reload the page.
        await page.goto('about:blank');
        await page.goto(host.url);
        return host.url;
      },
      close: cleanUp,
    };
    return kiosk;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * Runs axe-core in the page and returns its violations. The source is evaluated
 * through the DevTools protocol: a <script> tag would (rightly) be blocked by the
 * kiosk's Content-Security-Policy.
 */
export async function runAxe(page: Page, options: { alsoRules?: string[] } = {}): Promise<AxeViolation[]> {
  const source = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const alreadyLoaded = await page.evaluate(() => 'axe' in window);
  if (!alreadyLoaded) await page.evaluate(source);
  // alsoRules: rules axe leaves off by default (experimental ones such as label-content-name-mismatch).
  const rules = Object.fromEntries((options.alsoRules ?? []).map((rule) => [rule, { enabled: true }]));
  return page.evaluate(async (enabled) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'], rules: enabled });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  }, rules);
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown; failureSummary?: string }[];
}

/** One readable line per violation, for assertion messages. */
export const formatViolations = (violations: AxeViolation[]): string =>
  violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
    .join('\n');

/**
 * Writes the sample store config with its printer and terminal on the given serial lines
 * (e.g. simulators the test started), so the host opens them as it would real hardware.
 * Returns the file's path.
 */
export function writeStoreConfigWithDevices(
  directory: string,
  devices: { printerPath: string; printerBaudRate: number; terminalPath: string; terminalBaudRate: number },
): string {
  const store = JSON.parse(readFileSync(join(REPO_ROOT, 'menu-config/sample/store.json'), 'utf8')) as Record<string, unknown>;
  const storeConfigPath = join(directory, 'store.json');
  // The sample's theme files (logo, fonts) sit beside its store.json: the copy takes them along.
  cpSync(join(REPO_ROOT, 'menu-config/sample/brand'), join(directory, 'brand'), { recursive: true });
  writeFileSync(
    storeConfigPath,
    JSON.stringify({
      ...store,
      devices: {
        printer: { path: devices.printerPath, baudRate: devices.printerBaudRate },
        terminal: { path: devices.terminalPath, baudRate: devices.terminalBaudRate },
      },
    }),
  );
  return storeConfigPath;
}
