// Sign-in limits that hold under concurrency. An attempt is admitted (and counted)
// synchronously, before its slow hash is checked, so a burst of simultaneous guesses
// cannot all pass a "locked?" check that only learns of failures afterwards.
//
// Three limits, so that one source cannot lock everyone out:
// - a name from one source: `maxFailures` wrong passwords in a row lock that name
//   *from that source* for `lockoutMs` (the tablet under attack), not elsewhere;
// - a source across all names: after `sourceMaxFailures` refusals within `lockoutMs`
//   each further attempt waits an exponential backoff (common/backoff), and only a
//   few of its attempts may be checked at once;
// - a name from all network sources together: `nameMaxFailures` lock it on the network
//   (several attacking tablets), while the kiosk's own screen still signs staff in.
import { retryDelayMs } from '../../../common/backoff';

export interface LockoutPolicy {
  /** Wrong passwords in a row for one name from one source that lock the name there. */
  maxFailures: number;
  lockoutMs: number;
  /** Wrong passwords for one name from all network sources within lockoutMs that lock it on the network (default 4 × maxFailures). */
  nameMaxFailures?: number;
  /** Refused attempts from one source, any names, within lockoutMs before the source is slowed down (default 2 × maxFailures). */
  sourceMaxFailures?: number;
  /** Attempts of one source being checked at once (default 2). */
  sourceMaxPending?: number;
  /** Attempts being checked at once in all: scrypt runs on the thread pool the journals also need (default 8). */
  maxPending?: number;
  now?: () => number;
  random?: () => number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockoutMs: 5 * 60_000 };

/** Where an attempt comes from: a peer address, or the kiosk's own screen (local). */
export interface SignInSource {
  key: string;
  /** The kiosk's own screen: not subject to the network-wide lock of a name. */
  local?: boolean;
}

/** Staff sign-in at this kiosk's own screen (staff mode). */
export const KIOSK_SCREEN: SignInSource = { key: 'kiosk-screen', local: true };

export const peerSource = (address: string | undefined): SignInSource => ({ key: `peer:${address ?? 'unknown'}` });

/** locked: this name from here; slowed: this source is backing off; busy: too many checks running. */
export type RefusalReason = 'locked' | 'slowed' | 'busy';

/** succeeded / failed: the password was checked; unchecked: it could not be (e.g. the broker was unreachable). */
export type AttemptOutcome = 'succeeded' | 'failed' | 'unchecked';

export type Admission = { admitted: true; settle(outcome: AttemptOutcome): void } | { admitted: false; reason: RefusalReason };

interface NameEntry {
  failures: number;
  lastFailureAt: number;
  pending: number;
  lockedUntil: number;
}

interface WindowEntry {
  failures: number;
  windowStart: number;
  pending: number;
  blockedUntil: number;
}

/** Idle entries (no lock, nothing pending, no failure within lockoutMs) are dropped once the maps grow past this. */
const PRUNE_ABOVE = 10_000;
const SOURCE_BACKOFF_BASE_MS = 1_000;

export class LoginGuard {
  private readonly byNameAndSource = new Map<string, NameEntry>();
  private readonly bySource = new Map<string, WindowEntry>();
  private readonly byName = new Map<string, WindowEntry>();
  private pending = 0;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly nameMaxFailures: number;
  private readonly sourceMaxFailures: number;
  private readonly sourceMaxPending: number;
  private readonly maxPending: number;

  constructor(private readonly policy: LockoutPolicy = DEFAULT_LOCKOUT) {
    this.now = policy.now ?? Date.now;
    this.random = policy.random ?? Math.random;
    this.nameMaxFailures = policy.nameMaxFailures ?? 4 * policy.maxFailures;
    this.sourceMaxFailures = policy.sourceMaxFailures ?? 2 * policy.maxFailures;
    this.sourceMaxPending = policy.sourceMaxPending ?? 2;
    this.maxPending = policy.maxPending ?? 8;
  }

