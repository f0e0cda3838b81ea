// The Mosquitto ACL is generated from the embedded broker's rules (acl.ts); docs/store-bus.md
// shows its output, and the integration and e2e tests run Mosquitto with it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mosquittoAcl, type AclUser } from '../../../electron/host/store-bus/mosquitto-acl';
import { REPO_ROOT } from '../../support/kiosk';

const kioskB: AclUser = { username: 'kiosk-B', role: 'kiosk', store: 'berlin-1', kiosk: 'B' };
const anna: AclUser = { username: 'anna', role: 'staff', store: 'berlin-1' };
const olaf: AclUser = { username: 'olaf', role: 'operator', store: 'berlin-1' };
const till: AclUser = { username: 'till', role: 'pos', store: 'berlin-1' };

describe('Mosquitto ACL from acl.ts', () => {
  it('lets a kiosk read and write only its own kiosk topics, and read the menu and availability', () => {
    expect(mosquittoAcl([kioskB]).split('\n')).toEqual([
      'user kiosk-B',
      'topic readwrite counterpart/v1/berlin-1/kiosk/B/status',
      'topic readwrite counterpart/v1/berlin-1/kiosk/B/menu',
      'topic readwrite counterpart/v1/berlin-1/order/B/+',
      'topic readwrite counterpart/v1/berlin-1/order/B/+/status',
      'topic readwrite counterpart/v1/berlin-1/counter/B/+',
      'topic readwrite counterpart/v1/berlin-1/handoff/B/+',
      'topic write counterpart/v1/berlin-1/event/B/+',
      'topic read counterpart/v1/berlin-1/menu',
      'topic read counterpart/v1/berlin-1/availability',
      'topic read counterpart/v1/berlin-1/refused/kiosk-B',
      '',
    ]);
  });

  it('lets a point of sale read its store and write order status and counter topics', () => {
    expect(mosquittoAcl([till]).split('\n')).toEqual([
      'user till',
      'topic read counterpart/v1/berlin-1/#',
      'topic write counterpart/v1/berlin-1/order/+/+/status',
      'topic write counterpart/v1/berlin-1/counter/+/+',
      '',
    ]);
  });

  it('is what docs/store-bus.md shows', () => {
    const docs = readFileSync(join(REPO_ROOT, 'docs/store-bus.md'), 'utf8');
    expect(docs).toContain('```\n' + mosquittoAcl([kioskB, anna, olaf]) + '```\n');
  });
});
