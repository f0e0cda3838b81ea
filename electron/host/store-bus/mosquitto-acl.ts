// The store bus ACL (acl.ts) in Mosquitto's acl_file syntax, for an external Mosquitto
// broker and for the tests that run one. Mosquitto checks topics only; what acl.ts checks
// beyond that (message contents, who signs) needs the embedded broker (docs/store-bus.md).
//   npx tsx electron/host/store-bus/mosquitto-acl.ts store-bus-users.json > /etc/mosquitto/acl
import { storeTopics, type ParsedTopic } from '../../../common/store-bus/messages';
import { CLEAR_ONLY, maySubscribe, PUBLISH } from './acl';
import { loadStoreBusUsers, type StoreBusUser } from './credentials';

export type AclUser = Pick<StoreBusUser, 'username' | 'role' | 'store' | 'kiosk'>;

/** Each kind of topic as a filter: a kiosk user's own kiosk id, any kiosk ('+') for the other roles. */
function filtersFor(user: AclUser): Record<ParsedTopic['kind'], string> {
  const topics = storeTopics(user.store);
  const kiosk = user.kiosk ?? '+';
  return {
    kiosk_status: topics.kioskStatus(kiosk),
    kiosk_menu: topics.kioskMenu(kiosk),
    order: topics.order(kiosk, '+'),
    order_status: topics.orderStatus(kiosk, '+'),
    counter: topics.counter(kiosk, '+'),
    handoff: topics.handoff(kiosk, '+'),
    event: topics.event(kiosk, '+'),
    menu: topics.menu,
    availability: topics.availability,
    refusal: topics.refusal(user.username),
  };
}

/** One user's block: `user NAME`, then a `topic read|write|readwrite FILTER` line per allowed topic. */
function userAcl(user: AclUser): string[] {
  const mayRead = (filter: string): boolean => maySubscribe(user as StoreBusUser, filter).allowed; // reads no password
  const storeWide = mayRead(storeTopics(user.store).all);
  const lines = [`user ${user.username}`];
  if (storeWide) lines.push(`topic read ${storeTopics(user.store).all}`);
  for (const [kind, filter] of Object.entries(filtersFor(user)) as [ParsedTopic['kind'], string][]) {
    const read = !storeWide && mayRead(filter);
    // Mosquitto cannot tell a clearing message from another: clear-only topics are writable there.
    const write = PUBLISH[user.role].has(kind) || CLEAR_ONLY[user.role].has(kind);
    if (read || write) lines.push(`topic ${read && write ? 'readwrite' : read ? 'read' : 'write'} ${filter}`);
  }
  return lines;
}

export const mosquittoAcl = (users: readonly AclUser[]): string => users.map((user) => [...userAcl(user), ''].join('\n')).join('\n');

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('mosquitto-acl: give the store bus users file, e.g. npx tsx electron/host/store-bus/mosquitto-acl.ts store-bus-users.json');
    process.exit(2);
  }
  process.stdout.write(mosquittoAcl(loadStoreBusUsers(file)));
}
