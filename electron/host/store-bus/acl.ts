// Who may publish and subscribe to what on the store bus. Pure rules over a user
// (role, store, kiosk) and a topic, used by the embedded broker; docs/store-bus.md
// gives the same rules as a Mosquitto acl_file for external brokers.
import { TOPIC_ROOT, RETAINED_KINDS, messageSchemaFor, parseTopic, type ParsedTopic } from '../../../common/store-bus/messages';
import type { StoreBusUser } from './credentials';

export type Decision = { allowed: true } | { allowed: false; reason: string };
const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Topic kinds each role may publish (kiosks only for their own kiosk id). */
const PUBLISH: Record<StoreBusUser['role'], ReadonlySet<ParsedTopic['kind']>> = {
  kiosk: new Set(['kiosk_status', 'kiosk_menu', 'order', 'counter', 'handoff', 'event']),
  staff: new Set(['order_status', 'counter', 'handoff', 'availability']),
  operator: new Set(['menu', 'availability']),
  pos: new Set(['order_status', 'counter']),
};

export function mayPublish(user: StoreBusUser, topic: string, payload: Buffer | string, retain: boolean): Decision {
  const parsed = parseTopic(topic);
  if (!parsed) return deny(`${topic} is not a Counterpart topic`);
  if (parsed.store !== user.store) return deny(`${user.username} belongs to store ${user.store}, not ${parsed.store}`);
  const text = payload.toString();
  const clears = text === '' && retain;
  if (user.role === 'kiosk' && 'kiosk' in parsed && parsed.kiosk !== user.kiosk) return deny(`kiosk ${user.kiosk} may not speak for kiosk ${parsed.kiosk}`);
  // A kiosk clears the retained status changes of its own orders once they are a day old (store-link).
  if (user.role === 'kiosk' && parsed.kind === 'order_status' && clears) return allow;
  if (!PUBLISH[user.role].has(parsed.kind)) return deny(`role ${user.role} may not publish ${parsed.kind} messages`);
  // Staff and a POS settle counter orders (they clear the retained entry); only a kiosk places one.
  if (parsed.kind === 'counter' && user.role !== 'kiosk' && !clears) return deny(`role ${user.role} may only clear a counter order (an empty retained message), not place one`);

  if (text === '') {
    // An empty retained message clears retained state; only meaningful where state is retained.
    if (retain && RETAINED_KINDS.has(parsed.kind)) return allow;
    return deny(`an empty message is only allowed to clear a retained ${[...RETAINED_KINDS].join('/')} topic`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return deny(`the message on ${topic} is not JSON`);
  }
  const checked = messageSchemaFor(parsed.kind).safeParse(data);
  if (!checked.success) {
    const first = checked.error.issues[0];
    return deny(`the message on ${topic} is not a valid ${parsed.kind} message: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'}`);
  }
  return matchesTopic(user, parsed, checked.data as Record<string, unknown>);
}

/** The message must describe what its topic says, and an actor can only sign as itself. */
function matchesTopic(user: StoreBusUser, topic: ParsedTopic, message: Record<string, unknown>): Decision {
  const kiosk = 'kiosk' in topic ? topic.kiosk : undefined;
  if (kiosk !== undefined && message.kioskId !== kiosk) return deny(`kioskId ${String(message.kioskId)} does not match the topic's kiosk ${kiosk}`);
  if ('storeId' in message && message.storeId !== topic.store) return deny(`storeId ${String(message.storeId)} does not match the topic's store ${topic.store}`);
  if ('orderId' in topic && message.orderId !== topic.orderId) return deny(`orderId ${String(message.orderId)} does not match the topic`);
  if (topic.kind === 'handoff') {
    if (message.handoffId !== topic.handoffId) return deny(`handoffId ${String(message.handoffId)} does not match the topic`);
    if (user.role === 'staff' && message.state === 'open') return deny('staff acknowledge or resolve a help request; only a kiosk opens one');
  }
  for (const field of ['by', 'acknowledgedBy', 'resolvedBy'] as const) {
    const signed = message[field] as { role: string; name: string } | undefined;
    if (!signed || user.role === 'kiosk') continue;
    // A staff member cannot sign an acknowledgement as a colleague; a kiosk may
    // carry the staff name of an earlier acknowledgement when it resolves.
    if (field === 'acknowledgedBy' && message.state === 'resolved') continue;
    if (signed.name !== user.username || signed.role !== user.role) return deny(`${field} must be ${user.role} ${user.username}`);
  }
  return allow;
}

export function maySubscribe(user: StoreBusUser, filter: string): Decision {
  const levels = filter.split('/');
  const storeRoot = `${TOPIC_ROOT}/${user.store}`;
  if (`${levels[0]}/${levels[1]}/${levels[2]}` !== storeRoot || levels.length < 4) {
    return deny(`${user.username} may only subscribe under ${storeRoot}/`);
  }
  if (user.role !== 'kiosk') return allow;
  const [kind, kiosk] = levels.slice(3);
  if ((kind === 'menu' || kind === 'availability') && levels.length === 4) return allow;
  if (kind === 'refused' && kiosk === user.username && levels.length === 5) return allow;
  if ((kind === 'handoff' || kind === 'order' || kind === 'counter' || kind === 'kiosk') && kiosk === user.kiosk) return allow;
  return deny(`kiosk ${user.kiosk} may read the menu, availability, its own kiosk's topics and its refusals, not ${filter}`);
}
