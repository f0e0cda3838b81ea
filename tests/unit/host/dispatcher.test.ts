import { describe, expect, it } from 'vitest';
import { KioskCallError } from '../../../common/contract/index';
import { createDispatcher, type KioskHandlers } from '../../../electron/host/dispatcher';

const sampleStartup = { getStartup: async () => { throw new Error('menu file missing'); } } as unknown as KioskHandlers;

describe('dispatcher', () => {
  it('rejects a call that is not in the contract', async () => {
    const dispatch = createDispatcher(sampleStartup);
    expect(await dispatch('runShell', {})).toEqual({
      ok: false,
      error: { code: 'unknown_call', message: 'unknown call "runShell"' },
    });
    expect((await dispatch('__proto__', {})).ok).toBe(false);
  });

  it('rejects input that does not match the call schema, naming the field', async () => {
    const dispatch = createDispatcher(sampleStartup);
    const result = await dispatch('getStartup', { extra: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_request');
      expect(result.error.message).toMatch(/^getStartup input: .*extra/);
    }
  });

  it('reports a handler failure with the call name, and keeps a typed error code', async () => {
    const failing = createDispatcher(sampleStartup);
    expect(await failing('getStartup', {})).toEqual({
      ok: false,
      error: { code: 'failed', message: 'getStartup failed: menu file missing' },
    });
    const forbidden = createDispatcher({
      getStartup: () => {
        throw new KioskCallError('forbidden', 'not now');
      },
    } as unknown as KioskHandlers);
    expect(await forbidden('getStartup', {})).toEqual({ ok: false, error: { code: 'forbidden', message: 'not now' } });
  });
});
