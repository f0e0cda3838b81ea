// How long to wait before trying a delivery again: exponential, capped, with jitter so
// many kiosks coming back after an outage do not all knock at the same moment.

export interface BackoffPolicy {
  /** Delay before the second try. */
  baseMs: number;
  /** The delay never grows beyond this. */
  maxMs: number;
}

/**
 * Delay after the `failures`-th failure in a row (1, 2, …): the capped exponential step,
 * of which a random half is waived ("equal jitter"), so it lies in [step/2, step].
 * `random` returns [0, 1) like Math.random.
 */
export const retryDelayMs = (failures: number, policy: BackoffPolicy, random: () => number = Math.random): number => {
  if (!Number.isInteger(failures) || failures < 1) throw new Error(`failures must be a positive integer, got ${failures}`);
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(failures - 1, 52));
  return Math.round(step / 2 + random() * (step / 2));
};
