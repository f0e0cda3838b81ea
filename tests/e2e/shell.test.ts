// The browser shell as deployed: a child process serving the renderer and the
// kiosk contract on loopback, opened by Chromium through the test harness.
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import NodeSocket from 'ws';
import { spawn } from 'node:child_process';
import { findElectronBinary, NO_ELECTRON_MESSAGE } from '../../electron/launch';
import { FIXTURE_MENU, FIXTURE_STORE, REPO_ROOT, runAxe, startHostProcess, startKiosk, stopHostProcess, type HostProcess, type Kiosk } from '../support/kiosk';

type Reply = { id: unknown; ok: boolean; output?: Record<string, unknown>; error?: { code: string; message: string } };

/** Opens the contract socket; resolves with the socket once open, or with the HTTP status it was refused with. */
function openSocket(url: string, origin: string | undefined): Promise<{ socket?: NodeSocket; refusedWith?: number; reason?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new NodeSocket(url, origin ? { origin } : {});
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ refusedWith: response.statusCode, reason: body }));
    });
    socket.once('error', (error) => {
      if (!/Unexpected server response/.test(error.message)) reject(error);
    });
  });
}

/** Sends raw text and waits for the next answer that is not a pushed event. */
function exchange(socket: NodeSocket, text: string): Promise<Reply> {
  return new Promise((resolve) => {
    const onMessage = (data: NodeSocket.RawData): void => {
      const message = JSON.parse(data.toString()) as Reply & { event?: unknown };
      if ('event' in message) return;
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
    socket.send(text);
  });
}

describe('browser shell server', () => {
  let host: HostProcess;
  let wsUrl: string;

  beforeAll(async () => {
    host = await startHostProcess({ port: 0, env: { COUNTERPART_STORE: FIXTURE_STORE, COUNTERPART_MENU: FIXTURE_MENU } });
    wsUrl = `ws://127.0.0.1:${host.port}/kiosk?token=${host.token}`;
  });
  afterAll(async () => {
    if (host) await stopHostProcess(host);
  });

  it('hands out a long random token in the URL fragment, not in the path or query', () => {
    const url = new URL(host.url);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.search).toBe('');
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from a foreign origin', async () => {
    const missing = await openSocket(`ws://127.0.0.1:${host.port}/kiosk`, host.origin);
    expect(missing.refusedWith).toBe(401);
    expect(missing.reason).toMatch(/missing or wrong token/);

    const wrong = await openSocket(`ws://127.0.0.1:${host.port}/kiosk?token=${'x'.repeat(43)}`, host.origin);
    expect(wrong.refusedWith).toBe(401);

    const foreign = await openSocket(wsUrl, 'http://evil.example');
    expect(foreign.refusedWith).toBe(403);
    expect(foreign.reason).toMatch(/foreign origin/);

    const noOrigin = await openSocket(wsUrl, undefined);
    expect(noOrigin.refusedWith).toBe(403);

    const accepted = await openSocket(wsUrl, host.origin);
    expect(accepted.socket?.readyState).toBe(NodeSocket.OPEN);
    accepted.socket?.close();
  });

  it('answers getStartup with the store config, the menu and where images are served', async () => {
    const { socket } = await openSocket(wsUrl, host.origin);
    const reply = await exchange(socket!, JSON.stringify({ id: 7, call: 'getStartup', input: {} }));
    socket!.close();
    expect(reply.id).toBe(7);
    expect(reply.ok).toBe(true);
    const output = reply.output as { store: { storeName: string }; menu: { id: string; items: unknown[] }; assetBase: string };
    expect(output.store.storeName).toBe('Harness Test Burgers');
    expect(output.menu.id).toBe('harness-menu');
    expect(output.menu.items).toHaveLength(1);
    expect(output.assetBase).toBe('menu-assets/');
  });

  it('rejects bad payloads with a clear error that says what and where', async () => {
    const { socket } = await openSocket(wsUrl, host.origin);
    const badInput = await exchange(socket!, JSON.stringify({ id: 1, call: 'getStartup', input: { extra: 1 } }));
    expect(badInput).toMatchObject({ id: 1, ok: false, error: { code: 'bad_request' } });
    expect(badInput.error?.message).toMatch(/^getStartup input: .*extra/);

    const unknown = await exchange(socket!, JSON.stringify({ id: 2, call: 'openDevTools', input: {} }));
    expect(unknown).toEqual({ id: 2, ok: false, error: { code: 'unknown_call', message: 'unknown call "openDevTools"' } });

    const notJson = await exchange(socket!, '{"id": 3, call');
    expect(notJson).toMatchObject({ id: null, ok: false, error: { code: 'bad_request' } });
    expect(notJson.error?.message).toMatch(/^message is not JSON/);

    const noCall = await exchange(socket!, JSON.stringify({ id: 4, input: {} }));
    expect(noCall).toMatchObject({ id: 4, ok: false, error: { code: 'bad_request' } });
    expect(noCall.error?.message).toMatch(/message\.call/);

    // The socket survives bad messages: a good call still works.
    const good = await exchange(socket!, JSON.stringify({ id: 5, call: 'getStartup', input: {} }));
    expect(good.ok).toBe(true);
    socket!.close();
  });

  it('serves the page with a strict Content-Security-Policy and safe headers', async () => {
    const response = await fetch(`${host.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain(`ws://127.0.0.1:${host.port}`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves menu images but never the menu or store JSON, nor anything outside its folders', async () => {
    const image = await fetch(`${host.origin}/menu-assets/images/burger.svg`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(`${host.origin}/menu-assets/menu.json`)).status).toBe(404);
    expect((await fetch(`${host.origin}/menu-assets/store.json`)).status).toBe(404);
    expect((await fetch(`${host.origin}/menu-assets/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
    expect((await fetch(`${host.origin}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const status = await new Promise<string>((resolve, reject) => {
      const socket = connect(host.port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
    expect(status).toBe('HTTP/1.1 403 Forbidden');
  });

  it('says plainly when its port is taken, e.g. by a running kiosk', async () => {
    const second = startHostProcess({ port: host.port, env: { COUNTERPART_STORE: FIXTURE_STORE, COUNTERPART_MENU: FIXTURE_MENU } });
    await expect(second).rejects.toThrow(`Port ${host.port} on 127.0.0.1 is already in use (is another kiosk running?)`);
    await expect(second).rejects.not.toThrow(/at .*server\.ts/);
  });

  it('listens on 127.0.0.1 only', async () => {
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && address.family === 'IPv4' && address.address !== '127.0.0.1')
      .map((address) => address!.address);
    for (const address of ['127.0.0.2', ...others]) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect(host.port, address);
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      expect(outcome, `connecting via ${address}`).toBe('ECONNREFUSED');
    }
  });
});

describe('kiosk harness in Chromium', () => {
  let kiosk: Kiosk;
  beforeAll(async () => {
    kiosk = await startKiosk({ storeConfigPath: FIXTURE_STORE, menuPath: FIXTURE_MENU });
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  const storeNameOverPageSocket = () =>
    kiosk.page.evaluate(async () => {
      const token = new URLSearchParams(location.hash.slice(1)).get('token');
      const socket = new WebSocket(`ws://${location.host}/kiosk?token=${token}`);
      return new Promise<string>((resolve, reject) => {
        socket.onopen = () => socket.send(JSON.stringify({ id: 1, call: 'getStartup', input: {} }));
        socket.onmessage = (message) => {
          const data = JSON.parse(String(message.data));
          if ('event' in data) return;
          socket.close();
          if (data.ok) resolve(data.output.store.storeName);
          else reject(new Error(data.error.message));
        };
        socket.onerror = () => reject(new Error('socket refused'));
      });
    });

  it('the page reaches the host over the contract socket with the token from its URL', async () => {
    expect(await storeNameOverPageSocket()).toBe('Harness Test Burgers');
  });

  it('the page CSP blocks inline scripts', async () => {
    const ran = await kiosk.page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  it('runAxe works under the kiosk CSP and reports real violations', async () => {
    const { page } = kiosk;
    await page.evaluate(() => {
      const image = document.createElement('img');
      image.id = 'axe-probe';
      image.src = 'menu-assets/images/burger.svg';
      document.body.append(image);
    });
    const violations = await runAxe(page);
    const missingAlt = violations.find((violation) => violation.id === 'image-alt');
    expect(missingAlt?.nodes.map((node) => node.target)).toEqual([['#axe-probe']]);
    await page.evaluate(() => document.getElementById('axe-probe')?.remove());
    expect((await runAxe(page)).find((violation) => violation.id === 'image-alt')).toBeUndefined();
  });

  it('restarting the host keeps the origin, so IndexedDB data survives', async () => {
    const { page } = kiosk;
    const originBefore = new URL(kiosk.url).origin;
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('harness-check', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('kv');
          open.onsuccess = () => {
            const tx = open.result.transaction('kv', 'readwrite');
            tx.objectStore('kv').put('kept', 'draft');
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    await page.evaluate(() => ((window as unknown as { loadedBeforeRestart: boolean }).loadedBeforeRestart = true));
    const tokenBefore = kiosk.host.token;
    await kiosk.restartHost('SIGKILL');
    expect(new URL(kiosk.url).origin).toBe(originBefore);
    expect(kiosk.host.token).not.toBe(tokenBefore);
    const value = await page.evaluate(
      () =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open('harness-check', 1);
          open.onsuccess = () => {
            const request = open.result.transaction('kv').objectStore('kv').get('draft');
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          };
        }),
    );
    expect(value).toBe('kept');
    // The page was loaded afresh with the new token (its renderer connects anew) and reaches the new host.
    expect(await page.evaluate(() => 'loadedBeforeRestart' in window)).toBe(false);
    expect(await storeNameOverPageSocket()).toBe('Harness Test Burgers');
  });
});

describe('npm start without the Electron binary', () => {
  it.skipIf(findElectronBinary() !== null)('says so plainly, names the browser-shell command and serves the kiosk', async () => {
    const child = spawn(process.execPath, ['electron/start.mjs', '--port', '0', '--no-browser'], {
      cwd: REPO_ROOT,
      env: { ...process.env, COUNTERPART_STORE: FIXTURE_STORE, COUNTERPART_MENU: FIXTURE_MENU },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /^Counterpart kiosk: (\S+)$/m.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`npm start exited early:\n${output}`)));
    });
    expect(output).toContain(NO_ELECTRON_MESSAGE);
    expect(NO_ELECTRON_MESSAGE).toContain('npm run start:browser');
    expect((await fetch(new URL('/', url))).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
