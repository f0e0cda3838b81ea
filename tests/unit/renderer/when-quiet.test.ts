// @vitest-environment jsdom
// Work that cannot be split (drawing a picture) waits for a quiet moment: idle, and no touch or key
// for a second, so a customer's tap never comes in behind it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const touch = () => window.dispatchEvent(new Event('pointerdown'));

describe('whenQuiet', () => {
  let whenQuiet: () => Promise<void>;
  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    vi.resetModules();
    ({ whenQuiet } = await import('../../../renderer/state/when-idle'));
  });
  afterEach(() => vi.useRealTimers());

  const first = async () => {
    const quiet = whenQuiet();
    await vi.advanceTimersByTimeAsync(5);
    await quiet;
  };
  const settled = (promise: Promise<void>) => {
    const state = { done: false };
    void promise.then(() => (state.done = true));
    return state;
  };

  it('resolves at the next idle moment when nobody has touched the page', async () => {
    const quiet = settled(whenQuiet());
    await vi.advanceTimersByTimeAsync(5);
    expect(quiet.done).toBe(true);
  });

  it('waits a second after the last touch, and a touch while waiting starts the wait again', async () => {
    await first(); // listening from the first call, as the pictures' loop does
    touch();
    const quiet = settled(whenQuiet());
    await vi.advanceTimersByTimeAsync(600);
    expect(quiet.done).toBe(false);
    touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(quiet.done).toBe(false);
    await vi.advanceTimersByTimeAsync(500);
    expect(quiet.done).toBe(true);
  });

  it('counts keys as well as touches', async () => {
    await first();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab' }));
    const quiet = settled(whenQuiet());
    await vi.advanceTimersByTimeAsync(900);
    expect(quiet.done).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(quiet.done).toBe(true);
  });
});
