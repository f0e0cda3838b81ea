// `npm run start:browser`: the kiosk without Electron. Starts Chromium at once (when there is a
// display, or with --headless) while the host services load, then the loopback server, and sends
// Chromium to the kiosk over its DevTools pipe as soon as the server listens; without a browser
// it prints the URL to open. Options: --port N (or COUNTERPART_PORT; 0 = any free port),
// --no-browser (only serve; used by the test harness), --headless, --browser-arg=SWITCH.
// In production this runs prebuilt (dist/host/browser-shell.mjs, plain node); the host's modules
// are imported only after Chromium has been started, so both start together.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../host/paths';
import type { StartBackOffice } from '../host/kiosk-host';
import { CHROMIUM, launchKioskBrowser, type KioskBrowser } from './chromium';

/** A fixed default port keeps the page's origin, and with it the IndexedDB data, the same across restarts. */
export const DEFAULT_PORT = 4870;
export const URL_LINE_PREFIX = 'Counterpart kiosk: ';
export const STAFF_CONSOLE_LINE_PREFIX = 'Staff console: ';
export const BACK_OFFICE_LINE_PREFIX = 'Back office: ';
export const DISPLAY_LINE_PREFIX = 'Order status display: ';

/** A problem an operator can fix, reported without a stack trace. */
class StartupError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
      headless: { type: 'boolean', default: false },
      'browser-arg': { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  });
  const portText = values.port ?? process.env.COUNTERPART_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`--port must be a whole number from 0 to 65535, got "${portText}"`);
  }

  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const openBrowser = !values['no-browser'] && (hasDisplay || values.headless);
  // Its own profile (not the user's), in the data dir so the kiosk's IndexedDB survives restarts.
  const browser: KioskBrowser | undefined = openBrowser
    ? launchKioskBrowser({ profileDir: join(defaultDataDir(), 'chromium-profile'), headless: values.headless, extraArgs: values['browser-arg'] })
    : undefined;

  let started;
  try {
    started = await startHost(port);
  } catch (error) {
    await browser?.close();
    throw error;
  }
  const { host, shell } = started;

  let closing = false;
  const shutdown = async (code: number): Promise<void> => {
    if (closing) return;
    closing = true;
    await browser?.close();
    await shell.close();
    await host.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  if (browser) {
    // The token travels over the pipe, never on a command line; the line below does not carry it either.
    console.log(`${URL_LINE_PREFIX}${shell.origin}/ (opened in Chromium)`);
    browser.exited.then(() => void shutdown(0));
    await browser.navigate(shell.url).catch((error: unknown) => {
      console.error(`Could not open the kiosk in ${CHROMIUM} (${error instanceof Error ? error.message : String(error)}); open this URL in Chromium: ${shell.url}`);
    });
  } else {
    console.log(`${URL_LINE_PREFIX}${shell.url}`);
    if (!values['no-browser']) console.log('No display found (DISPLAY / WAYLAND_DISPLAY unset): open the URL above in Chromium, or start with --headless.');
  }
  host.storeService.info().then(
    (info) => {
      console.log(info.staffConsoleUrl ? `${STAFF_CONSOLE_LINE_PREFIX}${info.staffConsoleUrl}` : `Store bus: ${info.brokerUrl}`);
      if (info.displayUrl) console.log(`${DISPLAY_LINE_PREFIX}${info.displayUrl}`);
    },
    () => undefined, // the store service logged why it did not start
  );
  void host.backOfficeUrl().then((url) => url && console.log(`${BACK_OFFICE_LINE_PREFIX}${url}`));
}

/** The host services and the loopback server; their modules load here, after Chromium was started. */
async function startHost(port: number) {
  const [{ createKioskHost }, { startBrowserShell }, { ensureRendererBuilt }] = await Promise.all([import('../host/kiosk-host'), import('./server'), import('./renderer-build')]);
  const rendererDir = await ensureRendererBuilt();
  // The back office (its database drivers and server) loads when it starts, beside the broker: the kiosk page does not wait for it.
  const startBackOffice: StartBackOffice = async (context) => (await import('../../back-office/server/embedded')).startEmbeddedBackOffice(context);
  const host = createKioskHost({ staffConsoleDir: rendererDir, startBackOffice, pageFirst: true });
  const shell = await startBrowserShell({ host, rendererDir, port }).catch(async (error: NodeJS.ErrnoException) => {
    await host.close();
    if (error.code !== 'EADDRINUSE') throw error;
    throw new StartupError(`Port ${port} on 127.0.0.1 is already in use (is another kiosk running?). Stop it, or choose another port: npm run start:browser -- --port N`);
  });
  return { host, shell };
}

main().catch(async (error: unknown) => {
  // These are for an operator: the message alone says what to fix.
  const { ConfigError } = await import('../host/config');
  console.error(error instanceof ConfigError || error instanceof StartupError ? error.message : error);
  process.exit(1);
});
