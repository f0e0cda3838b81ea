// Pure: printer bytes → what a printer would do with them (printed lines with their style,
// QR codes, cuts, status requests). Incremental, so the printer simulator can feed it
// bytes as they arrive; tests use `decodeReceipt` to read a whole job back as text.
// Covers the commands our encoder and node-thermal-printer emit, for ESC/POS (EPSON)
// and STAR line mode; anything else is reported, never silently guessed.
import iconv from 'iconv-lite';
import type { RealtimeRequest } from './status';

export type Dialect = 'epson' | 'star';

export interface PrintedLine {
  text: string;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  large: boolean;
}

export type PrinterEvent =
  | { type: 'line'; line: PrintedLine }
  | { type: 'qr'; data: string }
  | { type: 'cut' }
  | { type: 'init' }
  | { type: 'realtime_status'; n: RealtimeRequest }
  | { type: 'clear_buffers' }
  | { type: 'status_request'; n: number }
  | { type: 'asb'; mask: number }
  | { type: 'unknown'; bytes: number[] };

const epsonCodePages: Record<number, string> = { 0: 'CP437', 2: 'CP850', 16: 'windows-1252', 19: 'CP858' };
const starCodePages: Record<number, string> = { 1: 'CP437', 4: 'CP858', 32: 'windows-1252' };

type Parse = { length: number; events?: PrinterEvent[] } | 'more' | undefined;

export class EscPosInterpreter {
  private pending: number[] = [];
  private text: number[] = [];
  private align: PrintedLine['align'] = 'left';
  private bold = false;
  private large = false;
  private codePage: string;
  private qrData = '';

  constructor(readonly dialect: Dialect = 'epson') {
    this.codePage = dialect === 'star' ? 'CP437' : 'CP437';
  }

  /** Feeds bytes; returns what happened. A command split across calls waits for its rest. */
  push(bytes: Uint8Array): PrinterEvent[] {
    for (const byte of bytes) this.pending.push(byte);
    const events: PrinterEvent[] = [];
    let offset = 0;
    while (offset < this.pending.length) {
      const byte = this.pending[offset]!;
      if (byte >= 0x20) {
        this.text.push(byte);
        offset += 1;
        continue;
      }
      const parsed = this.command(offset);
      if (parsed === 'more') break;
      if (parsed === undefined) {
        events.push({ type: 'unknown', bytes: [byte] });
        offset += 1;
        continue;
      }
      if (parsed.events) events.push(...parsed.events);
      offset += parsed.length;
    }
    this.pending = this.pending.slice(offset);
    return events;
  }

  /** Text received but not yet ended by a line feed. */
  get unfinishedText(): string {
    return iconv.decode(Buffer.from(this.text), this.codePage);
  }

  private flushLine(): PrinterEvent {
    const line: PrintedLine = { text: iconv.decode(Buffer.from(this.text), this.codePage), align: this.align, bold: this.bold, large: this.large };
    this.text = [];
    return { type: 'line', line };
  }

  private reset(): void {
    this.align = 'left';
    this.bold = false;
    this.large = false;
    this.codePage = 'CP437';
  }

  private setCodePage(table: Record<number, string>, n: number): PrinterEvent[] | undefined {
    const page = table[n];
    if (!page) return [{ type: 'unknown', bytes: [n] }];
    this.codePage = page;
    return undefined;
  }

  private command(offset: number): Parse {
    const at = (i: number): number | undefined => this.pending[offset + i];
    const need = (count: number): boolean => this.pending.length - offset >= count;
    const first = at(0)!;
    switch (first) {
      case 0x0a:
        return { length: 1, events: [this.flushLine()] };
      case 0x0d:
        return { length: 1 };
      case 0x09:
        this.text.push(0x20);
        return { length: 1 };
      case 0x0b:
        // STAR: vertical tab (feed); node-thermal-printer uses it before a cut.
        return this.dialect === 'star' ? { length: 1 } : undefined;
      case 0x10: {
        if (!need(2)) return 'more';
        if (at(1) === 0x04) {
          if (!need(3)) return 'more';
          const n = at(2)!;
          return n >= 1 && n <= 4 ? { length: 3, events: [{ type: 'realtime_status', n: n as RealtimeRequest }] } : { length: 3, events: [{ type: 'unknown', bytes: [0x10, 0x04, n] }] };
        }
        if (at(1) === 0x14) {
          if (!need(3)) return 'more';
          if (at(2) === 0x08) return need(10) ? { length: 10, events: [{ type: 'clear_buffers' }] } : 'more';
          return need(5) ? { length: 5 } : 'more';
        }
        if (at(1) === 0x05) return need(3) ? { length: 3 } : 'more';
        return undefined;
      }
      case 0x1b:
        return this.dialect === 'star' ? this.starEsc(offset) : this.epsonEsc(offset);
      case 0x1d:
        return this.dialect === 'star' ? undefined : this.epsonGs(offset);
      default:
        return undefined;
    }
  }

  private epsonEsc(offset: number): Parse {
    const at = (i: number): number | undefined => this.pending[offset + i];
    const need = (count: number): boolean => this.pending.length - offset >= count;
    if (!need(2)) return 'more';
    const command = String.fromCharCode(at(1)!);
    switch (command) {
      case '@':
        this.reset();
        return { length: 2, events: [{ type: 'init' }] };
      case '2':
        return { length: 2 };
      case 't':
        if (!need(3)) return 'more';
        return { length: 3, events: this.setCodePage(epsonCodePages, at(2)!) };
      case 'E':
        if (!need(3)) return 'more';
        this.bold = (at(2)! & 1) === 1;
        return { length: 3 };
      case '!':
        if (!need(3)) return 'more';
        this.bold = (at(2)! & 0x08) !== 0;
        this.large = (at(2)! & 0x30) !== 0;
        return { length: 3 };
      case 'a':
        if (!need(3)) return 'more';
        this.align = (['left', 'center', 'right'] as const)[at(2)! % 48] ?? 'left';
        return { length: 3 };
      case 'd': {
        if (!need(3)) return 'more';
        const events: PrinterEvent[] = [];
        if (this.text.length > 0) events.push(this.flushLine());
        return { length: 3, events };
      }
      case '-': case 'M': case 'G': case '{': case 'R': case '3': case 'J': case 'V': case 'r': case ' ': case 'U':
        return need(3) ? { length: 3 } : 'more';
      case 'c':
        return need(4) ? { length: 4 } : 'more';
      case 'p':
        return need(5) ? { length: 5 } : 'more';
      default:
        return undefined;
    }
  }

