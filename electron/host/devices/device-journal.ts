// The host's durable memory of what it asked the devices to do: one JSON line per step, appended
// and fsynced before the step's effect can happen (a payment request leaving, receipt bytes leaving).
// After a crash the journal says which payments may be in the terminal's hands (resolve them, never
// re-send) and which tickets came out (never print them twice).
//
// Damage is never skipped silently. A line that does not parse (cut by a power loss mid-write, or
// damaged on disk) is kept in `damage` with what can still be read of it, so the host reports it at
// start; a payment key named by a damaged line is in doubt (resolved with the terminal, never
// charged again), a ticket named by one may have printed partly.
// The file is 0600 in a 0700 directory: it holds payment references.
import { chmodSync, closeSync, fstatSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { paymentReason, printFailure, terminalReference, ticketKind } from '../../../common/contract/devices';
import { ensurePrivateDir } from '../private-files';

const timestamp = z.string().min(1);

/** The contract's ticket kinds, and the card terminal's slip the host prints on its own. */
export const journalTicket = z.enum([...ticketKind.options, 'terminal_slip']);
export type JournalTicket = z.infer<typeof journalTicket>;

export const journalEntry = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('payment_started'), paymentKey: z.string().min(1), orderId: z.string().min(1), amountMinor: z.number().int(), currency: z.string(), startedAt: timestamp, recovered: z.object({ lines: z.array(z.number().int()), startKnown: z.boolean() }).optional() }),
  z.object({
    kind: z.literal('payment_outcome'),
    paymentKey: z.string().min(1),
    result: z.enum(['approved', 'declined', 'aborted', 'unknown']),
    reason: paymentReason.optional(),
    message: z.string().optional(),
    terminal: terminalReference.optional(),
    /** The terminal's cardholder receipt as it sent it (print lines), printed with the order receipt or as a slip. */
    receipt: z.array(z.string().max(200)).max(200).optional(),
    at: timestamp,
  }),
  z.object({ kind: z.literal('payment_resolved'), paymentKey: z.string().min(1), result: z.enum(['approved', 'not_paid']), message: z.string(), terminal: terminalReference.optional(), at: timestamp }),
  /** An order the host priced and will charge (placeOrder): its digest pins the document, its total the amount. */
  z.object({
    kind: z.literal('order_placed'),
    orderId: z.string().min(1),
    digest: z.string().min(1),
    totalMinor: z.number().int(),
    currency: z.string(),
    menuVersion: z.string(),
    at: timestamp,
    /** The logged comps its lines use (compKey): each comp gives one line of one order away. */
    comps: z.array(z.string()).optional(),
  }),
  /** A staff member the host signed in (staff mode) confirmed this order paid, e.g. a payment in doubt checked on the terminal. */
  z.object({ kind: z.literal('staff_payment'), orderId: z.string().min(1), staffName: z.string().min(1), at: timestamp }),
  z.object({ kind: z.literal('print_started'), jobId: z.string().min(1), orderId: z.string().min(1), ticket: journalTicket, reprint: z.boolean().optional(), at: timestamp }),
  z.object({ kind: z.literal('print_outcome'), jobId: z.string().min(1), result: z.enum(['printed', 'failed']), reason: printFailure.optional(), message: z.string(), started: z.boolean(), at: timestamp }),
]);
export type JournalEntry = z.infer<typeof journalEntry>;

export interface PaymentRecord {
  paymentKey: string;
  orderId: string;
  amountMinor: number;
  currency: string;
  startedAt: string;
  /** Re-created from damaged journal lines; without `startKnown`, `startedAt` is only when it was recovered. */
  recovered?: { lines: number[]; startKnown: boolean };
  /** The last answer of the authorisation ('unknown' is not final). */
  outcome?: Extract<JournalEntry, { kind: 'payment_outcome' }>;
  /** The terminal's verdict on a payment in doubt (final). */
  resolved?: Extract<JournalEntry, { kind: 'payment_resolved' }>;
}

export type OrderRecord = Omit<Extract<JournalEntry, { kind: 'order_placed' }>, 'kind'>;
export type StaffPaymentRecord = Omit<Extract<JournalEntry, { kind: 'staff_payment' }>, 'kind'>;

export interface PrintRecord {
  jobId: string;
  orderId: string;
  ticket: JournalTicket;
  /** Absent when the host stopped while the job ran (or its line is damaged): it may have printed partly. */
  outcome?: Extract<JournalEntry, { kind: 'print_outcome' }>;
}

/** A line that does not parse, with what can still be read of it. */
export interface JournalDamage {
  /** 1-based line number in the file. */
  line: number;
  kind?: string;
  paymentKey?: string;
  orderId?: string;
  amountMinor?: number;
  currency?: string;
  startedAt?: string;
  jobId?: string;
  /** The time of the last readable entry before it: the damaged step happened after this. */
  notBefore?: string;
}

/** A payment key that only a damaged line names: in doubt, with whatever of its start could be read. */
export interface DamagedPayment {
  paymentKey: string;
  orderId?: string;
  amountMinor?: number;
  currency?: string;
  /** When its request may have left at the earliest. */
  startedAt?: string;
  lines: number[];
}

/** The journal file cannot be opened, read or written: one clear line, no stack trace. */
export class DeviceJournalError extends Error {
  constructor(
    readonly file: string,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceJournalError';
  }
}

const CAUSES: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of its path is not a directory',
  EEXIST: 'a part of its path is a file, not a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EIO: 'an input/output error (failing disk?)',
  ENAMETOOLONG: 'the path is too long',
  ELOOP: 'too many symbolic links',
};

