// Back office: the report queries over 1,000,000 recorded events on SQLite (the funnel for
// one month within 1 s), and ingest from the store bus (≥ 2,000 events/s: published by a
// kiosk on the embedded broker, recorded before each PUBACK), against a bare MQTT
// publish → receive of the same events on the same broker as the baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'mqtt';
import { sql } from 'kysely';
import { openDatabase } from '../back-office/server/db/open';
import { createRecorder } from '../back-office/server/ingest';
import { connectBackOfficeBus } from '../back-office/server/bus';
import { localTime } from '../back-office/server/local-time';
import { fullReport, funnel } from '../back-office/server/reports';
import { startEmbeddedBroker } from '../electron/host/store-bus/broker';
import { hashPassword } from '../electron/host/store-bus/credentials';
import { storeTopics } from '../common/store-bus/messages';
import { round, type BenchResult } from './result';

const STORE = 'bench-store';
const TZ = 'Europe/Berlin';
const EVENTS = 1_000_000;
const INGEST_EVENTS = 5_000;

export async function benchBackOffice(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-back-office-'));
  const results: BenchResult[] = [];
  try {
    const database = await openDatabase({ kind: 'sqlite', file: join(dir, 'bench.sqlite') });
    // 1,000,000 events over 12 months (2026): sessions started, abandoned at a step, completed.
    const start = Date.parse('2026-01-01T00:00:00Z');
    const span = 365 * 86_400_000;
    const screens = ['service', 'menu', 'customize', 'cart', 'review', 'payment'];
    const types = ['session_started', 'item_added', 'abandoned', 'completed', 'payment.outcome'];
    // 2,000 rows of 14 columns per statement: SQLite allows 32,766 bound values.
    for (let offset = 0; offset < EVENTS; offset += 2_000) {
      const rows = Array.from({ length: 2_000 }, (_, index) => {
        const n = offset + index;
        const at = start + Math.floor((n / EVENTS) * span);
        const when = localTime(at, TZ);
        const type = types[n % types.length]!;
        return {
          event_id: `e-${n}`,
          store_id: STORE,
          kiosk_id: `K${n % 4}`,
          type,
          at,
          local_date: when.date,
          local_hour: when.hour,
          session_id: `s-${Math.floor(n / 5)}`,
          order_id: null,
          duration_ms: type === 'completed' ? 30_000 + (n % 200_000) : null,
          screen: type === 'abandoned' ? screens[n % screens.length]! : null,
          result: type === 'payment.outcome' ? (n % 7 === 0 ? 'declined' : 'approved') : null,
          method: type === 'completed' ? (n % 3 === 0 ? 'counter' : 'card') : null,
          detail: null,
        };
      });
      await database.db.insertInto('events').values(rows).execute();
    }
    await sql`analyze`.execute(database.db);
    const month = { from: '2026-06-01', to: '2026-06-30' };
    const time = async (run: () => Promise<unknown>) => {
      await run();
      const began = performance.now();
      await run();
      return performance.now() - began;
    };
    const funnelMs = await time(() => funnel(database.db, month));
    const fullMs = await time(() => fullReport(database.db, month));
    const countMs = await time(() => sql`select count(*) from events where local_date between ${month.from} and ${month.to}`.execute(database.db));
    results.push(
      { name: 'back office: funnel, one month of 1,000,000 events (SQLite)', value: round(funnelMs), unit: 'ms', baseline: round(countMs), target: '≤ 1000 ms', met: funnelMs <= 1000, note: 'baseline: counting the month’s events' },
      { name: 'back office: all reports, one month of 1,000,000 events (SQLite)', value: round(fullMs), unit: 'ms', baseline: round(countMs), target: null, met: null },
    );
    await database.close();

    // Ingest from the bus.
    const cost = { N: 1024, r: 8, p: 1 };
    const broker = await startEmbeddedBroker({
      tcpPort: 0,
      wsPort: 0,
      users: [
        { username: 'kiosk-A', role: 'kiosk', store: STORE, kiosk: 'A', passwordHash: await hashPassword('k', cost) },
        { username: 'back-office', role: 'operator', store: STORE, passwordHash: await hashPassword('b', cost) },
        { username: 'olaf', role: 'operator', store: STORE, passwordHash: await hashPassword('o', cost) },
      ],
    });
    const topics = storeTopics(STORE);
    const kiosk = connect(broker.tcpUrl, { username: 'kiosk-A', password: 'k', clientId: 'kiosk-A', protocolVersion: 4 });
    await new Promise<void>((resolve) => kiosk.once('connect', () => resolve()));
    const payloads = Array.from({ length: INGEST_EVENTS }, (_, n) => ({
      topic: topics.event('A', `i-${n}`),
      payload: JSON.stringify({ eventId: `i-${n}`, storeId: STORE, kioskId: 'A', type: 'item_added', at: new Date(start + n * 1000).toISOString(), sessionId: `s-${n}` }),
    }));
    const publishAll = () => Promise.all(payloads.map((message) => kiosk.publishAsync(message.topic, message.payload, { qos: 1 })));

    // Baseline: a bare subscriber receiving the same events.
    const bare = connect(broker.tcpUrl, { username: 'olaf', password: 'o', clientId: 'olaf/bench', protocolVersion: 4 });
    await new Promise<void>((resolve) => bare.once('connect', () => resolve()));
    await bare.subscribeAsync(topics.eventFilter, { qos: 1 });
    let received = 0;
    const bareDone = new Promise<void>((resolve) => bare.on('message', () => ++received === INGEST_EVENTS && resolve()));
    const bareStart = performance.now();
    await publishAll();
    await bareDone;
    const bareMs = performance.now() - bareStart;
    bare.end(true);

    const ingestDb = await openDatabase({ kind: 'sqlite', file: join(dir, 'ingest.sqlite') });
    const recorder = createRecorder({ db: ingestDb.db, store: STORE, timezone: TZ });
    let recorded = 0;
    let ingestDone: () => void = () => undefined;
    const allRecorded = new Promise<void>((resolve) => (ingestDone = resolve));
    const bus = connectBackOfficeBus({
      url: broker.tcpUrl,
      username: 'back-office',
      password: 'b',
      store: STORE,
      record: async (messages) => {
        const counts = await recorder.record(messages);
        recorded += counts.recorded;
        if (recorded === INGEST_EVENTS) ingestDone();
        return counts;
      },
    });
    await bus.ready;
    const ingestStart = performance.now();
    await publishAll();
    await allRecorded;
    const ingestMs = performance.now() - ingestStart;
    const perSecond = Math.round(INGEST_EVENTS / (ingestMs / 1000));
    results.push({
      name: `back office: ingest from the bus, ${INGEST_EVENTS} events (SQLite, recorded before PUBACK)`,
      value: perSecond,
      unit: 'events/s',
      baseline: Math.round(INGEST_EVENTS / (bareMs / 1000)),
      target: '≥ 2000 events/s',
      met: perSecond >= 2000,
      note: 'baseline: a bare MQTT subscriber receiving the same events',
    });
    await bus.close();
    kiosk.end(true);
    await ingestDb.close();
    await broker.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