  private epsonGs(offset: number): Parse {
    const at = (i: number): number | undefined => this.pending[offset + i];
    const need = (count: number): boolean => this.pending.length - offset >= count;
    if (!need(2)) return 'more';
    const command = String.fromCharCode(at(1)!);
    switch (command) {
      case '!':
        if (!need(3)) return 'more';
        this.large = at(2)! !== 0;
        return { length: 3 };
      case 'V': {
        if (!need(3)) return 'more';
        const m = at(2)!;
        const events: PrinterEvent[] = this.text.length > 0 ? [this.flushLine(), { type: 'cut' }] : [{ type: 'cut' }];
        if ([0, 1, 48, 49].includes(m)) return { length: 3, events };
        return need(4) ? { length: 4, events } : 'more';
      }
      case 'a':
        return need(3) ? { length: 3, events: [{ type: 'asb', mask: at(2)! }] } : 'more';
      case 'r':
        return need(3) ? { length: 3, events: [{ type: 'status_request', n: at(2)! }] } : 'more';
      case 'B': case 'H': case 'f': case 'h': case 'w': case 'b':
        return need(3) ? { length: 3 } : 'more';
      case 'L': case 'W':
        return need(4) ? { length: 4 } : 'more';
      case '(': {
        if (!need(5)) return 'more';
        const size = at(3)! | (at(4)! << 8);
        if (!need(5 + size)) return 'more';
        if (at(2) === 0x6b && at(5) === 0x31) {
          const fn = at(6);
          if (fn === 0x50) {
            this.qrData = Buffer.from(this.pending.slice(offset + 8, offset + 5 + size)).toString('latin1');
            return { length: 5 + size };
          }
          if (fn === 0x51) return { length: 5 + size, events: [{ type: 'qr', data: this.qrData }] };
        }
        return { length: 5 + size };
      }
      default:
        return undefined;
    }
  }

  private starEsc(offset: number): Parse {
    const at = (i: number): number | undefined => this.pending[offset + i];
    const need = (count: number): boolean => this.pending.length - offset >= count;
    if (!need(2)) return 'more';
    const second = at(1)!;
    if (second === 0x1d) {
      if (!need(3)) return 'more';
      const command = String.fromCharCode(at(2)!);
      if (command === 'a') {
        if (!need(4)) return 'more';
        this.align = (['left', 'center', 'right'] as const)[at(3)!] ?? 'left';
        return { length: 4 };
      }
      if (command === 't') return need(4) ? { length: 4, events: this.setCodePage(starCodePages, at(3)!) } : 'more';
      if (command === 'y') {
        if (!need(4)) return 'more';
        const sub = String.fromCharCode(at(3)!);
        if (sub === 'S') return need(6) ? { length: 6 } : 'more';
        if (sub === 'P') return { length: 4, events: [{ type: 'qr', data: this.qrData }] };
        if (sub === 'D') {
          if (!need(8)) return 'more';
          const size = at(6)! | (at(7)! << 8);
          if (!need(8 + size)) return 'more';
          this.qrData = Buffer.from(this.pending.slice(offset + 8, offset + 8 + size)).toString('latin1');
          return { length: 8 + size };
        }
      }
      return undefined;
    }
    const command = String.fromCharCode(second);
    switch (command) {
      case '@':
        this.reset();
        return { length: 2, events: [{ type: 'init' }] };
      case 'E':
        this.bold = true;
        return { length: 2 };
      case 'F':
        this.bold = false;
        return { length: 2 };
      case 'i':
        if (!need(4)) return 'more';
        this.large = at(2)! !== 0 || at(3)! !== 0;
        return { length: 4 };
      case 'd': {
        if (!need(3)) return 'more';
        const events: PrinterEvent[] = this.text.length > 0 ? [this.flushLine(), { type: 'cut' }] : [{ type: 'cut' }];
        return { length: 3, events };
      }
      case '-': case 'a': case '3': case 'J': case 'R':
        return need(3) ? { length: 3 } : 'more';
      default:
        return undefined;
    }
  }
}

export interface DecodedReceipt {
  lines: PrintedLine[];
  qrCodes: string[];
  cut: boolean;
  unknown: number[][];
  /** The lines as plain text, trailing spaces removed. */
  text: string[];
}

/** Decodes a whole job (tests, simulator capture). */
export function decodeReceipt(bytes: Uint8Array, dialect: Dialect = 'epson'): DecodedReceipt {
  const interpreter = new EscPosInterpreter(dialect);
  const result: DecodedReceipt = { lines: [], qrCodes: [], cut: false, unknown: [], text: [] };
  for (const event of interpreter.push(bytes)) {
    if (event.type === 'line') result.lines.push(event.line);
    else if (event.type === 'qr') result.qrCodes.push(event.data);
    else if (event.type === 'cut') result.cut = true;
    else if (event.type === 'unknown') result.unknown.push(event.bytes);
  }
  result.text = result.lines.map((line) => line.text.trimEnd());
  return result;
}
