// The kiosk's receipt printer over a serial line: status (DLE EOT, Automatic Status Back)
// and print jobs that end 'printed' or 'failed' – never silently lost, never printed twice.
//
// How a job is confirmed: the job's bytes are followed by GS r 1. Unlike DLE EOT, GS r is not
// real-time: the printer answers it only after everything before it has been processed, so its
// answer marks the end of the job. If it does not come in time, DLE EOT tells why (paper end,
// cover open, offline); the printer's buffers are then cleared (DLE DC4 8) so the unprinted rest
// of the receipt does not come out after the paper is refilled.
//
// Why a job is never printed twice: the printer keeps no memory of jobs; the host's fsynced
// journal (electron/host/devices) is the one place that knows which tickets came out, and asks for
// a job again only as a reprint, which prints it whole, from the top, marked REPRINT.
import { EventEmitter } from 'node:events';
import { silentLogger, type Logger } from '../log';
import { SerialLine, type LineState, type SerialLineConfig } from '../serial/serial-line';
import { ReceiptEncoder, type PrinterModel } from './escpos-encoder';
import { layoutDocument } from './receipt-layout';
import type { PrintableDocument } from './receipt-model';
import {
  clearBuffers,
  dleEot,
  enableAsb,
  endOfJobMarker,
  normalStatus,
  PrinterReplyParser,
  problemOf,
  problemText,
  type ExpectedReply,
  type PrinterProblem,
  type PrinterStatus,
  type RealtimeRequest,
  type ReplyEvent,
} from './status';

export interface ReceiptPrinterOptions {
  model: PrinterModel;
  /** Characters per line (42 for 80 mm paper in font A). */
  width?: number;
  /** Deadline for each DLE EOT reply. */
  statusTimeoutMs?: number;
  /** Extra time, beyond the bytes' time on the wire, for the printer to finish a job. */
  printSlackMs?: number;
  /** Events (status changes, failed jobs); silent when not given. */
  log?: Logger;
}

export interface PrinterReadiness {
  canPrint: boolean;
  problem?: PrinterProblem;
  paperNearEnd: boolean;
  status?: PrinterStatus;
  message: string;
}

export interface PrintJob {
  /** Stable id, e.g. `${orderId}:receipt` (for the log). */
  jobId: string;
  document: PrintableDocument;
  /** Printed before (whole or in part): marked REPRINT at the top and the bottom. */
  reprint?: boolean;
}

export type PrintFailure = PrinterProblem | 'not_confirmed';

export interface PrintJobResult {
  jobId: string;
  outcome: 'printed' | 'failed';
  reason?: PrintFailure;
  message: string;
  /** True when bytes of this job reached the printer (so a retry is a reprint). */
  started: boolean;
  reprint: boolean;
  bytes: number;
  status?: PrinterStatus;
}

interface Waiter {
  expected: ExpectedReply;
  resolve: (event: ReplyEvent | undefined) => void;
}

export class ReceiptPrinter extends EventEmitter<{ status: [PrinterStatus]; line: [LineState] }> {
  private readonly parser = new PrinterReplyParser();
  private readonly waiters: Waiter[] = [];
  private readonly encoder: ReceiptEncoder;
  private chain: Promise<unknown> = Promise.resolve();
  private asbTimer: NodeJS.Timeout | undefined;
  private latest: PrinterStatus | undefined;
  private stopWaitingForJob: (() => void) | undefined;
  private readonly statusTimeoutMs: number;
  private readonly log: Logger;
  private readonly onData = (chunk: Buffer): void => this.receive(chunk);
  private readonly onState = (state: LineState): void => {
    if (state !== 'open') {
      // Bytes of a message cut by the unplug must not be glued to what comes after the replug.
      clearTimeout(this.asbTimer);
      this.parser.reset();
      for (const waiter of this.waiters.splice(0)) waiter.resolve(undefined);
    }
    this.emit('line', state);
    if (state === 'open') this.line.write(enableAsb()).catch(() => undefined);
  };

  constructor(
    readonly line: SerialLine,
    private readonly options: ReceiptPrinterOptions,
  ) {
    super();
    this.encoder = new ReceiptEncoder(options.model, options.width);
    this.statusTimeoutMs = options.statusTimeoutMs ?? 1000;
    this.log = options.log ?? silentLogger;
    line.on('data', this.onData);
    line.on('state', this.onState);
    if (line.state === 'open') line.write(enableAsb()).catch(() => undefined);
  }

  static async open(port: SerialLineConfig, options: ReceiptPrinterOptions): Promise<ReceiptPrinter> {
    const line = await SerialLine.open({ ...port, device: 'printer' });
    return new ReceiptPrinter(line, options);
  }

  /** The last status pushed by the printer (ASB) or read by status(); undefined before any. */
  get lastKnownStatus(): PrinterStatus | undefined {
    return this.latest;
  }

