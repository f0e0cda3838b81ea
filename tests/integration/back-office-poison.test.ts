// A message the back office's database refuses (a constraint, a value it cannot store) must not
// stop the back office recording: it is logged with its payload and acknowledged, and the messages
// after it are recorded. A database that cannot be reached is different: that message is tried
// again until it records, and nothing after it is lost either.
import { afterEach, describe, expect, it } from 'vitest';
import { connectBackOfficeBus, refusesTheMessage } from '../../back-office/server/bus';
import type { BusMessage, IngestCounts } from '../../back-office/server/ingest';
import { storeTopics } from '../../common/store-bus/messages';
import type { Logger } from '../../electron/host/log';
import { silentLogger } from '../../electron/host/log';
import { connectAs, endClient, publish, STORE, startMosquitto, type Mosquitto } from './store-bus/support';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const topics = storeTopics(STORE);
const counts: IngestCounts = { recorded: 1, duplicates: 0, ignored: 0 };
/** An error as the database driver throws it, with its code. */
const dbError = (code: string) => Object.assign(new Error(`database says ${code}`), { code });

describe('the back office recording store bus messages', () => {
  it('tells a message the database refuses from a database that is down', () => {
    expect([dbError('SQLITE_CONSTRAINT_NOTNULL'), dbError('SQLITE_MISMATCH'), dbError('23502'), dbError('22007')].map(refusesTheMessage)).toEqual([true, true, true, true]);
    expect([dbError('SQLITE_BUSY'), dbError('SQLITE_FULL'), dbError('ECONNREFUSED'), dbError('57P01'), new Error('no code')].map(refusesTheMessage)).toEqual([false, false, false, false, false]);
  });

  it('acknowledges a refused message after logging it, records the ones after it, and retries one the database could not take', async () => {
    const mosquitto: Mosquitto = await startMosquitto();
    cleanups.push(() => mosquitto.stop());
    const recorded: string[] = [];
    const errors: Record<string, unknown>[] = [];
    const log = { ...silentLogger, error: (fields: Record<string, unknown>) => void errors.push(fields) } as unknown as Logger;
    let downOnce = true;
    const record = async ([message]: BusMessage[]): Promise<IngestCounts> => {
      const text = message!.payload.toString();
      if (text.includes('poison')) throw dbError('SQLITE_CONSTRAINT_NOTNULL');
      if (text.includes('unlucky') && downOnce) {
        downOnce = false;
        throw dbError('SQLITE_BUSY');
      }
      recorded.push(text);
      return counts;
    };
    const bus = connectBackOfficeBus({ url: mosquitto.url, username: 'olaf', password: 'operator-secret', store: STORE, record, log });
    cleanups.push(() => bus.close());
    await bus.ready;

    const kiosk = await connectAs(mosquitto.url, 'kiosk-A');
    cleanups.push(() => endClient(kiosk));
    for (const text of ['{"n":"poison"}', '{"n":"first"}', '{"n":"unlucky"}', '{"n":"second"}']) await publish(kiosk, topics.event('A', text.length.toString()), text);
    await expect.poll(() => recorded, { timeout: 10_000 }).toEqual(['{"n":"first"}', '{"n":"unlucky"}', '{"n":"second"}']);
    expect(errors).toContainEqual(expect.objectContaining({ event: 'back_office_message_unrecorded', payload: '{"n":"poison"}' }));
    expect(errors).toContainEqual(expect.objectContaining({ event: 'back_office_record_failed', failures: 1 }));
  });
});
