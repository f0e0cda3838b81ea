import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { SerialPortMock } from 'serialport';
import { crc16Zvt } from '../../../hardware/terminal/zvt/crc';
import { ACK, DLE, encodeFrame, ETX, FrameDecoder, NAK, STX, type FrameEvent } from '../../../hardware/terminal/zvt/framing';
import { ZvtLink, ZvtLinkError } from '../../../hardware/terminal/zvt/link';
import { SerialLine } from '../../../hardware/serial/serial-line';

const bytes = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('ZVT CRC-16', () => {
  it('matches the CRC catalogue check value of the reflected CCITT polynomial (CRC-16/KERMIT: "123456789" → 0x2189)', () => {
    expect(crc16Zvt(Buffer.from('123456789', 'ascii'))).toBe(0x2189);
  });

  it('uses the same table as the ecrterm implementation (entry 1 = 0x1189, entry 255 = 0x0F78)', () => {
    expect(crc16Zvt(Buffer.from([0x01]))).toBe(0x1189);
    expect(crc16Zvt(Buffer.from([0xff]))).toBe(0x0f78);
  });

  it('is 0 for no data', () => {
    expect(crc16Zvt(Buffer.alloc(0))).toBe(0);
  });
});

describe('ZVT frame encoding', () => {
  it('wraps the APDU in DLE STX … DLE ETX with the CRC over APDU+ETX, low byte first', () => {
    const apdu = bytes('80 00 00');
    const crc = crc16Zvt(Buffer.concat([apdu, Buffer.from([ETX])]));
    expect(encodeFrame(apdu)).toEqual(Buffer.from([DLE, STX, 0x80, 0x00, 0x00, DLE, ETX, crc & 0xff, crc >> 8]));
  });

  it('doubles every DLE inside the APDU but computes the CRC over the unstuffed bytes', () => {
    const apdu = bytes('06 01 07 04 00 00 00 00 10 10');
    const frame = encodeFrame(apdu);
    expect(frame.subarray(2, 2 + 13)).toEqual(bytes('06 01 07 04 00 00 00 00 10 10 10 10 10'));
    const crc = crc16Zvt(Buffer.concat([apdu, Buffer.from([ETX])]));
    expect(frame.subarray(-2)).toEqual(Buffer.from([crc & 0xff, crc >> 8]));
  });
});

describe('ZVT frame decoding', () => {
  it('round-trips any APDU, whatever way the bytes are split on the line', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3, maxLength: 80 }), fc.array(fc.nat(), { maxLength: 6 }), (apdu, cuts) => {
        const frame = encodeFrame(apdu);
        const points = [...new Set(cuts.map((cut) => cut % frame.length))].sort((a, b) => a - b);
        const decoder = new FrameDecoder();
        const events: FrameEvent[] = [];
        let last = 0;
        for (const point of [...points, frame.length]) {
          events.push(...decoder.push(frame.subarray(last, point)));
          last = point;
        }
        expect(events).toEqual([{ type: 'frame', apdu: Buffer.from(apdu) }]);
        expect(decoder.inFrame).toBe(false);
      }),
    );
  });

  it('reports ACK and NAK outside frames, and ignores noise', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(Buffer.from([ACK, 0x41, NAK]))).toEqual([{ type: 'ack' }, { type: 'noise', byte: 0x41 }, { type: 'nak' }]);
  });

  it('rejects a frame whose CRC does not match (the receiver must answer NAK)', () => {
    const frame = encodeFrame(bytes('06 0f 00'));
    frame[frame.length - 1]! ^= 0xff;
    const [event] = new FrameDecoder().push(frame);
    expect(event).toMatchObject({ type: 'bad_frame', reason: expect.stringContaining('CRC mismatch') });
  });

  it('rejects a single DLE inside a frame (DLE must be doubled)', () => {
    const [event] = new FrameDecoder().push(Buffer.from([DLE, STX, 0x06, DLE, 0x41]));
    expect(event).toMatchObject({ type: 'bad_frame', reason: expect.stringContaining('must be doubled') });
  });

  it('drops a frame cut off by a new DLE STX and decodes the new one', () => {
    const good = encodeFrame(bytes('04 ff 01 0a'));
    const events = new FrameDecoder().push(Buffer.concat([Buffer.from([DLE, STX, 0x06, 0x01]), good]));
    expect(events[0]).toMatchObject({ type: 'bad_frame', reason: expect.stringContaining('cut off') });
    // the good frame's own DLE STX restarted the body; it decodes normally
    expect(events[1]).toEqual({ type: 'frame', apdu: bytes('04 ff 01 0a') });
  });

  it('keeps a truncated frame pending and reports it when abandoned after the inter-byte timeout', () => {
    const decoder = new FrameDecoder();
    const frame = encodeFrame(bytes('06 0f 00'));
    expect(decoder.push(frame.subarray(0, frame.length - 1))).toEqual([]);
    expect(decoder.inFrame).toBe(true);
    expect(decoder.abandon()).toMatchObject({ type: 'bad_frame', reason: expect.stringContaining('truncated') });
    expect(decoder.inFrame).toBe(false);
    expect(decoder.abandon()).toBeUndefined();
  });
});

