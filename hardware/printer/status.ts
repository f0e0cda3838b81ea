// ESC/POS printer status, pure. Three kinds of bytes come back from a printer:
//   DLE EOT n (10 04 n) real-time replies: one byte, bit 1 and bit 4 set, bits 0 and 7 clear;
//   Automatic Status Back (after GS a n): 4 bytes, first byte with bits 0, 1, 7 clear and bit 4 set;
//   GS r 1 (non-real-time, queued behind print data; we use it as an end-of-job marker): one byte with bits 4 and 7 clear.
// The fixed bits tell them apart, so a stream mixing them can be split without guessing.

export interface PrinterStatus {
  online: boolean;
  coverOpen: boolean;
  paperEnd: boolean;
  paperNearEnd: boolean;
  /** Printing stopped because the paper ran out (DLE EOT 2 bit 5). */
  stoppedByPaperEnd: boolean;
  /** An error occurred (DLE EOT 2 bit 6). */
  errorOccurred: boolean;
  autocutterError: boolean;
  unrecoverableError: boolean;
  autoRecoverableError: boolean;
}

export class PrinterStatusError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrinterStatusError';
  }
}

const bit = (byte: number, n: number): boolean => (byte & (1 << n)) !== 0;
const byteHex = (byte: number): string => `0x${byte.toString(16).padStart(2, '0')}`;

export type RealtimeRequest = 1 | 2 | 3 | 4;

/** DLE EOT n request bytes. */
export const dleEot = (n: RealtimeRequest): Buffer => Buffer.from([0x10, 0x04, n]);
/** GS a n: Automatic Status Back for drawer, online/offline, error and paper sensor changes. */
export const enableAsb = (): Buffer => Buffer.from([0x1d, 0x61, 0x0f]);
/**
 * DLE DC4 8 (fn 8, d1..d7 = 1 3 20 1 6 2 8): clears the receive and print buffers in real time,
 * so the unprinted rest of a job interrupted by a paper end is not printed after the refill.
 * The printer answers 37 25 00.
 */
export const clearBuffers = (): Buffer => Buffer.from([0x10, 0x14, 0x08, 0x01, 0x03, 0x14, 0x01, 0x06, 0x02, 0x08]);
export const clearBuffersReply = (): Buffer => Buffer.from([0x37, 0x25, 0x00]);

/** GS r 1: paper sensor status, answered only after all data before it has been processed. */
export const endOfJobMarker = (): Buffer => Buffer.from([0x1d, 0x72, 0x01]);

export const isRealtimeReplyByte = (byte: number): boolean => (byte & 0x93) === 0x12;
export const isAsbFirstByte = (byte: number): boolean => (byte & 0x93) === 0x10;
export const isGsRReplyByte = (byte: number): boolean => (byte & 0x90) === 0x00;

/** Parses the one-byte reply to DLE EOT n into the fields that request reports. */
export function parseRealtimeStatus(n: RealtimeRequest, byte: number | undefined): Partial<PrinterStatus> {
  if (byte === undefined) throw new PrinterStatusError(`DLE EOT ${n}: no reply byte`);
  if (!Number.isInteger(byte) || byte < 0 || byte > 0xff) throw new PrinterStatusError(`DLE EOT ${n}: ${byte} is not a byte`);
  if (!isRealtimeReplyByte(byte)) {
    throw new PrinterStatusError(`DLE EOT ${n}: malformed reply ${byteHex(byte)} (bits 1 and 4 must be set, bits 0 and 7 clear)`);
  }
  switch (n) {
    case 1:
      return { online: !bit(byte, 3) };
    case 2:
      return { coverOpen: bit(byte, 2), stoppedByPaperEnd: bit(byte, 5), errorOccurred: bit(byte, 6) };
    case 3:
      return { autocutterError: bit(byte, 3), unrecoverableError: bit(byte, 5), autoRecoverableError: bit(byte, 6) };
    case 4:
      // Near end and paper end are each reported by two bits (2+3, 5+6); either bit set counts.
      return { paperNearEnd: bit(byte, 2) || bit(byte, 3), paperEnd: bit(byte, 5) || bit(byte, 6) };
  }
}

