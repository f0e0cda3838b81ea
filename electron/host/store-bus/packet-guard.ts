// Packet size limits in front of the broker's MQTT parser. The parser buffers a whole
// packet before it looks at it, so a CONNECT that declares 200 MB would be collected in
// memory before anyone checked a password. This stream reads only MQTT's fixed headers
// (type byte + remaining length) as bytes pass through, and ends the connection as soon
// as a packet declares more than allowed: small until the client has signed in, the
// largest topic payload (acl.ts) afterwards.
import { Duplex } from 'node:stream';

export interface PacketLimits {
  /** Largest packet before the client signed in (a CONNECT with its will). */
  beforeSignInBytes: number;
  /** All bytes a client may send before it signed in. */
  beforeSignInTotalBytes: number;
  /** Largest packet once signed in. */
  signedInBytes: number;
}

export class PacketTooLargeError extends Error {
  constructor(
    readonly declared: number,
    readonly limit: number,
    readonly signedIn: boolean,
  ) {
    super(`an MQTT packet declares ${declared} bytes; at most ${limit} are allowed ${signedIn ? '' : 'before signing in'}`.trim());
    this.name = 'PacketTooLargeError';
  }
}

type Phase = { kind: 'type' } | { kind: 'length'; value: number; multiplier: number; bytes: number } | { kind: 'body'; left: number };

/** Walks MQTT fixed headers across chunk boundaries; throws on a packet over the limit or a malformed length. */
export class PacketSizeMeter {
  private phase: Phase = { kind: 'type' };
  private received = 0;
  private signedIn = false;

  constructor(private readonly limits: PacketLimits) {}

  /** From now on the signed-in limit applies. */
  markSignedIn(): void {
    this.signedIn = true;
  }

  inspect(chunk: Buffer): void {
    if (!this.signedIn) {
      this.received += chunk.length;
      if (this.received > this.limits.beforeSignInTotalBytes) throw new PacketTooLargeError(this.received, this.limits.beforeSignInTotalBytes, false);
    }
    let offset = 0;
    while (offset < chunk.length) {
      const phase = this.phase;
      if (phase.kind === 'type') {
        offset += 1;
        this.phase = { kind: 'length', value: 0, multiplier: 1, bytes: 0 };
      } else if (phase.kind === 'length') {
        const byte = chunk[offset]!;
        offset += 1;
        phase.value += (byte & 0x7f) * phase.multiplier;
        phase.multiplier *= 128;
        phase.bytes += 1;
        if (byte & 0x80) {
          if (phase.bytes >= 4) throw new Error('malformed MQTT remaining length (more than 4 bytes)');
          continue;
        }
        const limit = this.signedIn ? this.limits.signedInBytes : this.limits.beforeSignInBytes;
        if (phase.value > limit) throw new PacketTooLargeError(phase.value, limit, this.signedIn);
        this.phase = phase.value === 0 ? { kind: 'type' } : { kind: 'body', left: phase.value };
      } else {
        const take = Math.min(phase.left, chunk.length - offset);
        offset += take;
        phase.left -= take;
        if (phase.left === 0) this.phase = { kind: 'type' };
      }
    }
  }
}

/**
 * A duplex over a client's connection (TCP socket or WebSocket stream) that the broker
 * reads from: bytes pass only after the meter saw their headers. A packet over the
 * limit destroys the connection with the reason; errors of the connection are kept
 * here so none reaches the process as an unhandled 'error'.
 */
export class GuardedConnection extends Duplex {
  private readonly meter: PacketSizeMeter;
  private signedIn = false;

  constructor(
    private readonly connection: Duplex,
    limits: PacketLimits,
    private readonly hooks: { onRefused(error: Error): void; onSignedIn(): void },
  ) {
    super();
    this.meter = new PacketSizeMeter(limits);
    connection.on('data', (chunk: Buffer) => {
      try {
        this.meter.inspect(chunk);
      } catch (error) {
        this.hooks.onRefused(error as Error);
        connection.destroy();
        this.destroy();
        return;
      }
      if (!this.push(chunk)) connection.pause();
    });
    connection.on('end', () => this.push(null));
    connection.on('error', () => this.destroy());
    connection.on('close', () => this.destroy());
  }

  /** The broker accepted the client's credentials: the signed-in packet limit applies from now on. */
  markSignedIn(): void {
    if (this.signedIn) return;
    this.signedIn = true;
    this.meter.markSignedIn();
    this.hooks.onSignedIn();
  }

  override _read(): void {
    this.connection.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.send(chunk, callback);
  }

  /**
   * What the broker wrote while the last write was on its way (a packet comes in several pieces:
   * header, topic, id, payload; a batch of PUBLISHes and PUBACKs in many) goes out as one write,
   * not one socket write and one wait per piece.
   */
  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.send(chunks.length === 1 ? chunks[0]!.chunk : Buffer.concat(chunks.map(({ chunk }) => chunk)), callback);
  }

  private send(bytes: Buffer, callback: (error?: Error | null) => void): void {
    if (this.connection.destroyed) return callback();
    this.connection.write(bytes, () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.connection.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.connection.destroy();
    callback(error);
  }
}