  private receive(chunk: Buffer): void {
    clearTimeout(this.asbTimer);
    for (const event of this.parser.push(chunk)) {
      if (event.type === 'asb') {
        this.latest = event.status;
        this.log.debug({ event: 'printer_status', port: this.line.path, problem: problemOf(event.status) ?? null, paperNearEnd: event.status.paperNearEnd }, 'printer status');
        this.emit('status', event.status);
        // A job waiting for its end marker need not wait out the deadline once the printer says it stopped.
        if (problemOf(event.status)) this.stopWaitingForJob?.();
        continue;
      }
      if (event.type === 'malformed') continue;
      this.waiters.shift()?.resolve(event);
    }
    if (this.parser.pendingAsbBytes > 0) {
      this.asbTimer = setTimeout(() => this.parser.abandon(), 500);
    }
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.chain.then(task, task);
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Writes a request and waits for its reply; undefined when none comes in time. */
  private async request(bytes: Buffer, expected: ExpectedReply, timeoutMs: number, writeTimeoutMs?: number): Promise<ReplyEvent | undefined> {
    this.parser.expect(expected);
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<ReplyEvent | undefined>((resolve) => {
      const waiter: Waiter = { expected, resolve };
      this.waiters.push(waiter);
      const giveUp = (): void => {
        clearTimeout(timer);
        this.parser.forget(expected);
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        if (this.stopWaitingForJob === giveUp) this.stopWaitingForJob = undefined;
        resolve(undefined);
      };
      timer = setTimeout(giveUp, timeoutMs);
      if (expected.kind === 'gs_r') this.stopWaitingForJob = giveUp;
    });
    try {
      await this.line.write(bytes, writeTimeoutMs);
    } catch (error) {
      clearTimeout(timer);
      this.parser.forget(expected);
      this.waiters.splice(this.waiters.findIndex((waiter) => waiter.expected === expected), 1);
      throw error;
    }
    const event = await reply;
    clearTimeout(timer);
    this.stopWaitingForJob = undefined;
    return event;
  }

  private async readStatus(): Promise<PrinterStatus> {
    const status = normalStatus();
    for (const n of [1, 2, 3, 4] as RealtimeRequest[]) {
      const event = await this.request(dleEot(n), { kind: 'realtime', n }, this.statusTimeoutMs);
      if (!event || event.type !== 'realtime') {
        throw new Error(`${this.line.path}: the printer did not answer DLE EOT ${n} within ${this.statusTimeoutMs} ms – is it switched on and set to ${this.line.baudRate} baud?`);
      }
      Object.assign(status, event.status);
    }
    this.latest = status;
    return status;
  }

  /** Reads the full status now (DLE EOT 1–4). Throws with the port and what to check when it cannot. */
  status(): Promise<PrinterStatus> {
    return this.exclusive(() => this.readStatus());
  }

  /** Whether a receipt can be printed now – ask before taking a payment. */
  readiness(): Promise<PrinterReadiness> {
    return this.exclusive(() => this.readReadiness());
  }

  private async readReadiness(): Promise<PrinterReadiness> {
    let status: PrinterStatus;
    try {
      status = await this.readStatus();
    } catch (error) {
      return { canPrint: false, problem: 'unreachable', paperNearEnd: false, message: (error as Error).message };
    }
    const problem = problemOf(status);
    return {
      canPrint: problem === undefined,
      problem,
      paperNearEnd: status.paperNearEnd,
      status,
      message: problem ? `${this.line.path}: ${problemText[problem]}` : status.paperNearEnd ? 'ready (paper near end)' : 'ready',
    };
  }

  /** Prints one job (jobs queue up, one at a time) and says whether it came out whole. */
  print(job: PrintJob): Promise<PrintJobResult> {
    return this.exclusive(() => this.runJob(job));
  }

  private async runJob(job: PrintJob): Promise<PrintJobResult> {
    const reprint = job.reprint ?? false;
    const bytes = this.encoder.encode(layoutDocument(job.document, { reprint }));
    const base = { jobId: job.jobId, reprint, bytes: bytes.length };
    const finish = (result: PrintJobResult): PrintJobResult => {
      if (result.outcome === 'failed') this.log.warn({ event: 'print_job_failed', port: this.line.path, jobId: job.jobId, reason: result.reason, started: result.started }, 'print job failed');
      return result;
    };

    const readiness = await this.readReadiness();
    if (!readiness.canPrint) {
      return finish({ ...base, outcome: 'failed', reason: readiness.problem, message: readiness.message, started: false, status: readiness.status });
    }

    const wireMs = (bytes.length * this.bitsPerCharacter() * 1000) / this.line.baudRate;
    const confirmTimeoutMs = wireMs * 1.5 + (this.options.printSlackMs ?? 3000);
    let marker: ReplyEvent | undefined;
    try {
      marker = await this.request(Buffer.concat([bytes, endOfJobMarker()]), { kind: 'gs_r' }, confirmTimeoutMs, confirmTimeoutMs);
    } catch (error) {
      return finish({ ...base, outcome: 'failed', reason: 'unreachable', message: (error as Error).message, started: true });
    }

    let after: PrinterStatus | undefined;
    try {
      after = await this.readStatus();
    } catch {
      after = undefined;
    }
    const problem = after ? problemOf(after) : 'unreachable';
    if (marker?.type === 'gs_r' && !marker.paper.paperEnd && after && !problem) {
      return finish({ ...base, outcome: 'printed', message: after.paperNearEnd ? 'printed (paper near end)' : 'printed', started: true, status: after });
    }
    // The job did not finish: drop what the printer still holds, so it cannot come out after a refill.
    if (after) await this.request(clearBuffers(), { kind: 'clear_buffers' }, this.statusTimeoutMs).catch(() => undefined);
    const reason: PrintFailure = problem ?? 'not_confirmed';
    const text = problem ? problemText[problem] : 'the printer did not confirm the end of the receipt';
    return finish({ ...base, outcome: 'failed', reason, message: `${this.line.path}: ${text} – the receipt is incomplete; it can be reprinted whole after the problem is fixed`, started: true, status: after });
  }

  private bitsPerCharacter(): number {
    const { dataBits = 8, parity = 'none', stopBits = 1 } = this.line.options;
    return 1 + dataBits + (parity === 'none' ? 0 : 1) + stopBits;
  }

  async close(): Promise<void> {
    clearTimeout(this.asbTimer);
    this.line.off('data', this.onData);
    this.line.off('state', this.onState);
    await this.line.close();
  }
}
