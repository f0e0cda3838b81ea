// The embedded broker's retained messages kept on disk, so a restart of the kiosk host (and with it
// the broker) does not empty the store's shared state: the orders waiting at the counter and being
// prepared, their status, what is sold out, the menu, open help requests. A staff console or order
// status display that opens after the restart sees what it saw before.
//
// The broker keeps its state in aedes' own in-memory persistence; each retained message it stores
// is also appended to a log in the host's data dir (one JSON line: topic, payload, QoS; an empty
// payload clears the topic). At start the log is read a chunk at a time, folded into the latest
// message per topic, written back compacted, and handed to the broker before it listens (kiosks'
// statuses excepted: each kiosk says it again when it connects). While the host runs, the log is
// compacted the same way once it is twice what is retained, so a topic published again and again
// does not fill the disk. What is retained is capped (MAX_RETAINED_BYTES): a message beyond the cap
// is delivered but not kept, so no client can make the host hold or write without bound.
// Appends are not fsynced: this is the store's view, which every publisher sends again (orders
// from the kiosks' outbox, the menu and sold out from the back office); a lost last line costs at
// most a moment of a screen's view. A compacted log replaces everything, so it is fsynced first.
import { createWriteStream, readdirSync, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import createMemoryPersistence from 'aedes-persistence';
import type { Logger } from '../log';
import { ensurePrivateFile } from '../private-files';
import { MAX_PAYLOAD_BYTES } from './acl';

export const RETAINED_FILE = 'store-bus-retained.jsonl';

const MIB = 1024 * 1024;

/**
 * The most the retained messages may take, counted as their log lines (base64 payload and topic;
 * in memory about 3/4 of that). A busy store's day is a few thousand orders of ~1 KiB with their
 * status changes and help requests, a menu per kiosk and one for the store (~60 KiB each, at most
 * 4 MiB): a few MB, rarely tens. Far above that, and small enough for the host's memory and disk.
 */
export const MAX_RETAINED_BYTES = 64 * MIB;

/** The log is compacted once it exceeds both this and twice what is retained: the disk holds at most a few MB, or twice the set, of lines. */
const COMPACT_ABOVE_BYTES = 4 * MIB;

/** After a compaction failed (a full disk), the next try waits this long: each one writes everything retained. */
const COMPACT_RETRY_MS = 60_000;

/** Messages not kept over the cap are warned about at most this often (with how many), not once per message. */
const OVER_CAP_WARN_MS = 60_000;

/** The longest line a message can make (the largest payload in base64, and its topic); a longer one is damage, skipped unread. */
const MAX_LINE_BYTES = Math.ceil(MAX_PAYLOAD_BYTES / 3) * 4 + 64 * 1024;

/** Read at start a chunk at a time: a log of any size costs this much memory plus what is retained. */
const READ_CHUNK_BYTES = MIB;

/** Written a batch at a time, each write awaited: compacting never holds the event loop for long. */
const WRITE_BATCH_BYTES = MIB;

/**
 * Not restored: a kiosk's status. A kiosk that was connected when the host stopped never got its
 * last will ("offline") published, so its last status says "online"; each kiosk publishes its own
 * again when it connects.
 */
const KIOSK_STATUS = /\/kiosk\/[^/]+\/status$/;

type Qos = 0 | 1 | 2;
/** What the persistence's storeRetained reads of a packet (aedes calls it with a promise, no callback). */
type RetainedPacket = { topic: string; payload: Buffer; qos: Qos };
type Retaining = { storeRetained(packet: RetainedPacket): Promise<void> };
/** The payload is the buffer aedes' memory holds too: the mirror costs no second copy. */
type Kept = { payload: Buffer; qos: Qos; bytes: number };

const EMPTY = Buffer.alloc(0);

const line = (topic: string, payload: Buffer, qos: Qos): string => `${JSON.stringify({ topic, payload: payload.toString('base64'), qos })}\n`;
/** The bytes of line(topic, payload): {"topic":…,"payload":"…","qos":n} and a newline, without making it. */
const lineBytes = (topic: string, payloadBytes: number): number => Buffer.byteLength(JSON.stringify(topic)) + Math.ceil(payloadBytes / 3) * 4 + 32;

/**
 * The latest retained message per topic, as the broker holds it, within the cap. One set of rules
 * for what the broker is sent and for the log read at start, so a restart keeps what was kept.
 */
class RetainedSet {
  readonly kept = new Map<string, Kept>();
  bytes = 0;
  constructor(private readonly maxBytes: number) {}

  /**
   * An empty payload clears the topic. A message that would take the set over the cap is refused;
   * the topic's older message, if any, is dropped with it (dropped): kept, it would be shown to
   * the next subscriber as the current one.
   */
  put(topic: string, payload: Buffer, qos: Qos): { outcome: 'kept' | 'cleared' | 'refused'; dropped: boolean } {
    const before = this.kept.get(topic);
    const without = this.bytes - (before?.bytes ?? 0);
    if (payload.length === 0) {
      this.forget(topic);
      return { outcome: 'cleared', dropped: false };
    }
    const bytes = lineBytes(topic, payload.length);
    if (without + bytes > this.maxBytes) {
      this.forget(topic);
      return { outcome: 'refused', dropped: before !== undefined };
    }
    this.kept.set(topic, { payload, qos, bytes });
    this.bytes = without + bytes;
    return { outcome: 'kept', dropped: false };
  }

  forget(topic: string): void {
    const before = this.kept.get(topic);
    if (!before) return;
    this.kept.delete(topic);
    this.bytes -= before.bytes;
  }
}

/** Calls each(line) for every line of the file, in order; a line too long for any message is passed as undefined, never held whole. */
async function eachLine(file: string, each: (line: Buffer | undefined) => void): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
    let carried: Buffer[] = [];
    let carriedBytes = 0;
    let tooLong = false;
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      const data = chunk.subarray(0, bytesRead);
      let start = 0;
      for (let end = data.indexOf(0x0a); end !== -1; end = data.indexOf(0x0a, start)) {
        const piece = data.subarray(start, end);
        if (tooLong || carriedBytes + piece.length > MAX_LINE_BYTES) each(undefined);
        else each(carried.length > 0 ? Buffer.concat([...carried, piece]) : piece);
        carried = [];
        carriedBytes = 0;
        tooLong = false;
        start = end + 1;
      }
      const rest = data.subarray(start);
      if (tooLong || rest.length === 0) continue;
      if (carriedBytes + rest.length > MAX_LINE_BYTES) {
        tooLong = true;
        carried = [];
        carriedBytes = 0;
      } else {
        carried.push(Buffer.from(rest)); // the chunk is reused by the next read
        carriedBytes += rest.length;
      }
    }
    if (tooLong) each(undefined);
    else if (carriedBytes > 0) each(Buffer.concat(carried));
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: FileHandle, text: string): Promise<void> {
  const data = Buffer.from(text);
  for (let offset = 0; offset < data.length; ) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
}