export function journalError(file: string, error: unknown): DeviceJournalError {
  if (error instanceof DeviceJournalError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
  const cause = CAUSES[code] ?? (error as Error).message;
  return new DeviceJournalError(file, code, `the device journal ${file} cannot be used: ${cause} (${code}) – card payments and printing need it; check that the kiosk's data directory (COUNTERPART_DATA) is a writable folder owned by the kiosk user`);
}

const stringField = (line: string, name: string): string | undefined => {
  const match = new RegExp(`"${name}":("(?:[^"\\\\]|\\\\.)*")`).exec(line);
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]!) as string;
  } catch {
    return undefined;
  }
};

/** What a damaged line still says: only fields whose value is complete (a closing quote, a number followed by , or }). */
export function salvage(line: string): Omit<JournalDamage, 'line' | 'notBefore'> {
  const amount = /"amountMinor":(\d+)[,}]/.exec(line);
  const found = {
    kind: stringField(line, 'kind'),
    paymentKey: stringField(line, 'paymentKey'),
    orderId: stringField(line, 'orderId'),
    amountMinor: amount ? Number(amount[1]) : undefined,
    currency: stringField(line, 'currency'),
    startedAt: stringField(line, 'startedAt'),
    jobId: stringField(line, 'jobId'),
  };
  return Object.fromEntries(Object.entries(found).filter(([, value]) => value !== undefined));
}

const entryTime = (entry: JournalEntry): string => ('at' in entry ? entry.at : entry.startedAt);

export class DeviceJournal {
  readonly payments = new Map<string, PaymentRecord>();
  readonly prints = new Map<string, PrintRecord>();
  /** Orders the host placed, by orderId. */
  readonly orders = new Map<string, OrderRecord>();
  /** Orders a signed-in staff member confirmed paid, by orderId. */
  readonly staffPayments = new Map<string, StaffPaymentRecord>();
  /** Lines that did not parse, in file order. */
  readonly damage: JournalDamage[] = [];
  /** Payment keys that only damaged lines name: in doubt until resolved with the terminal. */
  readonly damagedPayments = new Map<string, DamagedPayment>();
  private fd: number | undefined;
  /** The last line was cut (power loss mid-write): the next entry starts on a line of its own. */
  private cutLine = false;

  /** Opens (or creates) the journal; a path that cannot be used throws a DeviceJournalError saying why. */
  constructor(readonly file: string) {
    try {
      ensurePrivateDir(dirname(file));
      this.fd = openSync(file, 'a+', 0o600);
      const stat = fstatSync(this.fd);
      if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
      if ((stat.mode & 0o077) !== 0) chmodSync(file, 0o600);
      this.load(readFileSync(this.fd, 'utf8'));
    } catch (error) {
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      throw journalError(file, error);
    }
  }

  private load(text: string): void {
    this.cutLine = text.length > 0 && !text.endsWith('\n');
    let notBefore: string | undefined;
    text.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      let entry: JournalEntry | undefined;
      try {
        const parsed = journalEntry.safeParse(JSON.parse(line));
        if (parsed.success) entry = parsed.data;
      } catch {
        entry = undefined;
      }
      if (!entry) {
        this.damage.push({ line: index + 1, ...salvage(line), ...(notBefore ? { notBefore } : {}) });
        return;
      }
      notBefore = entryTime(entry);
      this.apply(entry);
    });
    for (const damaged of this.damage) this.applyDamage(damaged);
  }

  /** A damaged line's payment key or ticket is in doubt, unless readable lines already decided it. */
  private applyDamage(damaged: JournalDamage): void {
    if (damaged.paymentKey && !this.payments.has(damaged.paymentKey)) {
      const known = this.damagedPayments.get(damaged.paymentKey);
      this.damagedPayments.set(damaged.paymentKey, {
        paymentKey: damaged.paymentKey,
        orderId: known?.orderId ?? damaged.orderId,
        amountMinor: known?.amountMinor ?? damaged.amountMinor,
        currency: known?.currency ?? damaged.currency,
        startedAt: known?.startedAt ?? damaged.startedAt ?? damaged.notBefore,
        lines: [...(known?.lines ?? []), damaged.line],
      });
    }
    if (damaged.jobId && !this.prints.has(damaged.jobId)) {
      // `${orderId}:${kind}`: a ticket whose start or outcome is unreadable may have printed partly.
      const [orderId, kind] = [damaged.jobId.slice(0, damaged.jobId.lastIndexOf(':')), damaged.jobId.slice(damaged.jobId.lastIndexOf(':') + 1)];
      const ticket = journalTicket.safeParse(kind);
      if (orderId && ticket.success) this.prints.set(damaged.jobId, { jobId: damaged.jobId, orderId, ticket: ticket.data });
    }
  }

  private apply(entry: JournalEntry): void {
    switch (entry.kind) {
      case 'payment_started': {
        const { kind: _kind, ...record } = entry;
        this.payments.set(entry.paymentKey, record);
        this.damagedPayments.delete(entry.paymentKey);
        return;
      }
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
      case 'order_placed': {
        const { kind: _kind, ...record } = entry;
        if (!this.orders.has(entry.orderId)) this.orders.set(entry.orderId, record);
        return;
      }
      case 'staff_payment': {
        const { kind: _kind, ...record } = entry;
        this.staffPayments.set(entry.orderId, record);
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
    this.appendAll([entry]);
  }

  /** Appends the entries in one write and waits until they are on disk (one flush for a batch). */
  appendAll(entries: readonly JournalEntry[]): void {
    if (this.fd === undefined) throw new DeviceJournalError(this.file, 'ECLOSED', `the device journal ${this.file} is closed`);
    if (entries.length === 0) return;
    writeSync(this.fd, (this.cutLine ? '\n' : '') + entries.map((entry) => JSON.stringify(entry) + '\n').join(''));
    this.cutLine = false;
    fsyncSync(this.fd);
    for (const entry of entries) this.apply(entry);
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
