import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  encodeAsb,
  encodeRealtimeStatus,
  normalStatus,
  parseAsb,
  parseGsRPaperStatus,
  parseRealtimeStatus,
  PrinterReplyParser,
  PrinterStatusError,
  problemOf,
  type PrinterStatus,
} from '../../../hardware/printer/status';

describe('DLE EOT replies (one byte, 0x12 when all is well)', () => {
  it('n=1 printer status: bit 3 = offline', () => {
    expect(parseRealtimeStatus(1, 0x12)).toEqual({ online: true });
    expect(parseRealtimeStatus(1, 0x1a)).toEqual({ online: false });
  });

  it('n=2 offline cause: bit 2 cover open, bit 5 stopped by paper end, bit 6 error', () => {
    expect(parseRealtimeStatus(2, 0x12)).toEqual({ coverOpen: false, stoppedByPaperEnd: false, errorOccurred: false });
    expect(parseRealtimeStatus(2, 0x16)).toMatchObject({ coverOpen: true });
    expect(parseRealtimeStatus(2, 0x32)).toMatchObject({ stoppedByPaperEnd: true });
    expect(parseRealtimeStatus(2, 0x52)).toMatchObject({ errorOccurred: true });
  });

  it('n=3 error cause: bit 3 autocutter, bit 5 unrecoverable, bit 6 auto-recoverable', () => {
    expect(parseRealtimeStatus(3, 0x12)).toEqual({ autocutterError: false, unrecoverableError: false, autoRecoverableError: false });
    expect(parseRealtimeStatus(3, 0x1a)).toMatchObject({ autocutterError: true });
    expect(parseRealtimeStatus(3, 0x32)).toMatchObject({ unrecoverableError: true });
    expect(parseRealtimeStatus(3, 0x52)).toMatchObject({ autoRecoverableError: true });
  });

  it('n=4 paper sensor: bits 2+3 near end, bits 5+6 paper end (either bit counts)', () => {
    expect(parseRealtimeStatus(4, 0x12)).toEqual({ paperNearEnd: false, paperEnd: false });
    expect(parseRealtimeStatus(4, 0x1e)).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(parseRealtimeStatus(4, 0x16)).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(parseRealtimeStatus(4, 0x72)).toEqual({ paperNearEnd: false, paperEnd: true });
    expect(parseRealtimeStatus(4, 0x7e)).toEqual({ paperNearEnd: true, paperEnd: true });
  });

  it('rejects bytes whose fixed bits are wrong, missing replies and non-bytes', () => {
    expect(() => parseRealtimeStatus(1, 0x00)).toThrow(PrinterStatusError);
    expect(() => parseRealtimeStatus(1, 0x13)).toThrow(/bits 1 and 4 must be set, bits 0 and 7 clear/);
    expect(() => parseRealtimeStatus(2, 0x92)).toThrow(/malformed/);
    expect(() => parseRealtimeStatus(4, 0x10)).toThrow(/malformed/);
    expect(() => parseRealtimeStatus(3, undefined)).toThrow(/no reply byte/);
    expect(() => parseRealtimeStatus(3, 256)).toThrow(/not a byte/);
  });
});

describe('Automatic Status Back (4 bytes)', () => {
  it('parses every status bit', () => {
    expect(parseAsb(Uint8Array.from([0x10, 0x00, 0x00, 0x00]))).toEqual(normalStatus());
    expect(parseAsb(Uint8Array.from([0x18, 0x00, 0x00, 0x00])).online).toBe(false);
    expect(parseAsb(Uint8Array.from([0x30, 0x00, 0x00, 0x00])).coverOpen).toBe(true);
    expect(parseAsb(Uint8Array.from([0x10, 0x08, 0x00, 0x00]))).toMatchObject({ autocutterError: true, errorOccurred: true });
    expect(parseAsb(Uint8Array.from([0x10, 0x20, 0x00, 0x00]))).toMatchObject({ unrecoverableError: true });
    expect(parseAsb(Uint8Array.from([0x10, 0x40, 0x00, 0x00]))).toMatchObject({ autoRecoverableError: true });
    expect(parseAsb(Uint8Array.from([0x10, 0x00, 0x03, 0x00]))).toMatchObject({ paperNearEnd: true, paperEnd: false });
    expect(parseAsb(Uint8Array.from([0x18, 0x00, 0x0c, 0x00]))).toMatchObject({ paperEnd: true, stoppedByPaperEnd: true, online: false });
  });

  it('rejects truncated messages and wrong fixed bits', () => {
    expect(() => parseAsb(Uint8Array.from([0x10, 0x00, 0x00]))).toThrow(/expected 4 bytes, got 3/);
    expect(() => parseAsb(Uint8Array.from([0x12, 0x00, 0x00, 0x00]))).toThrow(/first byte/);
    expect(() => parseAsb(Uint8Array.from([0x10, 0x10, 0x00, 0x00]))).toThrow(/byte 2/);
    expect(() => parseAsb(Uint8Array.from([0x10, 0x00, 0x80, 0x00]))).toThrow(/byte 3/);
    expect(() => parseAsb(Uint8Array.from([0x10, 0x00, 0x00, 0x10]))).toThrow(/byte 4/);
  });

  const statuses = fc.record({
    online: fc.boolean(),
    coverOpen: fc.boolean(),
    paperEnd: fc.boolean(),
    paperNearEnd: fc.boolean(),
    stoppedByPaperEnd: fc.boolean(),
    errorOccurred: fc.boolean(),
    autocutterError: fc.boolean(),
    unrecoverableError: fc.boolean(),
    autoRecoverableError: fc.boolean(),
  });

  it('what the simulator encodes, the kiosk parses (DLE EOT 1–4 and ASB)', () => {
    fc.assert(
      fc.property(statuses, (status: PrinterStatus) => {
        const merged = { ...normalStatus() };
        for (const n of [1, 2, 3, 4] as const) Object.assign(merged, parseRealtimeStatus(n, encodeRealtimeStatus(n, status)));
        expect(merged).toEqual(status);
        const asb = parseAsb(encodeAsb(status));
        expect({ ...asb, stoppedByPaperEnd: status.stoppedByPaperEnd, errorOccurred: status.errorOccurred }).toEqual(status);
      }),
    );
  });
});

