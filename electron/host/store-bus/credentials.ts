// Store bus users: who may connect, in which role and store. Passwords (a staff
// member's PIN, a kiosk's generated secret) are kept only as scrypt hashes; the
// broker checks them, with the sign-in limits of login-guard.ts.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { topicSegment } from '../../../common/store-bus/messages';

/** display: an order status display above the counter; it only reads orders and their status (acl.ts). */
export const ROLES = ['kiosk', 'staff', 'operator', 'pos', 'display'] as const;
export type Role = (typeof ROLES)[number];

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> =>
  new Promise((resolve, reject) => scryptCallback(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))));

const HASH_PREFIX = 'scrypt';
/** Interactive-login cost (RFC 7914 suggests N=2^14 for interactive use). */
const DEFAULT_COST = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

/** `scrypt$N$r$p$salt$hash` (base64url), self-describing so the cost can be raised later. */
export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, cost);
  return [HASH_PREFIX, cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export const passwordHash = z
  .string()
  .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/, 'must be a scrypt hash made by hashPassword (scrypt$N$r$p$salt$hash)');

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const [prefix, n, r, p, salt, expected] = hash.split('$');
  if (prefix !== HASH_PREFIX || !salt || !expected) return false;
  const expectedKey = Buffer.from(expected, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expectedKey.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * Number(n) * Number(r) + 1024 * 1024,
  });
  return key.length === expectedKey.length && timingSafeEqual(key, expectedKey);
}

export const storeBusUser = z
  .object({
    /** The MQTT username; for staff, the name shown on "on my way". */
    username: topicSegment,
    role: z.enum(ROLES),
    store: topicSegment,
    /** Required for a kiosk: the kiosk id it may speak for. */
    kiosk: topicSegment.optional(),
    /** Staff only: may cancel orders and comp above the store's limits in staff mode (store config `staffMode`). */
    manager: z.boolean().optional(),
    passwordHash,
  })
  .strict()
  .refine((user) => (user.role === 'kiosk') === (user.kiosk !== undefined), {
    message: 'a kiosk user needs "kiosk" (its kiosk id); other roles must not have one',
    path: ['kiosk'],
  })
  .refine((user) => user.manager === undefined || user.role === 'staff', { message: '"manager" is for staff users only', path: ['manager'] });
export type StoreBusUser = z.infer<typeof storeBusUser>;

export const storeBusUsers = z.array(storeBusUser).superRefine((users, context) => {
  const seen = new Set<string>();
  users.forEach((user, index) => {
    if (seen.has(user.username)) context.addIssue({ code: 'custom', message: `username "${user.username}" appears twice`, path: [index, 'username'] });
    seen.add(user.username);
  });
});

/** Reads a users file (JSON array of storeBusUser); errors name the file, the entry and the field. */
export function loadStoreBusUsers(file: string): StoreBusUser[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the store bus users (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = storeBusUsers.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - $${issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')}: ${issue.message}`);
    throw new Error(`${file} is not a valid store bus users file:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
