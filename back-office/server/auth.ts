// Signing in to the back office: the store bus's own users file (name + password, scrypt
// hashes), only operators (everything) and staff (sold out and kiosks) of this store.
// Repeated wrong passwords lock a name out; every sign-in, refusal and sign-out is audited.
// Sessions live in memory: a random id in an HttpOnly, SameSite=Strict cookie, plus a
// CSRF token the page sends back in a header on every change.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashPassword, verifyPassword, type StoreBusUser } from '../../electron/host/store-bus/credentials';
import { DEFAULT_LOCKOUT, LoginGuard, peerSource, type LockoutPolicy } from '../../electron/host/store-bus/login-guard';

export type BackOfficeRole = 'operator' | 'staff';

export interface Session {
  id: string;
  username: string;
  role: BackOfficeRole;
  csrfToken: string;
  lastUsed: number;
}

export type SignIn = { ok: true; session: Session } | { ok: false; reason: 'wrong' | 'locked' | 'not_allowed' };

export const SESSION_COOKIE = 'counterpart_back_office';
const DEFAULT_IDLE_MS = 30 * 60_000;

export function createAuth(options: { users: () => StoreBusUser[]; store: string; lockout?: LockoutPolicy; idleMs?: number; now?: () => number }) {
  const now = options.now ?? Date.now;
  const guard = new LoginGuard({ ...(options.lockout ?? DEFAULT_LOCKOUT), now });
  const sessions = new Map<string, Session>();
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  // Unknown names are checked against a real hash too, so timing does not tell which names exist.
  const decoy = hashPassword('decoy');

  return {
    /** `peer` is the caller's address: limits hold per name and per source (electron/host/store-bus/login-guard.ts). */
    async signIn(username: string, password: string, peer?: string): Promise<SignIn> {
      // Counted before the hash is checked, so simultaneous guesses cannot all get through.
      const admission = guard.admit(username, peerSource(peer));
      if (!admission.admitted) return { ok: false, reason: 'locked' };
      const user = options.users().find((candidate) => candidate.username === username);
      const valid = await verifyPassword(password, user?.passwordHash ?? (await decoy)).catch(() => false);
      if (!user || !valid) {
        admission.settle('failed');
        return { ok: false, reason: 'wrong' };
      }
      admission.settle('succeeded');
      if (user.store !== options.store || (user.role !== 'operator' && user.role !== 'staff')) return { ok: false, reason: 'not_allowed' };
      const session: Session = {
        id: randomBytes(32).toString('base64url'),
        username,
        role: user.role,
        csrfToken: randomBytes(24).toString('base64url'),
        lastUsed: now(),
      };
      sessions.set(session.id, session);
      return { ok: true, session };
    },

    /** The session of a cookie value, if it is still alive (each use keeps it alive). */
    session(id: string | undefined): Session | null {
      if (!id) return null;
      const found = sessions.get(id);
      if (!found) return null;
      if (now() - found.lastUsed > idleMs) {
        sessions.delete(id);
        return null;
      }
      found.lastUsed = now();
      return found;
    },

    csrfMatches(session: Session, given: string | undefined): boolean {
      if (!given) return false;
      const a = Buffer.from(session.csrfToken);
      const b = Buffer.from(given);
      return a.length === b.length && timingSafeEqual(a, b);
    },

    signOut(id: string): void {
      sessions.delete(id);
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}
