// The real Electron, where its binary is installed (it cannot be downloaded
// everywhere): the packaged main and preload open the kiosk page, which has
// window.kiosk and no Node. Everything here is also covered with electron mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { _electron } from 'playwright-core';
import { kioskCalls } from '../../../common/contract/index';
import { buildElectron } from '../../../electron/build';
import { findElectronBinary } from '../../../electron/launch';
import { ensureRendererBuilt } from '../../../electron/browser-shell/renderer-build';
import { FIXTURE_MENU, FIXTURE_STORE, REPO_ROOT } from '../../support/kiosk';

const binary = findElectronBinary();
const display = process.env.DISPLAY || process.env.WAYLAND_DISPLAY;

describe('real Electron binary', () => {
  it('opens the kiosk page with window.kiosk and without Node', { timeout: 60_000 }, async (context) => {
    const skipBecause = (reason: string): never => {
      console.warn(`real Electron test skipped: ${reason}`);
      return context.skip(reason);
    };
    if (!binary) skipBecause("Electron's binary is not installed (node_modules/electron/path.txt or dist/ missing); the mocked-electron tests cover the shell");
    if (!display) skipBecause('no display (DISPLAY / WAYLAND_DISPLAY unset), so Electron cannot open a window');
    await ensureRendererBuilt();
    await buildElectron();
    const userData = mkdtempSync(join(tmpdir(), 'counterpart-electron-'));
    const app = await _electron.launch({
      executablePath: binary!,
      args: [REPO_ROOT, `--user-data-dir=${userData}`],
      env: { ...process.env, COUNTERPART_STORE: FIXTURE_STORE, COUNTERPART_MENU: FIXTURE_MENU, COUNTERPART_DATA: userData } as Record<string, string>,
    });
    try {
      const page = await app.firstWindow();
      expect(page.url()).toBe('app://kiosk/index.html');
      const probe = await page.evaluate(async () => {
        const kiosk = (window as unknown as { kiosk: Record<string, (input: unknown) => Promise<{ ok: boolean; output: { store: { storeName: string } } }>> }).kiosk;
        const startup = await kiosk.getStartup!({});
        return { keys: Object.keys(kiosk).sort(), node: typeof (globalThis as { require?: unknown }).require, storeName: startup.output.store.storeName };
      });
      // window.kiosk is the contract: one function per call, and onEvent.
      const contractKeys = [...Object.keys(kioskCalls), 'onEvent'].sort();
      expect(probe).toEqual({ keys: contractKeys, node: 'undefined', storeName: 'Harness Test Burgers' });
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