  /**
   * Decides now, before any hash is computed, whether this attempt may be checked.
   * Admitted attempts count as pending until `settle` reports the outcome.
   * `lockable: false` (machine users with long secrets) skips the name limits:
   * guessing is hopeless, and locking a kiosk out would cut it off its store.
   */
  admit(username: string, source: SignInSource, options: { lockable: boolean } = { lockable: true }): Admission {
    const now = this.now();
    this.pruneIfLarge(now);
    const sourceEntry = this.windowEntry(this.bySource, source.key, now);
    if (sourceEntry.blockedUntil > now) return this.refuse(sourceEntry, now, 'slowed');
    if (sourceEntry.pending >= this.sourceMaxPending || this.pending >= this.maxPending) return this.refuse(sourceEntry, now, 'busy');

    const pairKey = `${source.key}\u0000${username}`;
    const pair = this.nameEntry(pairKey, now);
    const network = options.lockable && !source.local ? this.windowEntry(this.byName, username, now) : undefined;
    if (options.lockable) {
      if (pair.lockedUntil > now || pair.failures + pair.pending >= this.policy.maxFailures) return this.refuse(sourceEntry, now, 'locked');
      if (network && (network.blockedUntil > now || network.failures + network.pending >= this.nameMaxFailures)) return this.refuse(sourceEntry, now, 'locked');
    }

    this.pending += 1;
    sourceEntry.pending += 1;
    pair.pending += 1;
    if (network) network.pending += 1;
    let settled = false;
    return {
      admitted: true,
      settle: (outcome) => {
        if (settled) return;
        settled = true;
        const at = this.now();
        this.pending -= 1;
        sourceEntry.pending -= 1;
        pair.pending -= 1;
        if (network) network.pending -= 1;
        if (outcome === 'unchecked') return;
        if (outcome === 'succeeded') {
          pair.failures = 0;
          pair.lockedUntil = 0;
          return;
        }
        this.countSourceFailure(sourceEntry, at);
        if (!options.lockable) return;
        pair.failures += 1;
        pair.lastFailureAt = at;
        if (pair.failures >= this.policy.maxFailures) pair.lockedUntil = at + this.policy.lockoutMs;
        if (network) {
          network.failures += 1;
          if (network.failures >= this.nameMaxFailures) network.blockedUntil = at + this.policy.lockoutMs;
        }
      },
    };
  }

  /** A refused attempt still counts against its source, so hammering keeps the source slowed down. */
  private refuse(sourceEntry: WindowEntry, now: number, reason: RefusalReason): Admission {
    this.countSourceFailure(sourceEntry, now);
    return { admitted: false, reason };
  }

  private countSourceFailure(entry: WindowEntry, now: number): void {
    entry.failures += 1;
    const over = entry.failures - this.sourceMaxFailures;
    if (over > 0) entry.blockedUntil = Math.max(entry.blockedUntil, now + retryDelayMs(over, { baseMs: SOURCE_BACKOFF_BASE_MS, maxMs: this.policy.lockoutMs }, this.random));
  }

  private nameEntry(key: string, now: number): NameEntry {
    let entry = this.byNameAndSource.get(key);
    if (!entry) {
      entry = { failures: 0, lastFailureAt: 0, pending: 0, lockedUntil: 0 };
      this.byNameAndSource.set(key, entry);
    }
    // A lock that ran out starts a fresh count.
    if (entry.lockedUntil !== 0 && entry.lockedUntil <= now) {
      entry.failures = 0;
      entry.lockedUntil = 0;
    }
    return entry;
  }

  private windowEntry(map: Map<string, WindowEntry>, key: string, now: number): WindowEntry {
    let entry = map.get(key);
    if (!entry) {
      entry = { failures: 0, windowStart: now, pending: 0, blockedUntil: 0 };
      map.set(key, entry);
    }
    if (now - entry.windowStart >= this.policy.lockoutMs && entry.blockedUntil <= now) {
      entry.failures = 0;
      entry.windowStart = now;
    }
    return entry;
  }

  private pruneIfLarge(now: number): void {
    if (this.byNameAndSource.size + this.bySource.size + this.byName.size <= PRUNE_ABOVE) return;
    for (const [key, entry] of this.byNameAndSource) {
      if (entry.pending === 0 && entry.lockedUntil <= now && (entry.failures === 0 || now - entry.lastFailureAt >= this.policy.lockoutMs)) this.byNameAndSource.delete(key);
    }
    for (const map of [this.bySource, this.byName]) {
      for (const [key, entry] of map) if (entry.pending === 0 && entry.blockedUntil <= now && now - entry.windowStart >= this.policy.lockoutMs) map.delete(key);
    }
  }
}