/** Parses an Automatic Status Back message (exactly 4 bytes). */
export function parseAsb(bytes: Uint8Array): PrinterStatus {
  if (bytes.length !== 4) throw new PrinterStatusError(`ASB: expected 4 bytes, got ${bytes.length}`);
  const [first, second, third, fourth] = bytes as unknown as [number, number, number, number];
  if (!isAsbFirstByte(first)) throw new PrinterStatusError(`ASB: malformed first byte ${byteHex(first)} (bits 0, 1, 7 must be clear, bit 4 set)`);
  for (const [index, value] of [[2, second], [3, third], [4, fourth]] as const) {
    if ((value & 0x90) !== 0) throw new PrinterStatusError(`ASB: malformed byte ${index} ${byteHex(value)} (bits 4 and 7 must be clear)`);
  }
  const paperEnd = (third & 0x0c) !== 0;
  return {
    online: !bit(first, 3),
    coverOpen: bit(first, 5),
    paperNearEnd: (third & 0x03) !== 0,
    paperEnd,
    stoppedByPaperEnd: paperEnd && bit(first, 3),
    errorOccurred: bit(second, 2) || bit(second, 3) || bit(second, 5) || bit(second, 6),
    autocutterError: bit(second, 3),
    unrecoverableError: bit(second, 5),
    autoRecoverableError: bit(second, 6),
  };
}

/** Builds an ASB message (the simulator's side of the same layout). */
export function encodeAsb(status: PrinterStatus): Buffer {
  const first = 0x10 | (status.online ? 0 : 0x08) | (status.coverOpen ? 0x20 : 0);
  const second = (status.autocutterError ? 0x08 : 0) | (status.unrecoverableError ? 0x20 : 0) | (status.autoRecoverableError ? 0x40 : 0);
  const third = (status.paperNearEnd ? 0x03 : 0) | (status.paperEnd ? 0x0c : 0);
  return Buffer.from([first, second, third, 0x00]);
}

/** Builds the DLE EOT n reply byte (the simulator's side). */
export function encodeRealtimeStatus(n: RealtimeRequest, status: PrinterStatus): number {
  const base = 0x12;
  switch (n) {
    case 1:
      return base | (status.online ? 0 : 0x08);
    case 2:
      return base | (status.coverOpen ? 0x04 : 0) | (status.stoppedByPaperEnd ? 0x20 : 0) | (status.errorOccurred ? 0x40 : 0);
    case 3:
      return base | (status.autocutterError ? 0x08 : 0) | (status.unrecoverableError ? 0x20 : 0) | (status.autoRecoverableError ? 0x40 : 0);
    case 4:
      return base | (status.paperNearEnd ? 0x0c : 0) | (status.paperEnd ? 0x60 : 0);
  }
}

/** GS r 1 reply: paper near end in bits 0+1, paper end in bits 2+3. */
export function parseGsRPaperStatus(byte: number): { paperNearEnd: boolean; paperEnd: boolean } {
  if (!isGsRReplyByte(byte)) throw new PrinterStatusError(`GS r 1: malformed reply ${byteHex(byte)} (bits 4 and 7 must be clear)`);
  return { paperNearEnd: (byte & 0x03) !== 0, paperEnd: (byte & 0x0c) !== 0 };
}

export const normalStatus = (): PrinterStatus => ({
  online: true,
  coverOpen: false,
  paperEnd: false,
  paperNearEnd: false,
  stoppedByPaperEnd: false,
  errorOccurred: false,
  autocutterError: false,
  unrecoverableError: false,
  autoRecoverableError: false,
});

/** What the kiosk must know before taking a payment. */
export type PrinterProblem = 'offline' | 'cover_open' | 'paper_end' | 'error' | 'unreachable';

export function problemOf(status: PrinterStatus): PrinterProblem | undefined {
  if (status.coverOpen) return 'cover_open';
  if (status.paperEnd || status.stoppedByPaperEnd) return 'paper_end';
  if (status.unrecoverableError || status.autocutterError || status.errorOccurred || status.autoRecoverableError) return 'error';
  if (!status.online) return 'offline';
  return undefined;
}

