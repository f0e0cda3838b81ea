// app://kiosk/: what Electron's protocol handler serves, with which headers.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_URL, isAppUrl, OUT_OF_SERVICE_URL, registerAppScheme, serveAppProtocol } from '../../../electron/main/app-protocol';
import { FIXTURE_MENU } from '../../support/kiosk';
import { createFakeElectron } from './fake-electron';

const rendererDir = mkdtempSync(join(tmpdir(), 'counterpart-renderer-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
afterAll(() => rmSync(rendererDir, { recursive: true, force: true }));

const electron = createFakeElectron();
registerAppScheme(electron.protocol);
serveAppProtocol(electron.protocol, { rendererDir, assetDir: dirname(FIXTURE_MENU) });
const fetchApp = (url: string, method = 'GET') => electron.protocolHandlers.get('app')!(new Request(url, { method }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme (a real origin for IndexedDB)', () => {
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves the page with a strict CSP', async () => {
    const response = await fetchApp(APP_URL);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>kiosk</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves menu images, and refuses menu JSON, other hosts, traversal and writes', async () => {
    expect((await fetchApp('app://kiosk/menu-assets/images/burger.svg')).headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetchApp('app://kiosk/menu-assets/store.json')).status).toBe(404);
    expect((await fetchApp('app://other/index.html')).status).toBe(404);
    expect((await fetchApp('app://kiosk/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await fetchApp(APP_URL, 'POST')).status).toBe(405);
  });

  it('has a built-in out-of-service page with the same CSP', async () => {
    const response = await fetchApp(OUT_OF_SERVICE_URL);
    expect(await response.text()).toContain('out of service');
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('recognises only its own origin', () => {
    expect(isAppUrl('app://kiosk/index.html')).toBe(true);
    expect(isAppUrl('app://kiosk.evil/index.html')).toBe(false);
    expect(isAppUrl('https://kiosk/index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