/**
 * Moves an unreadable log out of the way, keeping only the newest one set aside (for a look at
 * what went wrong) and no temp file of an earlier compaction cut short: none piles up on disk.
 */
function setAside(file: string): string {
  const aside = `${file}.unreadable-${Date.now()}`;
  renameSync(file, aside);
  const [dir, name] = [dirname(file), basename(file)];
  for (const other of readdirSync(dir)) {
    const stale = other.startsWith(`${name}.`) && /^(unreadable-\d+|\d+\.tmp)$/.test(other.slice(name.length + 1));
    if (stale && join(dir, other) !== aside) rmSync(join(dir, other), { recursive: true, force: true });
  }
  return aside;
}

export interface RetainedStore {
  /** The broker's persistence: aedes' in-memory one, whose retained messages are also logged. */
  persistence: ReturnType<typeof createMemoryPersistence>;
  /** Reads the log and gives the broker the messages retained before the restart; call once it is created, before it listens. */
  restore(brokerId: string): Promise<number>;
  close(): Promise<void>;
}

export interface RetainedStoreOptions {
  /** MAX_RETAINED_BYTES unless a test needs a small cap. */
  maxRetainedBytes?: number;
}

/**
 * A log that cannot be read or written (a full or read-only disk, not a file) never stops the
 * store bus: it is set aside when it cannot be read at all, lines that do not parse are skipped,
 * and the broker runs with what it hears from now on. storeRetained never throws.
 */
