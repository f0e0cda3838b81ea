// The preload with electron mocked: it exposes window.kiosk with exactly one
// function per contract call plus onEvent, each on its own IPC channel, and never
// ipcRenderer itself. The renderer turns the bridge's envelopes into a KioskApi.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, ipcChannel, kioskCalls, KioskCallError } from '../../../common/contract/index';
import { buildElectron } from '../../../electron/build';
import { kioskApiFromBridge, type KioskBridge } from '../../../renderer/api';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, Record<string, unknown>>(),
    listeners,
    contextBridge: {
      exposeInMainWorld(key: string, api: Record<string, unknown>) {
        electron.exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, output: { channel, input } })),
      on: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      }),
      removeListener: vi.fn((channel: string, listener: (...args: unknown[]) => void) => {
        listeners.get(channel)?.delete(listener);
      }),
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

await import('../../../electron/preload/preload');
const kiosk = electron.exposed.get('kiosk')!;

describe('preload', () => {
  it('exposes only window.kiosk', () => {
    expect([...electron.exposed.keys()]).toEqual(['kiosk']);
  });

  it('has exactly one function per contract call, plus onEvent, and nothing else', () => {
    expect(Object.keys(kiosk).sort()).toEqual([...Object.keys(kioskCalls), 'onEvent'].sort());
    for (const value of Object.values(kiosk)) expect(typeof value).toBe('function');
    expect(Object.values(kiosk)).not.toContain(electron.ipcRenderer);
    expect(Object.values(kiosk)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('invokes each call on its own channel with the input unchanged', async () => {
    for (const name of Object.keys(kioskCalls)) {
      const input = { probe: name };
      expect(await (kiosk[name] as (input: unknown) => Promise<unknown>)(input)).toEqual({ ok: true, output: { channel: ipcChannel(name as never), input } });
    }
  });

  it('delivers host events without exposing the IPC event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const unsubscribe = (kiosk.onEvent as (listener: (event: unknown) => void) => () => void)((event) => seen.push(event));
    const deliver = (payload: unknown) => {
      for (const listener of electron.listeners.get(IPC_EVENT_CHANNEL) ?? []) listener({ sender: 'ipc internals' }, payload);
    };
    deliver({ type: 'host.ready', at: 'now' });
    unsubscribe();
    deliver({ type: 'host.ready', at: 'later' });
    expect(seen).toEqual([{ type: 'host.ready', at: 'now' }]);
  });

  it('bundles to a script that requires nothing but electron (a sandboxed preload can load nothing else)', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'counterpart-build-'));
    try {
      await buildElectron(outDir);
      const bundle = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
      expect([...new Set(bundle.match(/require\("[^"]+"\)/g))]).toEqual(['require("electron")']);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});

describe('renderer API over the preload bridge', () => {
  it('returns outputs and throws KioskCallError with the host code and message', async () => {
    const bridge = {
      getStartup: vi.fn()
        .mockResolvedValueOnce({ ok: true, output: { assetBase: 'menu-assets/' } })
        .mockResolvedValueOnce({ ok: false, error: { code: 'forbidden', message: 'getStartup: refused' } }),
      onEvent: vi.fn(() => () => undefined),
    } as unknown as KioskBridge;
    const api = kioskApiFromBridge(bridge);
    await expect(api.getStartup({})).resolves.toEqual({ assetBase: 'menu-assets/' });
    const error = await api.getStartup({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KioskCallError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'getStartup: refused' });
  });
});
