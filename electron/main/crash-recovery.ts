// When the renderer process dies, reload it: the page restores the customer's
// session from IndexedDB. If it keeps dying, stop reloading and show a notice
// instead of flickering forever.
import type { RenderProcessGoneDetails } from 'electron';

export interface CrashRecoveryOptions {
  reload(): void;
  giveUp(): void;
  now?: () => number;
  /** At most this many reloads within windowMs; the next crash gives up. */
  maxReloads?: number;
  windowMs?: number;
}

export function createCrashRecovery(options: CrashRecoveryOptions) {
  const now = options.now ?? Date.now;
  const maxReloads = options.maxReloads ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  const reloads: number[] = [];
  return function onRenderProcessGone(_event: unknown, details: Pick<RenderProcessGoneDetails, 'reason'>): 'ignored' | 'reloaded' | 'gave-up' {
    if (details.reason === 'clean-exit') return 'ignored';
    const at = now();
    while (reloads.length > 0 && at - reloads[0]! > windowMs) reloads.shift();
    if (reloads.length >= maxReloads) {
      options.giveUp();
      return 'gave-up';
    }
    reloads.push(at);
    options.reload();
    return 'reloaded';
  };
}
