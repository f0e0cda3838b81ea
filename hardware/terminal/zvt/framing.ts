// ZVT serial transport framing: DLE STX <APDU with every DLE doubled> DLE ETX CRC-lo CRC-hi.
// The receiver answers each frame with ACK (06) or NAK (15). Pure: bytes in, events out.
import { crc16Zvt } from './crc';

export const DLE = 0x10;
export const STX = 0x02;
export const ETX = 0x03;
export const ACK = 0x06;
export const NAK = 0x15;

export function encodeFrame(apdu: Uint8Array): Buffer {
  const stuffed: number[] = [DLE, STX];
  for (const byte of apdu) {
    stuffed.push(byte);
    if (byte === DLE) stuffed.push(DLE);
  }
  const crc = crc16Zvt(Buffer.concat([apdu, Buffer.from([ETX])]));
  stuffed.push(DLE, ETX, crc & 0xff, crc >>> 8);
  return Buffer.from(stuffed);
}

export type FrameEvent =
  | { type: 'frame'; apdu: Buffer }
  | { type: 'ack' }
  | { type: 'nak' }
  /** A frame that arrived damaged: the receiver must answer NAK. */
  | { type: 'bad_frame'; reason: string }
  /** A byte outside any frame that is neither ACK nor NAK (line noise); ignored. */
  | { type: 'noise'; byte: number };

type State = 'idle' | 'after_dle_idle' | 'body' | 'body_dle' | 'crc1' | 'crc2';

/**
 * Incremental decoder. Bytes may arrive in any split; a frame cut short stays
 * pending (`inFrame`) until the caller's inter-byte timeout calls `abandon()`.
 */
export class FrameDecoder {
  private state: State = 'idle';
  private body: number[] = [];
  private crcLow = 0;

  get inFrame(): boolean {
    return this.state !== 'idle' && this.state !== 'after_dle_idle';
  }

  push(bytes: Uint8Array): FrameEvent[] {
    const events: FrameEvent[] = [];
    for (const byte of bytes) {
      const event = this.step(byte);
      if (event) events.push(event);
    }
    return events;
  }

  /** Gives up on a frame cut short; returns the event the caller should act on (NAK). */
  abandon(): FrameEvent | undefined {
    if (!this.inFrame) return undefined;
    this.reset();
    return { type: 'bad_frame', reason: 'frame truncated (no DLE ETX and CRC before the inter-byte timeout)' };
  }

  reset(): void {
    this.state = 'idle';
    this.body = [];
  }

  private step(byte: number): FrameEvent | undefined {
    switch (this.state) {
      case 'idle':
        if (byte === DLE) {
          this.state = 'after_dle_idle';
          return undefined;
        }
        if (byte === ACK) return { type: 'ack' };
        if (byte === NAK) return { type: 'nak' };
        return { type: 'noise', byte };
      case 'after_dle_idle':
        if (byte === STX) {
          this.state = 'body';
          this.body = [];
          return undefined;
        }
        this.state = 'idle';
        return { type: 'noise', byte };
      case 'body':
        if (byte === DLE) this.state = 'body_dle';
        else this.body.push(byte);
        return undefined;
      case 'body_dle':
        if (byte === DLE) {
          this.body.push(DLE);
          this.state = 'body';
          return undefined;
        }
        if (byte === ETX) {
          this.state = 'crc1';
          return undefined;
        }
        if (byte === STX) {
          // A new frame started inside the old one: the old one is lost.
          this.body = [];
          this.state = 'body';
          return { type: 'bad_frame', reason: 'DLE STX inside a frame (previous frame cut off)' };
        }
        this.reset();
        return { type: 'bad_frame', reason: `DLE followed by 0x${byte.toString(16).padStart(2, '0')} inside a frame (a DLE must be doubled)` };
      case 'crc1':
        this.crcLow = byte;
        this.state = 'crc2';
        return undefined;
      case 'crc2': {
        const apdu = Buffer.from(this.body);
        this.reset();
        const received = this.crcLow | (byte << 8);
        const expected = crc16Zvt(Buffer.concat([apdu, Buffer.from([ETX])]));
        if (received !== expected) {
          return { type: 'bad_frame', reason: `CRC mismatch (got 0x${received.toString(16).padStart(4, '0')}, expected 0x${expected.toString(16).padStart(4, '0')})` };
        }
        return { type: 'frame', apdu };
      }
    }
  }
}