export function openRetainedStore(file: string, log: Logger, options: RetainedStoreOptions = {}): RetainedStore {
  const retained = new RetainedSet(options.maxRetainedBytes ?? MAX_RETAINED_BYTES);
  /** Appends to the log; none until restore() has read and compacted it. */
  let writer: WriteStream | undefined;
  /** Lines stored while the log is rewritten (and before it is opened): they follow what is rewritten. */
  let pending: string[] | undefined = [];
  let logBytes = 0;
  let compacting: Promise<void> | undefined;
  let saving = true;
  let closed = false;
  let compactFailed = false;
  let retryCompactAt = 0;
  let overCapWarnedAt = -Infinity;
  let overCapSinceWarned = 0;
  let failedOnce = false;

  const openWriter = (): WriteStream => {
    const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
    stream.on('error', (error) => {
      // A replaced log's late error costs nothing: its successor holds all its lines.
      if (stream !== writer || !saving) return;
      saving = false;
      log.error({ event: 'store_bus_retained_not_saved', file, error: error.message }, 'retained messages are no longer saved; they last until the host stops');
    });
    return stream;
  };

  /** The set written to a temp file that then replaces the log; the old log is appended to until then, so a failure loses nothing. */
  const compact = async (): Promise<void> => {
    const snapshot = [...retained.kept];
    pending ??= [];
    const temp = `${file}.compacting`;
    let handle: FileHandle | undefined;
    try {
      handle = await open(temp, 'w', 0o600);
      await handle.chmod(0o600); // a temp file left by a crash keeps its mode
      let bytes = 0;
      let batch: string[] = [];
      let batchBytes = 0;
      for (const [topic, kept] of snapshot) {
        batch.push(line(topic, kept.payload, kept.qos));
        batchBytes += kept.bytes;
        if (batchBytes < WRITE_BATCH_BYTES) continue;
        await writeAll(handle, batch.join(''));
        bytes += batchBytes;
        batch = [];
        batchBytes = 0;
      }
      await writeAll(handle, batch.join(''));
      bytes += batchBytes;
      let written = 0;
      while (written < pending.length) {
        const more = pending.slice(written).join('');
        written = pending.length;
        await writeAll(handle, more);
        bytes += Buffer.byteLength(more);
      }
      await handle.sync(); // the log it replaces holds everything: this one must too, power loss or not
      await handle.close();
      handle = undefined;
      if (!saving) {
        // The log failed meanwhile (logged then): what is retained lasts until the host stops.
        await rm(temp, { force: true });
        pending = undefined;
        return;
      }
      await rename(temp, file);
      const next = openWriter();
      for (const text of pending.slice(written)) {
        next.write(text);
        bytes += Buffer.byteLength(text);
      }
      const previous = writer;
      writer = next;
      pending = undefined;
      logBytes = bytes;
      compactFailed = false;
      previous?.end();
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await rm(temp, { force: true }).catch(() => undefined);
      retryCompactAt = Date.now() + COMPACT_RETRY_MS;
      if (!compactFailed) log.error({ event: 'store_bus_retained_not_compacted', file, error: error instanceof Error ? error.message : String(error) }, 'the saved retained messages could not be compacted; they are still appended to');
      compactFailed = true;
      if (!writer) {
        // At start: the log as it is, read again the same way at the next start.
        try {
          ensurePrivateFile(file);
          logBytes = statSync(file).size;
        } catch {
          // appending below reports what is wrong with the disk
        }
        writer = openWriter();
        for (const text of pending ?? []) writer.write(text);
      }
      pending = undefined;
    }
  };

  const save = (topic: string, payload: Buffer, qos: Qos): void => {
    if (!saving || closed) return;
    const text = line(topic, payload, qos);
    logBytes += lineBytes(topic, payload.length);
    pending?.push(text);
    if (writer && !writer.destroyed) writer.write(text);
    if (writer && !compacting && logBytes > Math.max(COMPACT_ABOVE_BYTES, 2 * retained.bytes) && Date.now() >= retryCompactAt) {
      compacting = compact().finally(() => (compacting = undefined));
    }
  };

  const warnOverCap = (topic: string): void => {
    overCapSinceWarned += 1;
    if (Date.now() - overCapWarnedAt < OVER_CAP_WARN_MS) return;
    log.warn(
      { event: 'store_bus_retained_over_cap', topic, messages: overCapSinceWarned, retainedBytes: retained.bytes, maxBytes: options.maxRetainedBytes ?? MAX_RETAINED_BYTES },
      'retained messages are at their limit: this one was delivered but not kept',
    );
    overCapWarnedAt = Date.now();
    overCapSinceWarned = 0;
  };

  const persistence = createMemoryPersistence();
  const memory = persistence as unknown as Retaining;
  const storeInMemory = memory.storeRetained.bind(memory);
  memory.storeRetained = (packet) => {
    try {
      const { outcome, dropped } = retained.put(packet.topic, packet.payload, packet.qos);
      if (outcome === 'refused') {
        warnOverCap(packet.topic);
        if (!dropped) return Promise.resolve();
        save(packet.topic, EMPTY, packet.qos);
        return storeInMemory({ ...packet, payload: EMPTY });
      }
      save(packet.topic, packet.payload, packet.qos);
    } catch (error) {
      // Never seen; the broker goes on delivering and retaining in memory whatever the log does.
      if (!failedOnce) log.error({ event: 'store_bus_retained_not_saved', file, error: error instanceof Error ? error.message : String(error) }, 'a retained message could not be saved');
      failedOnce = true;
    }
    return storeInMemory(packet);
  };

  return {
    persistence,
    async restore(brokerId) {
      let damaged = 0;
      let overCap = 0;
      try {
        await eachLine(file, (bytes) => {
          try {
            if (bytes === undefined) throw new Error('longer than any message');
            const text = bytes.toString('utf8');
            if (text.trim() === '') return;
            const entry = JSON.parse(text) as { topic?: unknown; payload?: unknown; qos?: unknown };
            if (typeof entry.topic !== 'string' || typeof entry.payload !== 'string' || (entry.qos !== 0 && entry.qos !== 1 && entry.qos !== 2)) throw new Error('not a retained message');
            if (KIOSK_STATUS.test(entry.topic)) return retained.forget(entry.topic);
            if (retained.put(entry.topic, Buffer.from(entry.payload, 'base64'), entry.qos).outcome === 'refused') overCap += 1;
          } catch {
            damaged += 1; // a line cut by a power loss, most likely the last one
          }
        });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          for (const topic of [...retained.kept.keys()]) retained.forget(topic);
          let aside: string | undefined;
          try {
            aside = setAside(file);
          } catch {
            // left where it is; writing the log below reports what is wrong with the disk
          }
          log.error({ event: 'store_bus_retained_unreadable', file, aside, error: error instanceof Error ? error.message : String(error) }, 'the saved retained messages could not be read; the store bus starts without them');
        }
      }
      if (damaged > 0) log.warn({ event: 'store_bus_retained_damaged', file, lines: damaged }, 'lines of the saved retained messages could not be read; the others were restored');
      if (overCap > 0) log.warn({ event: 'store_bus_retained_over_cap', file, messages: overCap, maxBytes: options.maxRetainedBytes ?? MAX_RETAINED_BYTES }, 'saved retained messages beyond the limit were not restored');
      // Compacted before anything is appended: the log holds one line per topic after each start.
      await compact();
      for (const [topic, kept] of retained.kept) {
        await storeInMemory({ cmd: 'publish', topic, payload: kept.payload, qos: kept.qos, retain: true, dup: false, brokerId, brokerCounter: 0 } as RetainedPacket);
      }
      if (retained.kept.size > 0) log.info({ event: 'store_bus_retained_restored', messages: retained.kept.size }, 'retained messages from before the restart restored');
      return retained.kept.size;
    },
    async close() {
      closed = true;
      await compacting;
      const last = writer;
      writer = undefined;
      if (!last) return;
      last.end();
      await finished(last).catch(() => undefined);
    },
  };
}
