// Who may publish and subscribe to what on the store bus. Pure rules over a user
// (role, store, kiosk) and a topic, used by the embedded broker; docs/store-bus.md
// gives the same rules as a Mosquitto acl_file for external brokers.
import { TOPIC_ROOT, RETAINED_KINDS, messageSchemaFor, parseTopic, type ParsedTopic } from '../../../common/store-bus/messages';
import type { StoreBusUser } from './credentials';

export type Decision = { allowed: true } | { allowed: false; reason: string };
const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

const KIB = 1024;
/**
 * The largest payload each kind of message may have, in bytes. Far above real messages
 * (a 100-item menu is ~60 KiB, an order ~1 KiB), low enough that no client can make the
 * broker hold or parse much. The broker's packet limit follows from the largest.
 */
export const PAYLOAD_LIMITS: Readonly<Record<ParsedTopic['kind'], number>> = {
  kiosk_status: 16 * KIB,
  kiosk_menu: 4 * 1024 * KIB,
  order: 256 * KIB,
  order_status: 16 * KIB,
  counter: 256 * KIB,
  handoff: 64 * KIB,
  event: 16 * KIB,
  menu: 4 * 1024 * KIB,
  availability: 64 * KIB,
  refusal: 16 * KIB,
};
export const MAX_PAYLOAD_BYTES = Math.max(...Object.values(PAYLOAD_LIMITS));

/** Topic kinds each role may publish (kiosks only for their own kiosk id). Refusals: only the broker. */
export const PUBLISH: Record<StoreBusUser['role'], ReadonlySet<ParsedTopic['kind']>> = {
  kiosk: new Set(['kiosk_status', 'kiosk_menu', 'order', 'counter', 'handoff', 'event']),
  staff: new Set(['order_status', 'handoff', 'availability']),
  operator: new Set(['menu', 'availability']),
  pos: new Set(['order_status']),
  display: new Set(),
};

/**
 * Retained topics a role may only clear (an empty retained message), never write: staff and a
 * POS settle a counter order (only a kiosk places one); a kiosk clears the status changes of its
 * own orders a day after they were placed (store-link).
 */
export const CLEAR_ONLY: Record<StoreBusUser['role'], ReadonlySet<ParsedTopic['kind']>> = {
  kiosk: new Set(['order_status']),
  staff: new Set(['counter']),
  operator: new Set(),
  pos: new Set(['counter']),
  display: new Set(),
};

/** A payload parsed and checked against the schema of its topic's kind: its data, or what is wrong with it. */
export type PayloadCheck = (kind: ParsedTopic['kind'], text: string) => { data: Record<string, unknown> } | { problem: string };

export const checkPayload: PayloadCheck = (kind, text) => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  const checked = messageSchemaFor(kind).safeParse(data);
  if (checked.success) return { data: checked.data as Record<string, unknown> };
  const first = checked.error.issues[0];
  return { problem: `not a valid ${kind} message: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'}` };
};

/**
 * `check`, remembering the last payload it found valid for each schema: a counter order goes out
 * on its order and its counter topic with the same bytes, and is parsed and checked once. Only
 * the schema check is remembered; who may publish what, and the topic's ids, are checked each time.
 */
export function rememberingLastValid(check: PayloadCheck = checkPayload): PayloadCheck {
  const last = new Map<ReturnType<typeof messageSchemaFor>, { text: string; data: Record<string, unknown> }>();
  return (kind, text) => {
    const schema = messageSchemaFor(kind);
    const known = last.get(schema);
    if (known?.text === text) return { data: known.data };
    const result = check(kind, text);
    if ('data' in result) last.set(schema, { text, data: result.data });
    return result;
  };
}