describe('GS r 1 reply (end-of-job marker)', () => {
  it('reads near end (bits 0+1) and paper end (bits 2+3)', () => {
    expect(parseGsRPaperStatus(0x00)).toEqual({ paperNearEnd: false, paperEnd: false });
    expect(parseGsRPaperStatus(0x03)).toEqual({ paperNearEnd: true, paperEnd: false });
    expect(parseGsRPaperStatus(0x0c)).toEqual({ paperNearEnd: false, paperEnd: true });
    expect(() => parseGsRPaperStatus(0x12)).toThrow(/bits 4 and 7 must be clear/);
  });
});

describe('splitting a reply stream', () => {
  it('tells ASB messages from DLE EOT replies by their fixed bits, in any split', () => {
    const parser = new PrinterReplyParser();
    parser.expect({ kind: 'realtime', n: 4 });
    parser.expect({ kind: 'gs_r' });
    const stream = [0x10, 0x00, 0x03, 0x00, 0x1e, 0x18, 0x00, 0x0c, 0x00, 0x03];
    const events = [...parser.push(Uint8Array.from(stream.slice(0, 2))), ...parser.push(Uint8Array.from(stream.slice(2, 6))), ...parser.push(Uint8Array.from(stream.slice(6)))];
    expect(events.map((event) => event.type)).toEqual(['asb', 'realtime', 'asb', 'gs_r']);
    expect(events[1]).toMatchObject({ n: 4, status: { paperNearEnd: true, paperEnd: false } });
    expect(events[2]).toMatchObject({ status: { paperEnd: true, online: false } });
  });

  it('reports unexpected bytes and a truncated ASB as malformed instead of guessing', () => {
    const parser = new PrinterReplyParser();
    expect(parser.push(Uint8Array.from([0x12]))).toEqual([{ type: 'malformed', bytes: [0x12], reason: 'unsolicited byte 0x12' }]);
    parser.expect({ kind: 'realtime', n: 1 });
    expect(parser.push(Uint8Array.from([0x03]))[0]).toMatchObject({ type: 'malformed', reason: expect.stringContaining('waiting for DLE EOT 1') });
    expect(parser.push(Uint8Array.from([0x10, 0x00]))).toEqual([]);
    expect(parser.abandon()).toEqual({ type: 'malformed', bytes: [0x10, 0x00], reason: 'ASB cut short after 2 of 4 bytes' });
    // the outstanding DLE EOT 1 still gets its reply
    expect(parser.push(Uint8Array.from([0x1a]))).toEqual([{ type: 'realtime', n: 1, byte: 0x1a, status: { online: false } }]);
  });

  it('reads the 37 25 00 reply to DLE DC4 8 (clear buffers)', () => {
    const parser = new PrinterReplyParser();
    parser.expect({ kind: 'clear_buffers' });
    expect(parser.push(Uint8Array.from([0x37, 0x25]))).toEqual([]);
    expect(parser.push(Uint8Array.from([0x00]))).toEqual([{ type: 'buffers_cleared' }]);
  });

  it('forgets a request whose reply timed out', () => {
    const parser = new PrinterReplyParser();
    const request = { kind: 'realtime', n: 2 } as const;
    parser.expect(request);
    parser.forget(request);
    expect(parser.push(Uint8Array.from([0x12]))[0]).toMatchObject({ type: 'malformed' });
  });
});

describe('what blocks printing', () => {
  it('names the most useful problem first', () => {
    expect(problemOf(normalStatus())).toBeUndefined();
    expect(problemOf({ ...normalStatus(), paperNearEnd: true })).toBeUndefined();
    expect(problemOf({ ...normalStatus(), coverOpen: true, online: false })).toBe('cover_open');
    expect(problemOf({ ...normalStatus(), paperEnd: true, online: false })).toBe('paper_end');
    expect(problemOf({ ...normalStatus(), autocutterError: true })).toBe('error');
    expect(problemOf({ ...normalStatus(), online: false })).toBe('offline');
  });
});
