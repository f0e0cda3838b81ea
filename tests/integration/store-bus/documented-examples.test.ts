// docs/store-bus.md is the format: every example in it (a ```json block naming its topic and
// the user who publishes it) is published to a real embedded broker as that user, and the
// broker must accept it and deliver it as it is. A wrong message (the `by` as a string that
// the old docs suggested) is refused, with its reason logged and left for the sender on
// refused/{username}.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availabilityMessage, messageSchemaFor, parseTopic, refusalMessage, storeTopics } from '../../../common/store-bus/messages';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../../electron/host/store-bus/broker';
import { hashPassword } from '../../../electron/host/store-bus/credentials';
import { captureLog, type LoggedEvent } from '../../../electron/host/log';
import { REPO_ROOT } from '../../support/kiosk';
import { collect, endClient, publish, subscribe } from './support';
import { connect, type MqttClient } from 'mqtt';

const STORE = 'berlin-1';
const topics = storeTopics(STORE);
const USERS = [
  { username: 'kiosk-B', password: 'kiosk-b-secret', role: 'kiosk', kiosk: 'B' },
  { username: 'anna', password: '4711', role: 'staff' },
  { username: 'olaf', password: 'operator-secret', role: 'operator' },
  { username: 'till-1', password: 'pos-secret', role: 'pos' },
] as const;

interface Example {
  topic: string;
  as: string;
  retain: boolean;
  payload: string;
  line: number;
}

/** The ```json blocks of the doc that name a topic and a publisher, in order. */
function documentedExamples(markdown: string): { examples: Example[]; refusals: string[] } {
  const examples: Example[] = [];
  const refusals: string[] = [];
  const block = /^```json([^\n]*)\n([\s\S]*?)^```$/gm;
  for (const match of markdown.matchAll(block)) {
    const info = (match[1] ?? '').trim();
    const body = match[2] ?? '';
    const line = markdown.slice(0, match.index).split('\n').length;
    if (info === 'refusal') refusals.push(body);
    const topic = /topic=(\S+)/.exec(info)?.[1];
    const as = /as=(\S+)/.exec(info)?.[1];
    if (topic && as) examples.push({ topic, as, retain: /\bretain\b/.test(info), payload: JSON.stringify(JSON.parse(body)), line });
  }
  return { examples, refusals };
}

const connectAs = (url: string, username: string): Promise<MqttClient> => {
  const found = USERS.find((candidate) => candidate.username === username);
  if (!found) throw new Error(`the doc names a user the test does not know: ${username}`);
  const client = connect(url, { username, password: found.password, clientId: `${username}/docs-${Math.random().toString(36).slice(2, 8)}`, protocolVersion: 4, reconnectPeriod: 0 });
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
};

describe('docs/store-bus.md', () => {
  const { examples, refusals } = documentedExamples(readFileSync(join(REPO_ROOT, 'docs/store-bus.md'), 'utf8'));
  let broker: EmbeddedBroker;
  let events: LoggedEvent[];
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    const captured = captureLog();
    events = captured.events;
    broker = await startEmbeddedBroker({
      users: await Promise.all(USERS.map(async ({ password, ...user }) => ({ ...user, store: STORE, passwordHash: await hashPassword(password, { N: 1024, r: 8, p: 1 }) }))),
      tcpPort: 0,
      wsPort: 0,
      log: captured.log,
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => endClient(client)));
    await broker?.close();
  });
  const as = async (username: string): Promise<MqttClient> => {
    const client = await connectAs(broker.tcpUrl, username);
    clients.push(client);
    return client;
  };

  it('has an example of every message kind a client publishes', () => {
    const kinds = new Set(examples.map((example) => parseTopic(example.topic)?.kind));
    expect([...kinds].sort()).toEqual(['availability', 'counter', 'event', 'handoff', 'kiosk_menu', 'kiosk_status', 'menu', 'order', 'order_status']);
    expect(refusals).toHaveLength(1);
  });

  it('every example is accepted by the broker as the user it names, and delivered as it is', async () => {
    const watcher = await as('olaf');
    const inbox = collect(watcher);
    await subscribe(watcher, topics.all);
    for (const example of examples) {
      const parsed = parseTopic(example.topic);
      expect(parsed, `line ${example.line}: ${example.topic}`).not.toBeNull();
      expect(messageSchemaFor(parsed!.kind).safeParse(JSON.parse(example.payload)).success, `line ${example.line}`).toBe(true);
      const publisher = await as(example.as);
      await publish(publisher, example.topic, example.payload, example.retain);
      await inbox.next((message) => message.topic === example.topic && message.text === example.payload);
    }
    expect(events.filter((event) => event.event === 'store_bus_publish_refused')).toEqual([]);
  });

  it('refuses an availability message signed with a string, says why in the log and on refused/{username}', async () => {
    const wrong = JSON.stringify({ soldOut: ['cola'], by: 'anna', at: '2026-11-25T12:10:00.000Z' });
    expect(availabilityMessage.safeParse(JSON.parse(wrong)).success).toBe(false);

    const sender = await as('anna');
    const closed = new Promise<void>((resolve) => sender.once('close', () => resolve()));
    sender.publish(topics.availability, wrong, { qos: 1, retain: true });
    await closed; // no PUBACK: MQTT 3.1.1 cannot refuse otherwise

    const refused = events.find((event) => event.event === 'store_bus_publish_refused' && event.topic === topics.availability);
    expect(refused).toMatchObject({ username: 'anna', reason: expect.stringMatching(/not a valid availability message: by: /) });

    // The sender signs in again and reads why.
    const again = await as('anna');
    const inbox = collect(again);
    await subscribe(again, topics.refusal('anna'));
    const notice = refusalMessage.parse(JSON.parse((await inbox.next((message) => message.topic === topics.refusal('anna'))).text));
    expect(notice).toMatchObject({ username: 'anna', topic: topics.availability, reason: refused!.reason });
    // What the docs show as a refusal has that shape.
    expect(refusalMessage.safeParse(JSON.parse(refusals[0]!)).success).toBe(true);
  });

  it('nobody but the broker writes on refused/…, and a kiosk reads only its own', async () => {
    const sender = await as('anna');
    const closed = new Promise<void>((resolve) => sender.once('close', () => resolve()));
    sender.publish(topics.refusal('anna'), refusals[0]!.trim(), { qos: 1, retain: true });
    await closed;
    expect(events.some((event) => event.event === 'store_bus_publish_refused' && event.topic === topics.refusal('anna'))).toBe(true);
    const kiosk = await as('kiosk-B');
    expect(await subscribe(kiosk, [topics.refusal('kiosk-B'), topics.refusal('anna')])).toEqual([1, 128]);
  });
});
