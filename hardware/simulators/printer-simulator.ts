// An ESC/POS receipt printer (EPSON command set) on the far end of a real serial line.
// It interprets the byte stream, captures printed documents, answers DLE EOT, GS r and
// DLE DC4 8, pushes Automatic Status Back, and can run out of paper or open its cover.
//
// Timing: a pty moves bytes at memory speed whatever the baud rate, so the simulator models
// the UART: each chunk is "received" when its last bit would have arrived at the configured
// baud rate (start bit + data bits + parity + stop bits per byte, back to back), and replies
// to requests are sent no earlier than that. Times are performance.now() milliseconds.
import { EventEmitter } from 'node:events';
import { SerialLine, type SerialLineConfig } from '../serial/serial-line';
import { EscPosInterpreter, type PrintedLine, type PrinterEvent } from '../printer/escpos-decoder';
import { clearBuffersReply, encodeAsb, encodeRealtimeStatus, normalStatus, type PrinterStatus } from '../printer/status';

export interface CapturedDocument {
  lines: PrintedLine[];
  text: string[];
  qrCodes: string[];
  /** False when the paper ran out (or the cover opened) before the cut. */
  complete: boolean;
  /** True for the rest of an interrupted job printed after a refill (what the kiosk must prevent). */
  continuation: boolean;
  /** Modelled receive time of the job's first and last byte (performance.now() ms). */
  firstByteAt: number;
  lastByteAt: number;
  bytes: number;
}

type HeldEvent = PrinterEvent & { at: number };

export class PrinterSimulator extends EventEmitter<{ document: [CapturedDocument]; status: [PrinterStatus] }> {
  private interpreter = new EscPosInterpreter('epson');
  private state: PrinterStatus = normalStatus();
  private paperLinesLeft = Number.POSITIVE_INFINITY;
  private wireFreeAt = 0;
  private asbEnabled = false;
  private current: CapturedDocument | undefined;
  private jobStartAt: number | undefined;
  private jobBytes = 0;
  private held: HeldEvent[] = [];
  private interruptedJob = false;
  private replyChain: Promise<void> = Promise.resolve();
  private readonly captured: CapturedDocument[] = [];
  private readonly bitsPerCharacter: number;

  private constructor(readonly line: SerialLine) {
    super();
    const { dataBits = 8, parity = 'none', stopBits = 1 } = line.options;
    this.bitsPerCharacter = 1 + dataBits + (parity === 'none' ? 0 : 1) + stopBits;
    line.on('data', (chunk) => this.receive(chunk));
    line.on('state', (state) => {
      // A command cut by the unplug is gone; the printer starts parsing afresh (its settings stay).
      if (state !== 'open') this.interpreter = new EscPosInterpreter('epson');
    });
  }

  static async open(port: SerialLineConfig): Promise<PrinterSimulator> {
    const line = await SerialLine.open({ ...port, device: 'simulated printer', reconnect: { initialDelayMs: 50, maxDelayMs: 500 }, watchIntervalMs: 200 });
    return new PrinterSimulator(line);
  }

  // ---------------------------------------------------------------- control API

  status(): PrinterStatus {
    return { ...this.state };
  }

  documents(): CapturedDocument[] {
    return [...this.captured];
  }

  lastDocument(): CapturedDocument | undefined {
    return this.captured.at(-1);
  }

  clearDocuments(): void {
    this.captured.splice(0);
  }

  setPaperNearEnd(nearEnd: boolean): void {
    this.update({ paperNearEnd: nearEnd });
  }

  /** Paper out now (before a job). */
  paperOut(): void {
    this.paperLinesLeft = 0;
    this.update({ paperEnd: true, paperNearEnd: true, online: false, stoppedByPaperEnd: true });
  }

  /** The roll ends after this many more printed lines (paper out mid-receipt). */
  runOutOfPaperAfter(lines: number): void {
    this.paperLinesLeft = lines;
  }

  /** New roll in, cover closed: back online; anything still buffered is printed (as a real printer would). */
  refill(): void {
    this.paperLinesLeft = Number.POSITIVE_INFINITY;
    this.update({ paperEnd: false, paperNearEnd: false, stoppedByPaperEnd: false, online: !this.state.coverOpen });
    this.resume();
  }

  openCover(): void {
    this.update({ coverOpen: true, online: false });
  }

  closeCover(): void {
    this.update({ coverOpen: false, online: !this.state.paperEnd });
    this.resume();
  }

