// `npm run start:browser`: the kiosk without Electron. Starts the host services
// and the loopback server, then opens Chromium in kiosk mode when there is a
// display, or prints the URL to open. Options: --port N (or COUNTERPART_PORT;
// 0 = any free port), --no-browser (only serve; used by the test harness).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../host/config';
import { createKioskHost } from '../host/kiosk-host';
import { startEmbeddedBackOffice } from '../../back-office/server/embedded';
import { ensureRendererBuilt } from './renderer-build';
import { startBrowserShell } from './server';

/** A fixed default port keeps the page's origin, and with it the IndexedDB data, the same across restarts. */
export const DEFAULT_PORT = 4870;
const CHROMIUM = '/usr/bin/chromium';
export const URL_LINE_PREFIX = 'Counterpart kiosk: ';
export const STAFF_CONSOLE_LINE_PREFIX = 'Staff console: ';
export const BACK_OFFICE_LINE_PREFIX = 'Back office: ';

/** A problem an operator can fix, reported without a stack trace. */
class StartupError extends Error {}

function chromiumArgs(url: string, profileDir: string): string[] {
  return [
    '--kiosk',
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
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
  ];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string' }, 'no-browser': { type: 'boolean', default: false } },
    strict: true,
  });
  const portText = values.port ?? process.env.COUNTERPART_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`--port must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const rendererDir = await ensureRendererBuilt();
  const host = createKioskHost({ staffConsoleDir: rendererDir, startBackOffice: startEmbeddedBackOffice });
  const shell = await startBrowserShell({ host, rendererDir, port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    throw new StartupError(`Port ${port} on 127.0.0.1 is already in use (is another kiosk running?). Stop it, or choose another port: npm run start:browser -- --port N`);
  });
  console.log(`${URL_LINE_PREFIX}${shell.url}`);
  host.storeService.info().then(
    (info) => console.log(info.staffConsoleUrl ? `${STAFF_CONSOLE_LINE_PREFIX}${info.staffConsoleUrl}` : `Store bus: ${info.brokerUrl}`),
    () => undefined, // the store service logged why it did not start
  );
  void host.backOfficeUrl().then((url) => url && console.log(`${BACK_OFFICE_LINE_PREFIX}${url}`));

  let browser: ChildProcess | undefined = undefined;
  let closing = false;
  const shutdown = async (code: number): Promise<void> => {
    if (closing) return;
    closing = true;
    if (browser && browser.exitCode === null) browser.kill('SIGTERM');
    await shell.close();
    await host.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (values['no-browser']) return;
  if (!hasDisplay) {
    console.log('No display found (DISPLAY / WAYLAND_DISPLAY unset): open the URL above in Chromium.');
    return;
  }
  // Its own profile (not the user's), kept in the data dir so the kiosk's IndexedDB survives restarts.
  const profileDir = join(host.dataDir, 'chromium-profile');
  mkdirSync(profileDir, { recursive: true });
  browser = spawn(CHROMIUM, chromiumArgs(shell.url, profileDir), { stdio: 'ignore' });
  browser.on('error', (error) => {
    console.error(`Could not start ${CHROMIUM} (${error.message}); open the URL above in Chromium.`);
  });
  browser.on('exit', () => void shutdown(0));
}

main().catch((error: unknown) => {
  // These are for an operator: the message alone says what to fix.
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
});