/** The parts of @serialport/binding-mock's open port the tests use. */
type MockPortBinding = { emitData(data: Buffer): void; recording: Buffer };
const MockBinding = SerialPortMock.binding;

describe('ZVT link over a mock serial port', () => {
  const path = '/dev/ZVTMOCK';
  let line: SerialLine;
  let port: MockPortBinding;
  let link: ZvtLink;

  beforeEach(async () => {
    MockBinding.reset();
    MockBinding.createPort(path, { echo: false, record: true });
    line = await SerialLine.open({ path, baudRate: 9600, binding: MockBinding, device: 'card terminal', reconnect: false });
    port = line.bindingPort as MockPortBinding;
    link = new ZvtLink(line, { ackTimeoutMs: 200, interByteTimeoutMs: 50 });
  });

  afterEach(async () => {
    link.detach();
    await line.close();
  });

  const writes = (count: number) => vi.waitFor(() => expect(port.recording.length).toBeGreaterThanOrEqual(count), { interval: 5 });

  it('sends a frame and completes on ACK', async () => {
    const sending = link.send(bytes('06 00 00'));
    await writes(1);
    port.emitData(Buffer.from([ACK]));
    await sending;
    expect(port.recording).toEqual(encodeFrame(bytes('06 00 00')));
  });

  it('resends the same frame on NAK and succeeds on a later ACK', async () => {
    const frame = encodeFrame(bytes('06 b0 00'));
    const sending = link.send(bytes('06 b0 00'));
    await writes(frame.length);
    port.emitData(Buffer.from([NAK]));
    await writes(frame.length * 2);
    port.emitData(Buffer.from([ACK]));
    await sending;
    expect(port.recording).toEqual(Buffer.concat([frame, frame]));
  });

  it('gives up after two repeats (three NAKs, three transmissions in all) with an error naming the port', async () => {
    const frame = encodeFrame(bytes('05 01 03 00 00 00'));
    const sending = link.send(bytes('05 01 03 00 00 00'));
    const outcome = sending.catch((error: unknown) => error);
    for (let attempt = 1; attempt <= 3; attempt++) {
      await writes(frame.length * attempt);
      port.emitData(Buffer.from([NAK]));
    }
    const error = await outcome;
    expect(error).toBeInstanceOf(ZvtLinkError);
    expect((error as ZvtLinkError).kind).toBe('nak');
    expect((error as Error).message).toContain(path);
    expect(port.recording.length).toBe(frame.length * 3);
  });

  it('repeats a frame whose ACK does not come, and fails with no_ack after three transmissions', async () => {
    const frame = encodeFrame(bytes('06 00 00'));
    const error = await link.send(bytes('06 00 00')).catch((e: unknown) => e);
    expect((error as ZvtLinkError).kind).toBe('no_ack');
    expect((error as Error).message).toMatch(/no acknowledgement .* 3 times – is it switched on/);
    expect(port.recording).toEqual(Buffer.concat([frame, frame, frame]));
  });

  it('a frame whose first ACK is lost is repeated and completes on the ACK of the repeat', async () => {
    const frame = encodeFrame(bytes('06 00 00'));
    const sending = link.send(bytes('06 00 00'));
    await writes(frame.length * 2);
    port.emitData(Buffer.from([ACK]));
    await sending;
    expect(port.recording).toEqual(Buffer.concat([frame, frame]));
  });

  it('acknowledges a good incoming frame with ACK and queues its APDU', async () => {
    port.emitData(encodeFrame(bytes('04 ff 01 0a')));
    const apdu = await link.receiveApdu(500);
    expect(apdu).toMatchObject({ cls: 0x04, ins: 0xff, data: bytes('0a') });
    await writes(1);
    expect(port.recording).toEqual(Buffer.from([ACK]));
  });

  it('answers a damaged frame with NAK and does not queue it', async () => {
    const frame = encodeFrame(bytes('04 0f 02 27 00'));
    frame[4]! ^= 0x01;
    port.emitData(frame);
    await writes(1);
    expect(port.recording).toEqual(Buffer.from([NAK]));
    await expect(link.receiveApdu(50)).rejects.toMatchObject({ kind: 'timeout' });
  });

  it('answers a frame cut short with NAK after the inter-byte timeout', async () => {
    const frame = encodeFrame(bytes('06 0f 00'));
    port.emitData(frame.subarray(0, 5));
    await writes(1);
    expect(port.recording).toEqual(Buffer.from([NAK]));
  });

  it('answers a well-framed but malformed APDU (length mismatch) with NAK', async () => {
    port.emitData(encodeFrame(bytes('06 0f 05 00')));
    await writes(1);
    expect(port.recording).toEqual(Buffer.from([NAK]));
  });
});