  setCutterError(error: boolean): void {
    this.update({ autocutterError: error, errorOccurred: error, online: !error && !this.state.paperEnd && !this.state.coverOpen });
  }

  // ---------------------------------------------------------------- the device

  private canPrint(): boolean {
    return this.state.online && !this.state.paperEnd && !this.state.coverOpen;
  }

  private update(change: Partial<PrinterStatus>): void {
    const before = JSON.stringify(this.state);
    this.state = { ...this.state, ...change };
    if (JSON.stringify(this.state) === before) return;
    this.emit('status', this.status());
    if (this.asbEnabled) this.reply(encodeAsb(this.state), performance.now());
  }

  /** Sends bytes back no earlier than `at` (the modelled time the request was received). */
  private reply(bytes: Buffer, at: number): void {
    this.replyChain = this.replyChain.then(async () => {
      const wait = at - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await this.line.write(bytes).catch(() => undefined);
    });
  }

  private receive(chunk: Buffer): void {
    const now = performance.now();
    const start = Math.max(now, this.wireFreeAt);
    const end = start + (chunk.length * this.bitsPerCharacter * 1000) / this.line.baudRate;
    this.wireFreeAt = end;
    const events = this.interpreter.push(chunk);
    // A job starts with the first chunk that prints; status requests in between do not count.
    if (this.jobStartAt === undefined && (events.some((event) => event.type === 'line' || event.type === 'qr') || this.interpreter.unfinishedText)) {
      this.jobStartAt = start;
      this.jobBytes = 0;
    }
    this.jobBytes += chunk.length;
    for (const event of events) this.handle({ ...event, at: end });
  }

  private handle(event: HeldEvent): void {
    // Real-time commands are executed on receipt, even while offline.
    if (event.type === 'realtime_status') {
      this.reply(Buffer.from([encodeRealtimeStatus(event.n, this.state)]), event.at);
      return;
    }
    if (event.type === 'clear_buffers') {
      this.held = [];
      this.interruptedJob = false;
      this.reply(clearBuffersReply(), event.at);
      return;
    }
    if (!this.canPrint()) {
      this.held.push(event);
      return;
    }
    this.execute(event);
  }

  private resume(): void {
    const held = this.held;
    this.held = [];
    for (const event of held) {
      if (!this.canPrint()) {
        this.held.push(event);
        continue;
      }
      this.execute(event);
    }
  }

  private document(at: number): CapturedDocument {
    this.current ??= { lines: [], text: [], qrCodes: [], complete: false, continuation: this.interruptedJob, firstByteAt: this.jobStartAt ?? at, lastByteAt: at, bytes: 0 };
    return this.current;
  }

  private execute(event: HeldEvent): void {
    switch (event.type) {
      case 'line': {
        const document = this.document(event.at);
        document.lines.push(event.line);
        document.text.push(event.line.text.trimEnd());
        document.lastByteAt = event.at;
        this.paperLinesLeft -= 1;
        if (this.paperLinesLeft <= 0) {
          // The roll ends: the receipt is cut short, the printer stops and goes offline.
          document.complete = false;
          document.bytes = this.jobBytes;
          this.captured.push(document);
          this.current = undefined;
          this.interruptedJob = true;
          this.update({ paperEnd: true, paperNearEnd: true, stoppedByPaperEnd: true, online: false });
          this.emit('document', document);
        }
        return;
      }
      case 'qr':
        this.document(event.at).qrCodes.push(event.data);
        return;
      case 'cut': {
        const document = this.current;
        this.current = undefined;
        this.interruptedJob = false;
        if (!document) return;
        document.complete = !document.continuation;
        document.lastByteAt = event.at;
        document.bytes = this.jobBytes;
        this.jobStartAt = undefined;
        this.jobBytes = 0;
        this.captured.push(document);
        this.emit('document', document);
        return;
      }
      case 'status_request':
        // GS r 1/49: paper sensor; answered after everything before it was processed.
        if (event.n === 1 || event.n === 49) {
          const paper = (this.state.paperNearEnd ? 0x03 : 0) | (this.state.paperEnd ? 0x0c : 0);
          this.reply(Buffer.from([paper]), event.at);
        }
        return;
      case 'asb':
        this.asbEnabled = event.mask !== 0;
        if (this.asbEnabled) this.reply(encodeAsb(this.state), event.at);
        return;
      default:
        return;
    }
  }

  async close(): Promise<void> {
    await this.line.close();
  }
}
