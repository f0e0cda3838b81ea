// The host's durable memory of what it asked the devices to do: one JSON line per step, appended
// and fsynced before the step's effect can happen (a payment request leaving, receipt bytes leaving).
// After a crash the journal says which payments may be in the terminal's hands (resolve them, never
// re-send) and which tickets came out (never print them twice).
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { PaymentReason, TerminalRefs, TicketKind } from '../../../common/contract/devices';

export type JournalEntry =
  | { kind: 'payment_started'; paymentKey: string; orderId: string; amountMinor: number; currency: string; startedAt: string }
  | {
      kind: 'payment_outcome';
      paymentKey: string;
      result: 'approved' | 'declined' | 'aborted' | 'unknown';
      reason?: PaymentReason;
      message?: string;
      terminal?: TerminalRefs;
      at: string;
    }
  | { kind: 'payment_resolved'; paymentKey: string; result: 'approved' | 'not_paid'; message: string; terminal?: TerminalRefs; at: string }
  | { kind: 'print_started'; jobId: string; orderId: string; ticket: TicketKind; at: string }
  | { kind: 'print_outcome'; jobId: string; result: 'printed' | 'failed'; reason?: string; message: string; started: boolean; at: string };

export interface PaymentRecord {
  paymentKey: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  startedAt: string;
  /** The last answer of the authorisation ('unknown' is not final). */
  outcome?: Extract<JournalEntry, { kind: 'payment_outcome' }>;
  /** The terminal's verdict on a payment in doubt (final). */
  resolved?: Extract<JournalEntry, { kind: 'payment_resolved' }>;
}

export interface PrintRecord {
  jobId: string;
  orderId: string;
  ticket: TicketKind;
  /** Absent when the host stopped while the job ran: it may have printed partly. */
  outcome?: Extract<JournalEntry, { kind: 'print_outcome' }>;
}

export class DeviceJournal {
  readonly payments = new Map<string, PaymentRecord>();
  readonly prints = new Map<string, PrintRecord>();
  private fd: number | undefined;
  /** The last line was cut (power loss mid-write): the next entry starts on a line of its own. */
  private cutLine = false;

  constructor(readonly file: string) {
    if (existsSync(file)) {
      const text = readFileSync(file, 'utf8');
      this.cutLine = text.length > 0 && !text.endsWith('\n');
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        let entry: JournalEntry;
        try {
          entry = JSON.parse(line) as JournalEntry;
        } catch {
          // A line cut by a power loss: its step never completed (the fsync did not return).
          continue;
        }
        this.apply(entry);
      }
    }
  }

  private apply(entry: JournalEntry): void {
    switch (entry.kind) {
      case 'payment_started':
        this.payments.set(entry.paymentKey, { ...entry });
        return;
      case 'payment_outcome': {
        const record = this.payments.get(entry.paymentKey);
        if (record) record.outcome = entry;
        return;
      }
      case 'payment_resolved': {
        const record = this.payments.get(entry.paymentKey);
        if (record) record.resolved = entry;
        return;
      }
      case 'print_started':
        this.prints.set(entry.jobId, { jobId: entry.jobId, orderId: entry.orderId, ticket: entry.ticket, outcome: this.prints.get(entry.jobId)?.outcome });
        return;
      case 'print_outcome': {
        const record = this.prints.get(entry.jobId);
        if (record) record.outcome = entry;
        return;
      }
    }
  }

  /** Appends the entry and waits until it is on disk. */
  append(entry: JournalEntry): void {
    this.fd ??= openSync(this.file, 'a');
    writeSync(this.fd, (this.cutLine ? '\n' : '') + JSON.stringify(entry) + '\n');
    this.cutLine = false;
    fsyncSync(this.fd);
    this.apply(entry);
  }

  /** The payment key that an approved terminal trace number belongs to, if any. */
  traceOwner(trace: number): string | undefined {
    for (const record of this.payments.values()) {
      const approved = record.resolved?.result === 'approved' ? record.resolved : record.outcome?.result === 'approved' ? record.outcome : undefined;
      if (approved?.terminal?.trace === trace) return record.paymentKey;
    }
    return undefined;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
