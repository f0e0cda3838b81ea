// The sample store's users file lets staff sign in on `npm start` out of the box. The demo
// PINs are published in README.md and docs/call-staff.md; this keeps them true.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS_PATH, REPO_ROOT } from '../../../electron/host/config';
import { loadStoreBusUsers, verifyPassword } from '../../../electron/host/store-bus/credentials';

const DEMO = [
  { username: 'sam', role: 'staff', pin: '4821' },
  { username: 'alex', role: 'staff', pin: '7395' },
  { username: 'counter-screen', role: 'display', pin: 'counter-screen-demo-2026' },
  { username: 'ops', role: 'operator', pin: 'demo-operator-2026' },
];

describe('the demo store bus users (menu-config/sample/store-bus-users.json)', () => {
  const users = loadStoreBusUsers(DEMO_USERS_PATH);
  const sampleStore = JSON.parse(readFileSync(join(REPO_ROOT, 'menu-config/sample/store.json'), 'utf8')) as { storeId: string };

  it('has two staff, an order status display and an operator of the sample store, signed in with the documented PINs', async () => {
    expect(users.map(({ username, role, store }) => ({ username, role, store }))).toEqual(DEMO.map(({ username, role }) => ({ username, role, store: sampleStore.storeId })));
    for (const demo of DEMO) {
      const user = users.find((candidate) => candidate.username === demo.username)!;
      expect(await verifyPassword(demo.pin, user.passwordHash), demo.username).toBe(true);
      expect(await verifyPassword('0000', user.passwordHash), demo.username).toBe(false);
    }
  });

  it('is documented in README.md and docs/call-staff.md, with how to replace it', () => {
    for (const file of ['README.md', 'docs/call-staff.md']) {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8');
      for (const demo of DEMO) expect(text, file).toContain(demo.pin);
      expect(text, file).toContain('COUNTERPART_STORE_BUS_USERS');
      expect(text, file).toContain('hash-password.ts');
    }
  });
});