export const problemText: Record<PrinterProblem, string> = {
  offline: 'the printer is offline',
  cover_open: 'the printer cover is open',
  paper_end: 'the printer is out of paper',
  error: 'the printer reports an error (cutter or mechanism)',
  unreachable: 'the printer does not answer',
};

// ---------------------------------------------------------------- splitting a reply stream

export type ExpectedReply = { kind: 'realtime'; n: RealtimeRequest } | { kind: 'gs_r' } | { kind: 'clear_buffers' };

export type ReplyEvent =
  | { type: 'realtime'; n: RealtimeRequest; byte: number; status: Partial<PrinterStatus> }
  | { type: 'gs_r'; byte: number; paper: { paperNearEnd: boolean; paperEnd: boolean } }
  | { type: 'asb'; status: PrinterStatus }
  | { type: 'buffers_cleared' }
  | { type: 'malformed'; bytes: number[]; reason: string };

/**
 * Splits bytes from the printer into replies. `expect()` registers an outstanding request
 * (replies come in request order); unsolicited ASB messages may arrive at any point.
 */
export class PrinterReplyParser {
  private readonly expected: ExpectedReply[] = [];
  private asb: number[] = [];
  private clearReply: number[] = [];

  expect(reply: ExpectedReply): void {
    this.expected.push(reply);
  }

  /** Forgets an outstanding request whose reply did not come (timeout). */
  forget(reply: ExpectedReply): void {
    const index = this.expected.indexOf(reply);
    if (index >= 0) this.expected.splice(index, 1);
  }

  /** Forgets partial messages and outstanding requests (after the line was reconnected). */
  reset(): void {
    this.expected.splice(0);
    this.asb = [];
    this.clearReply = [];
  }

  get pendingAsbBytes(): number {
    return this.asb.length;
  }

  /** Drops an ASB message cut short (call after an inter-byte timeout). */
  abandon(): ReplyEvent | undefined {
    if (this.asb.length === 0) return undefined;
    const bytes = this.asb;
    this.asb = [];
    return { type: 'malformed', bytes, reason: `ASB cut short after ${bytes.length} of 4 bytes` };
  }

  push(bytes: Uint8Array): ReplyEvent[] {
    const events: ReplyEvent[] = [];
    for (const byte of bytes) {
      if (this.clearReply.length > 0) {
        this.clearReply.push(byte);
        if (this.clearReply.length === 3) {
          const reply = this.clearReply;
          this.clearReply = [];
          if (reply[1] === 0x25 && reply[2] === 0x00) events.push({ type: 'buffers_cleared' });
          else events.push({ type: 'malformed', bytes: reply, reason: 'bad reply to DLE DC4 8 (expected 37 25 00)' });
        }
        continue;
      }
      if (this.asb.length > 0) {
        this.asb.push(byte);
        if (this.asb.length === 4) {
          const message = this.asb;
          this.asb = [];
          try {
            events.push({ type: 'asb', status: parseAsb(Uint8Array.from(message)) });
          } catch (error) {
            events.push({ type: 'malformed', bytes: message, reason: (error as Error).message });
          }
        }
        continue;
      }
      if (isAsbFirstByte(byte)) {
        this.asb = [byte];
        continue;
      }
      const next = this.expected[0];
      if (next?.kind === 'clear_buffers' && byte === 0x37) {
        this.expected.shift();
        this.clearReply = [byte];
        continue;
      }
      if (next?.kind === 'realtime' && isRealtimeReplyByte(byte)) {
        this.expected.shift();
        events.push({ type: 'realtime', n: next.n, byte, status: parseRealtimeStatus(next.n, byte) });
        continue;
      }
      if (next?.kind === 'gs_r' && isGsRReplyByte(byte)) {
        this.expected.shift();
        events.push({ type: 'gs_r', byte, paper: parseGsRPaperStatus(byte) });
        continue;
      }
      events.push({ type: 'malformed', bytes: [byte], reason: next ? `unexpected byte 0x${byte.toString(16).padStart(2, '0')} while waiting for ${next.kind === 'realtime' ? `DLE EOT ${next.n}` : next.kind === 'gs_r' ? 'GS r 1' : 'DLE DC4 8'}` : `unsolicited byte 0x${byte.toString(16).padStart(2, '0')}` });
    }
    return events;
  }
}
