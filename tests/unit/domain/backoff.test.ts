import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { retryDelayMs } from '../../../common/backoff';

const policy = { baseMs: 1_000, maxMs: 60_000 };

describe('retryDelayMs', () => {
  it('doubles per failure up to the cap, with jitter waiving up to half', () => {
    expect([1, 2, 3, 4, 7, 8, 100].map((failures) => retryDelayMs(failures, policy, () => 0))).toEqual([500, 1000, 2000, 4000, 30000, 30000, 30000]);
    expect([1, 2, 3].map((failures) => retryDelayMs(failures, policy, () => 0.999999))).toEqual([1000, 2000, 4000]);
  });

  it('always lies within [step/2, step]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (failures, random) => {
        const step = Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - 1));
        const delay = retryDelayMs(failures, policy, () => random);
        expect(delay).toBeGreaterThanOrEqual(step / 2);
        expect(delay).toBeLessThanOrEqual(step);
      }),
    );
  });

  it('refuses a nonsense failure count', () => {
    expect(() => retryDelayMs(0, policy)).toThrow(/positive integer, got 0/);
  });
});
