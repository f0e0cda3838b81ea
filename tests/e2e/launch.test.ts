// The browser shell's Chromium: started at once, sent to the kiosk over its DevTools pipe, so the
// per-launch token never appears on a command line, where every local user could read it
// (/proc/<pid>/cmdline). Checked on the launcher with the harness's headless flags (the page
// works), and on the prebuilt browser shell as `npm start` runs it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOST_OUT_DIR, buildHost } from '../../electron/build';
import { launchKioskBrowser, type KioskBrowser } from '../../electron/browser-shell/chromium';
import { RENDERER_DIR } from '../../electron/browser-shell/renderer-build';
import { startBrowserShell, type BrowserShell } from '../../electron/browser-shell/server';
import { createKioskHost, type KioskHost } from '../../electron/host/kiosk-host';
import { silentLogger } from '../../electron/host/log';
import { CHROMIUM_ARGS, FIXTURE_MENU, FIXTURE_STORE, REPO_ROOT } from '../support/kiosk';

/** The process and every process below it (Chromium's zygote, GPU, renderers, utilities). */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of parents.get(pid) ?? []) visit(child);
  };
  visit(root);
  return tree;
}

const commandLine = (pid: number): string => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
};

/** The harness's Chromium switches, headless, for a machine without a display. */
const HEADLESS_EXTRA = CHROMIUM_ARGS.filter((arg) => arg !== '--headless');

describe('the kiosk browser launcher', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'counterpart-launch-'));
  let host: KioskHost;
  let shell: BrowserShell;
  let browser: KioskBrowser;

  beforeAll(async () => {
    host = createKioskHost({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU, dataDir: join(dataDir, 'host'), log: silentLogger });
    shell = await startBrowserShell({ host, rendererDir: RENDERER_DIR, port: 0 });
    browser = launchKioskBrowser({ profileDir: join(dataDir, 'chromium-profile'), headless: true, extraArgs: HEADLESS_EXTRA });
    await browser.navigate(shell.url);
  });
  afterAll(async () => {
    await browser?.close();
    await shell?.close();
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const evaluate = async (expression: string): Promise<unknown> => {
    const result = await browser.cdp.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true }, await browser.pageSession());
    return (result.result as { value?: unknown }).value;
  };

  it('shows the kiosk: the page got its token and reached the host with it', async () => {
    await expect.poll(() => evaluate(`[...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Start order' && !b.disabled)`), { timeout: 60_000 }).toBe(true);
    expect(await evaluate('location.origin')).toBe(shell.origin);
    expect(await evaluate(`new URLSearchParams(location.hash.slice(1)).get('token')`)).toBe(shell.token);
  });

  it('puts the token on no command line of Chromium or any of its processes', async () => {
    const tree = processTree(browser.process.pid!);
    // The browser, its zygotes, GPU/utility and renderer processes are all up by now.
    expect(tree.length).toBeGreaterThan(2);
    const lines = tree.map(commandLine);
    expect(lines[0]).toContain('--remote-debugging-pipe');
    expect(lines.filter((line) => line.includes(shell.token))).toEqual([]);
    expect(lines.filter((line) => /token=|remote-debugging-port/.test(line))).toEqual([]);
  });
});

describe('the prebuilt browser shell (npm start without Electron)', () => {
  let child: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'counterpart-launch-cli-'));
  beforeAll(async () => {
    await buildHost();
  });
  afterEach(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('runs with plain node, opens Chromium itself, and no command line in its process tree carries the token', async () => {
    child = spawn(process.execPath, [join(HOST_OUT_DIR, 'browser-shell.mjs'), '--port', '0', '--headless', ...HEADLESS_EXTRA.map((arg) => `--browser-arg=${arg}`)], {
      cwd: REPO_ROOT,
      env: { ...process.env, COUNTERPART_STORE: FIXTURE_STORE, COUNTERPART_MENU: FIXTURE_MENU, COUNTERPART_DATA: dataDir, COUNTERPART_STORE_BUS_PORT: '0', COUNTERPART_STORE_BUS_WS_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await expect.poll(() => /^Counterpart kiosk: (\S+) \(opened in Chromium\)$/m.exec(output)?.[1], { timeout: 60_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const origin = new URL(/^Counterpart kiosk: (\S+)/m.exec(output)![1]!).origin;
    expect(output).not.toContain('token=');
    // Chromium is the shell's child; wait until it has its renderer for the kiosk page.
    await expect.poll(() => processTree(child!.pid!).map(commandLine).some((line) => line.includes('--type=renderer')), { timeout: 60_000 }).toBe(true);
    const lines = processTree(child.pid!).map(commandLine);
    expect(lines.some((line) => line.includes('--remote-debugging-pipe'))).toBe(true);
    expect(lines.filter((line) => /token|remote-debugging-port/.test(line))).toEqual([]);
    // And the shell serves the kiosk there.
    expect((await fetch(`${origin}/`)).status).toBe(200);
    expect(output).not.toMatch(/Could not open the kiosk/);
  });
});
