// Chromium for the browser shell. It starts at once on a blank page, while the host is still
// loading, and is sent to the kiosk over the DevTools pipe as soon as the host listens: the URL
// with its per-launch token never appears on a command line (/proc/<pid>/cmdline is readable by
// every local user), and no DevTools port is opened that another local process could use.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { CdpPipe } from './cdp-pipe';

export const CHROMIUM = '/usr/bin/chromium';
const CLOSE_GRACE_MS = 5_000;

export interface KioskBrowserOptions {
  /** Its own profile, so the kiosk's IndexedDB lives with the kiosk's data (created 0700). */
  profileDir: string;
  executable?: string;
  /** No window (a machine without a display, tests): the same browser and pipe, headless. */
  headless?: boolean;
  /** More Chromium switches, e.g. --no-sandbox where the sandbox cannot run. */
  extraArgs?: readonly string[];
}

export interface KioskBrowser {
  readonly process: ChildProcess;
  /** The DevTools pipe, held by this process only. */
  readonly cdp: CdpPipe;
  /** The kiosk window's DevTools session, once Chromium has opened it. */
  pageSession(): Promise<string>;
  /** Shows `url` in the kiosk window (resolves when Chromium has accepted the navigation). */
  navigate(url: string): Promise<void>;
  /** Settles when Chromium has exited (or could not start). */
  readonly exited: Promise<void>;
  /** Closes Chromium (through the pipe, then by signal if it does not go). */
  close(): Promise<void>;
}

export function kioskChromiumArgs(options: Pick<KioskBrowserOptions, 'profileDir' | 'headless' | 'extraArgs'>): string[] {
  return [
    ...(options.headless ? ['--headless'] : ['--kiosk']),
    `--user-data-dir=${options.profileDir}`,
    '--remote-debugging-pipe',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-translate',
    '--disable-features=Translate,MediaRouter',
    '--noerrdialogs',
    '--disable-pinch',
    '--overscroll-history-navigation=0',
    ...(options.extraArgs ?? []),
    options.headless ? 'about:blank' : '--app=about:blank',
  ];
}

export function launchKioskBrowser(options: KioskBrowserOptions): KioskBrowser {
  mkdirSync(options.profileDir, { recursive: true, mode: 0o700 });
  const executable = options.executable ?? CHROMIUM;
  // fd 3: commands to Chromium; fd 4: its answers and events.
  const child = spawn(executable, kioskChromiumArgs(options), { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const cdp = new CdpPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const failedToStart = new Promise<never>((_, reject) => child.once('error', (error) => reject(new Error(`could not start ${executable}: ${error.message}`))));
  failedToStart.catch(() => undefined);

  // The kiosk window: the first page target Chromium reports.
  const session = (async () => {
    const opened = cdp.waitForEvent((event) => event.method === 'Target.targetCreated' && (event.params.targetInfo as { type?: string }).type === 'page');
    await Promise.race([cdp.send('Target.setDiscoverTargets', { discover: true }), failedToStart]);
    const { targetInfo } = (await Promise.race([opened, failedToStart])).params as { targetInfo: { targetId: string } };
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: true });
    return sessionId as string;
  })();
  session.catch(() => undefined);

  return {
    process: child,
    cdp,
    pageSession: () => session,
    async navigate(url) {
      const result = await cdp.send('Page.navigate', { url }, await session);
      if (typeof result.errorText === 'string') throw new Error(`Chromium could not open the kiosk page: ${result.errorText}`);
    },
    exited,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      await cdp.send('Browser.close').catch(() => child.kill('SIGTERM'));
      const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
