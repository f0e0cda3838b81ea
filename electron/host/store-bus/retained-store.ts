// The embedded broker's retained messages kept on disk, so a restart of the kiosk host (and with it
// the broker) does not empty the store's shared state: the orders waiting at the counter and being
// prepared, their status, what is sold out, the menu, open help requests. A staff console or order
// status display that opens after the restart sees what it saw before.
//
// The broker keeps its state in aedes' own in-memory persistence; each retained message it stores
// is also appended to a log in the host's data dir (one JSON line: topic, payload, QoS; an empty
// payload clears the topic). At start the log is folded into the latest message per topic, written
// back compacted, and handed to the broker before it listens (kiosks' statuses excepted: each kiosk
// says it again when it connects). Not fsynced: this is the store's
// view, which every publisher sends again (orders from the kiosks' outbox, the menu and sold out
// from the back office); a lost last line costs at most a moment of a screen's view.
import { createWriteStream, existsSync, readFileSync, renameSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import createMemoryPersistence from 'aedes-persistence';
import type { Logger } from '../log';
import { ensurePrivateFile } from '../private-files';

export const RETAINED_FILE = 'store-bus-retained.jsonl';

type Saved = { topic: string; payload: string; qos: 0 | 1 | 2 };
/** What the persistence's storeRetained reads of a packet (aedes calls it with a promise, no callback). */
type RetainedPacket = { topic: string; payload: Buffer; qos: 0 | 1 | 2 };
type Retaining = { storeRetained(packet: RetainedPacket): Promise<void> };

/** A log larger than this is set aside, not read: far beyond a day of a store's retained state. */
const MAX_LOG_BYTES = 256 * 1024 * 1024;

/**
 * Not restored: a kiosk's status. A kiosk that was connected when the host stopped never got its
 * last will ("offline") published, so its last status says "online"; each kiosk publishes its own
 * again when it connects.
 */
const KIOSK_STATUS = /\/kiosk\/[^/]+\/status$/;

/** The log folded into the latest message per topic (cleared topics dropped); lines that do not parse are counted. */
function readSaved(file: string): { saved: Map<string, Saved>; damaged: number } {
  const saved = new Map<string, Saved>();
  let damaged = 0;
  if (!existsSync(file)) return { saved, damaged };
  if (statSync(file).size > MAX_LOG_BYTES) throw new Error(`it is larger than ${MAX_LOG_BYTES / 1024 / 1024} MB`);
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as Partial<Saved>;
      if (typeof entry.topic !== 'string' || typeof entry.payload !== 'string' || (entry.qos !== 0 && entry.qos !== 1 && entry.qos !== 2)) throw new Error('not a retained message');
      if (entry.payload === '' || KIOSK_STATUS.test(entry.topic)) saved.delete(entry.topic);
      else saved.set(entry.topic, entry as Saved);
    } catch {
      damaged += 1; // a line cut by a power loss, most likely the last one
    }
  }
  return { saved, damaged };
}

const line = (entry: Saved): string => `${JSON.stringify(entry)}\n`;

export interface RetainedStore {
  /** The broker's persistence: aedes' in-memory one, whose retained messages are also logged. */
  persistence: ReturnType<typeof createMemoryPersistence>;
  /** Gives the broker the messages retained before the restart; call once it is created, before it listens. */
  restore(brokerId: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The saved messages, and the log compacted to them. A log that cannot be read or written (a full
 * or read-only disk, a file far too large) never stops the store bus: it is set aside when it can
 * be, and the broker runs with what it hears from now on.
 */
function openLog(file: string, log: Logger): Map<string, Saved> {
  try {
    const { saved, damaged } = readSaved(file);
    if (damaged > 0) log.warn({ event: 'store_bus_retained_damaged', file, lines: damaged }, 'lines of the saved retained messages could not be read; the others were restored');
    // Compacted before anything is appended: the log holds one line per topic after each start.
    ensurePrivateFile(file);
    const compacted = `${file}.${process.pid}.tmp`;
    writeFileSync(compacted, [...saved.values()].map(line).join(''), { mode: 0o600 });
    renameSync(compacted, file);
    return saved;
  } catch (error) {
    const aside = `${file}.unreadable-${Date.now()}`;
    try {
      if (existsSync(file)) renameSync(file, aside);
    } catch {
      // left where it is; appending below reports what is wrong with the disk
    }
    log.error({ event: 'store_bus_retained_unreadable', file, aside, error: error instanceof Error ? error.message : String(error) }, 'the saved retained messages could not be read; the store bus starts without them');
    return new Map();
  }
}

export function openRetainedStore(file: string, log: Logger): RetainedStore {
  const saved = openLog(file, log);
  const appended: WriteStream = createWriteStream(file, { flags: 'a', mode: 0o600 });
  appended.on('error', (error) => log.error({ event: 'store_bus_retained_not_saved', file, error: error.message }, 'retained messages are no longer saved; they last until the host stops'));

  const persistence = createMemoryPersistence();
  const memory = persistence as unknown as Retaining;
  const storeInMemory = memory.storeRetained.bind(memory);
  memory.storeRetained = (packet) => {
    if (!appended.destroyed) appended.write(line({ topic: packet.topic, payload: packet.payload.toString('base64'), qos: packet.qos }));
    return storeInMemory(packet);
  };

  return {
    persistence,
    async restore(brokerId) {
      for (const entry of saved.values()) {
        const payload = Buffer.from(entry.payload, 'base64');
        await storeInMemory({ cmd: 'publish', topic: entry.topic, payload, qos: entry.qos, retain: true, dup: false, brokerId, brokerCounter: 0 } as RetainedPacket);
      }
      if (saved.size > 0) log.info({ event: 'store_bus_retained_restored', messages: saved.size }, 'retained messages from before the restart restored');
      return saved.size;
    },
    close: () => new Promise<void>((resolve) => appended.end(() => resolve())),
  };
}
