// The sign-in limits as an attacker meets them: a burst of guesses admitted all at
// once, a source spraying every name, several sources on one name; and the staff
// member at the kiosk's own screen, who must still get in.
import { describe, expect, it } from 'vitest';
import { KIOSK_SCREEN, LoginGuard, peerSource, type Admission } from '../../../electron/host/store-bus/login-guard';

const TABLET = peerSource('192.168.1.66');
const OTHER_TABLET = peerSource('192.168.1.20');

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const admittedCount = (admissions: Admission[]): number => admissions.filter((admission) => admission.admitted).length;

describe('LoginGuard', () => {
  it('counts attempts before they are checked: of 300 simultaneous guesses only maxFailures are admitted', () => {
    const time = clock();
    const guard = new LoginGuard({ maxFailures: 5, lockoutMs: 300_000, sourceMaxPending: 1000, maxPending: 1000, now: time.now });
    const burst = Array.from({ length: 300 }, () => guard.admit('anna', TABLET));
    expect(admittedCount(burst)).toBe(5);
    // The rest are refused unchecked: the name is locked here, and the hammering source soon slowed down too.
    expect(new Set(burst.slice(5).map((admission) => (admission.admitted ? 'in' : admission.reason)))).toEqual(new Set(['locked', 'slowed']));
  });

  it('limits how many checks one source and all sources run at once (each is a slow hash)', () => {
    const guard = new LoginGuard({ maxFailures: 5, lockoutMs: 300_000, sourceMaxPending: 2, maxPending: 3 });
    const first = [guard.admit('anna', TABLET), guard.admit('bert', TABLET), guard.admit('carl', TABLET)];
    expect(first.map((admission) => (admission.admitted ? 'in' : admission.reason))).toEqual(['in', 'in', 'busy']);
    expect(guard.admit('dora', OTHER_TABLET).admitted).toBe(true);
    const overall = guard.admit('emil', peerSource('192.168.1.21'));
    expect(overall.admitted ? 'in' : overall.reason).toBe('busy');
    for (const admission of first) if (admission.admitted) admission.settle('failed');
    expect(guard.admit('anna', TABLET).admitted).toBe(true);
  });

  it('locks a name from the attacking source only: the same name still signs in elsewhere and at the kiosk screen', () => {
    const time = clock();
    const guard = new LoginGuard({ maxFailures: 3, lockoutMs: 300_000, now: time.now });
    for (let guess = 0; guess < 3; guess++) {
      const admission = guard.admit('anna', TABLET);
      if (admission.admitted) admission.settle('failed');
    }
    const again = guard.admit('anna', TABLET);
    expect(again.admitted ? 'in' : again.reason).toBe('locked');
    expect(guard.admit('anna', OTHER_TABLET).admitted).toBe(true);
    expect(guard.admit('anna', KIOSK_SCREEN).admitted).toBe(true);
    time.advance(300_001);
    expect(guard.admit('anna', TABLET).admitted).toBe(true);
  });

  it('slows a source that sprays every name down with a growing backoff, and never locks the kiosk screen', () => {
    const time = clock();
    const guard = new LoginGuard({ maxFailures: 5, lockoutMs: 300_000, sourceMaxFailures: 4, now: time.now, random: () => 0.999 });
    const names = ['anna', 'bert', 'carl', 'dora', 'emil', 'fynn'];
    const outcomes = names.map((name) => {
      const admission = guard.admit(name, TABLET);
      if (admission.admitted) admission.settle('failed');
      return admission.admitted ? 'checked' : admission.reason;
    });
    // Four wrong guesses, the fifth failure starts the backoff, so the sixth is refused unchecked.
    expect(outcomes).toEqual(['checked', 'checked', 'checked', 'checked', 'checked', 'slowed']);
    // Hammering while slowed extends the wait; waiting it out lets one more attempt through.
    time.advance(1_000);
    const whileSlowed = guard.admit('anna', TABLET);
    expect(whileSlowed.admitted ? 'in' : whileSlowed.reason).toBe('slowed');
    for (const name of names) {
      const atScreen = guard.admit(name, KIOSK_SCREEN);
      expect(atScreen.admitted).toBe(true);
      if (atScreen.admitted) atScreen.settle('succeeded');
    }
    time.advance(300_000);
    expect(guard.admit('anna', TABLET).admitted).toBe(true);
  });

  it('locks a name on the network when many sources guess it, but the kiosk screen still signs in', () => {
    const time = clock();
    const guard = new LoginGuard({ maxFailures: 3, lockoutMs: 300_000, nameMaxFailures: 6, now: time.now });
    for (let tablet = 0; tablet < 3; tablet++) {
      for (let guess = 0; guess < 2; guess++) {
        const admission = guard.admit('anna', peerSource(`10.0.0.${tablet}`));
        if (admission.admitted) admission.settle('failed');
      }
    }
    const fresh = guard.admit('anna', peerSource('10.0.0.99'));
    expect(fresh.admitted ? 'in' : fresh.reason).toBe('locked');
    expect(guard.admit('anna', KIOSK_SCREEN).admitted).toBe(true);
  });

  it('does not lock machine users (kiosks, POS) by name; a right password resets the count', () => {
    const guard = new LoginGuard({ maxFailures: 2, lockoutMs: 300_000, sourceMaxFailures: 100 });
    for (let guess = 0; guess < 10; guess++) {
      const admission = guard.admit('kiosk-A', TABLET, { lockable: false });
      expect(admission.admitted).toBe(true);
      if (admission.admitted) admission.settle('failed');
    }
    const wrong = guard.admit('anna', OTHER_TABLET);
    if (wrong.admitted) wrong.settle('failed');
    const right = guard.admit('anna', OTHER_TABLET);
    if (right.admitted) right.settle('succeeded');
    const wrongAgain = guard.admit('anna', OTHER_TABLET);
    if (wrongAgain.admitted) wrongAgain.settle('failed');
    expect(guard.admit('anna', OTHER_TABLET).admitted).toBe(true);
  });

  it('an attempt that could not be checked (broker unreachable) counts as nothing', () => {
    const guard = new LoginGuard({ maxFailures: 1, lockoutMs: 300_000 });
    const unreachable = guard.admit('anna', KIOSK_SCREEN);
    if (unreachable.admitted) unreachable.settle('unchecked');
    expect(guard.admit('anna', KIOSK_SCREEN).admitted).toBe(true);
  });
});