export function mayPublish(user: StoreBusUser, topic: string, payload: Buffer | string, retain: boolean, check: PayloadCheck = checkPayload): Decision {
  const parsed = parseTopic(topic);
  if (!parsed) return deny(`${topic} is not a Counterpart topic`);
  if (parsed.store !== user.store) return deny(`${user.username} belongs to store ${user.store}, not ${parsed.store}`);
  if (user.role === 'kiosk' && 'kiosk' in parsed && parsed.kiosk !== user.kiosk) return deny(`kiosk ${user.kiosk} may not speak for kiosk ${parsed.kiosk}`);
  const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  if (CLEAR_ONLY[user.role].has(parsed.kind)) {
    if (size === 0 && retain) return allow;
    return deny(`role ${user.role} may only clear a ${parsed.kind} message (an empty retained message), not write one`);
  }
  if (!PUBLISH[user.role].has(parsed.kind)) return deny(`role ${user.role} may not publish ${parsed.kind} messages`);
  if (size > PAYLOAD_LIMITS[parsed.kind]) return deny(`a ${parsed.kind} message may have at most ${PAYLOAD_LIMITS[parsed.kind]} bytes, this one has ${size}`);

  const text = payload.toString();
  if (text === '') {
    // An empty retained message clears retained state; only meaningful where state is retained.
    if (retain && RETAINED_KINDS.has(parsed.kind)) return allow;
    return deny(`an empty message is only allowed to clear a retained ${[...RETAINED_KINDS].join('/')} topic`);
  }
  const checked = check(parsed.kind, text);
  if ('problem' in checked) return deny(`the message on ${topic} is ${checked.problem}`);
  return matchesTopic(user, parsed, checked.data);
}

/**
 * The message must describe what its topic says (kiosk, store, order, help request and event ids),
 * and every actor signs only as itself: a kiosk never signs as staff, a staff member never as a colleague.
 */
function matchesTopic(user: StoreBusUser, topic: ParsedTopic, message: Record<string, unknown>): Decision {
  const kiosk = 'kiosk' in topic ? topic.kiosk : undefined;
  if (kiosk !== undefined && message.kioskId !== kiosk) return deny(`kioskId ${String(message.kioskId)} does not match the topic's kiosk ${kiosk}`);
  if ('storeId' in message && message.storeId !== topic.store) return deny(`storeId ${String(message.storeId)} does not match the topic's store ${topic.store}`);
  if ('orderId' in topic && message.orderId !== topic.orderId) return deny(`orderId ${String(message.orderId)} does not match the topic`);
  if (topic.kind === 'event' && message.eventId !== topic.eventId) return deny(`eventId ${String(message.eventId)} does not match the topic's event ${topic.eventId}`);
  if (topic.kind === 'handoff') {
    if (message.handoffId !== topic.handoffId) return deny(`handoffId ${String(message.handoffId)} does not match the topic`);
    if (user.role === 'staff' && message.state === 'open') return deny('staff acknowledge or resolve a help request; only a kiosk opens one');
    if (user.role === 'kiosk' && message.state === 'acknowledged') return deny('a kiosk opens or resolves a help request; only staff acknowledge one');
  }
  for (const field of ['by', 'acknowledgedBy', 'resolvedBy'] as const) {
    const signed = message[field] as { role: string; name: string } | undefined;
    if (!signed) continue;
    // A resolution carries the acknowledgement it follows as it was published (and checked) then.
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
  const [kind, kiosk] = levels.slice(3);
  if (user.role === 'display') {
    // Orders and their status changes only (order/{kiosk}/{id} and …/status): numbers for the screen, never help requests, menus or refusals.
    if (kind === 'order' && (levels.length === 6 || (levels.length === 7 && levels[6] === 'status'))) return allow;
    return deny(`display ${user.username} may read orders and their status (${storeRoot}/order/+/+ and …/status), not ${filter}`);
  }
  if (user.role !== 'kiosk') return allow;
  if ((kind === 'menu' || kind === 'availability') && levels.length === 4) return allow;
  if (kind === 'refused' && kiosk === user.username && levels.length === 5) return allow;
  if ((kind === 'handoff' || kind === 'order' || kind === 'counter' || kind === 'kiosk') && kiosk === user.kiosk) return allow;
  return deny(`kiosk ${user.kiosk} may read the menu, availability, its own kiosk's topics and its refusals, not ${filter}`);
}
