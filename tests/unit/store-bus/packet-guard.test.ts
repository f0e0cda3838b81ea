// The packet guard's way out: what the broker writes in one go (a packet in pieces, a burst of
// packets) reaches the client's connection as one write, whole and in order.
import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { GuardedConnection } from '../../../electron/host/store-bus/packet-guard';

/** A client connection that records every write it is given and completes it on the next turn. */
class RecordingConnection extends Duplex {
  readonly writes: Buffer[] = [];
  override _read(): void {}
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.writes.push(chunk);
    setImmediate(callback);
  }
}

const limits = { beforeSignInBytes: 1024, beforeSignInTotalBytes: 4096, signedInBytes: 1024 * 1024 };
const guarded = () => {
  const connection = new RecordingConnection();
  const guard = new GuardedConnection(connection, limits, { onRefused: () => undefined, onSignedIn: () => undefined });
  return { connection, guard };
};
const flushed = (guard: GuardedConnection) => new Promise<void>((resolve) => guard.write(Buffer.alloc(0), () => resolve()));

describe('packet guard writes', () => {
  it('sends pieces written while corked (as mqtt-packet writes a packet) in one write', async () => {
    const { connection, guard } = guarded();
    guard.cork();
    for (const piece of ['\x30', '\x0a', 'topic', 'body']) guard.write(Buffer.from(piece, 'binary'));
    process.nextTick(() => guard.uncork());
    await flushed(guard);
    expect(connection.writes.filter((write) => write.length > 0)).toEqual([Buffer.from('\x30\x0atopicbody', 'binary')]);
  });

  it('sends what piles up behind a write in progress together, in order', async () => {
    const { connection, guard } = guarded();
    const packets = Array.from({ length: 50 }, (_, index) => Buffer.from(`packet-${index};`));
    for (const packet of packets) guard.write(packet);
    await flushed(guard);
    const written = connection.writes.filter((write) => write.length > 0);
    expect(Buffer.concat(written).toString()).toBe(Buffer.concat(packets).toString());
    // The first goes at once; the 49 that waited for it go as one.
    expect(written).toHaveLength(2);
  });
});
