// Card payments behind the kiosk contract: payByCard, abortPayment, resolvePayment.
//
// Never charge twice: every authorisation is journaled (fsync) under its payment key before it
// leaves. The same key again returns the journaled outcome or joins the running payment; a key
// whose outcome is in doubt (lost answer, host restart mid-payment) is never sent again – it is
// resolved with the terminal (repeat receipt). The journal is the only memory of payments.
import { KioskCallError, type KioskEvent } from '../../../common/contract/index';
import type { CardPaymentOutcome, PaymentPromptCode, PaymentResolutionOutput } from '../../../common/contract/devices';
import type { CallErrorCode } from '../../../common/contract/errors';
import type { StoreConfig } from '../../../common/menu/schema';
import type { CardTerminal, PaymentResult } from '../../../hardware/terminal/card-terminal';
import type { KioskHandlers } from '../dispatcher';
import type { Logger } from '../log';
import type { DeviceConnections } from './connections';
import type { DamagedPayment, DeviceJournal, PaymentRecord } from './device-journal';
import type { OrderBook } from './order-book';
import { singleFlight } from './single-flight';

export type PaymentHandlers = Pick<KioskHandlers, 'payByCard' | 'abortPayment' | 'resolvePayment'>;

export interface PaymentsOptions {
  store: StoreConfig;
  journal: DeviceJournal;
  /** The orders the host placed: a payment charges the journaled total of one of them. */
  orders: Pick<OrderBook, 'placed'>;
  connections: DeviceConnections;
  emit(event: KioskEvent): void;
  /** The terminal's cardholder receipt of a payment that did not go through (decline slip): printed at once. */
  printTerminalSlip(record: PaymentRecord): Promise<unknown>;
  log: Logger;
  now: () => Date;
}

/** The contract's answer for a journaled payment; undefined while its outcome is not on disk. */
export const outcomeOf = (record: PaymentRecord): CardPaymentOutcome | undefined => {
  const base = { paymentKey: record.paymentKey, amountMinor: record.amountMinor, startedAt: record.startedAt };
  if (record.resolved) {
    return record.resolved.result === 'approved'
      ? { ...base, result: 'approved', terminal: record.resolved.terminal, message: record.resolved.message }
      : { ...base, result: 'aborted', reason: 'not_charged', message: record.resolved.message };
  }
  const outcome = record.outcome;
  if (!outcome) return undefined;
  return { ...base, result: outcome.result, reason: outcome.reason, message: outcome.message, terminal: outcome.terminal };
};

export function createPayments(options: PaymentsOptions) {
  const { journal, connections, log, now } = options;
  const payments = singleFlight<string, CardPaymentOutcome>();
  const resolutions = singleFlight<string, PaymentResolutionOutput>();
  let activePaymentKey: string | undefined;

  /**
   * A payment key that only a damaged journal line names becomes a journaled payment in doubt again
   * (`payment_started`, recovered), with the order and amount the damaged line still shows – or, where
   * it shows none, the caller's. It is then resolved with the terminal, never sent.
   */
  const recoverDamaged = (damaged: DamagedPayment, orderId: string, amountMinor: number | undefined, call: string): PaymentRecord | undefined => {
    if ((damaged.orderId !== undefined && damaged.orderId !== orderId) || (damaged.amountMinor !== undefined && amountMinor !== undefined && damaged.amountMinor !== amountMinor)) {
      throw new KioskCallError('bad_request', `${call}: payment ${damaged.paymentKey} was started for order ${damaged.orderId ?? '?'} over ${damaged.amountMinor ?? '?'}, not ${orderId} over ${amountMinor ?? '?'}`);
    }
    const amount = damaged.amountMinor ?? amountMinor;
    if (amount === undefined) return undefined;
    journal.append({
      kind: 'payment_started',
      paymentKey: damaged.paymentKey,
      orderId,
      amountMinor: amount,
      currency: damaged.currency ?? options.store.currency,
      // Its request left no earlier than the last readable entry before the damage; without one, when is unknown.
      startedAt: damaged.startedAt ?? now().toISOString(),
      recovered: { lines: damaged.lines, startKnown: damaged.startedAt !== undefined },
    });
    log.warn({ event: 'payment_recovered_from_damage', paymentKey: damaged.paymentKey, lines: damaged.lines }, 'payment named by a damaged journal line: in doubt, resolved with the terminal');
    return journal.payments.get(damaged.paymentKey);
  };

  const prompt = (paymentKey: string, code: PaymentPromptCode): void => options.emit({ type: 'device.paymentPrompt', paymentKey, prompt: code });

  async function runPayment(record: PaymentRecord): Promise<CardPaymentOutcome> {
    let result: PaymentResult;
    try {
      const client = await connections.terminal();
      activePaymentKey = record.paymentKey;
      result = await client.authorize({
        paymentKey: record.paymentKey,
        amountMinor: record.amountMinor,
        onPrompt: (terminalPrompt) => prompt(record.paymentKey, terminalPrompt.code),
        // Honest progress while the terminal is quiet: the customer is told the kiosk is asking it.
        onChecking: () => prompt(record.paymentKey, 'checking_with_terminal'),
      });
    } catch (error) {
      // The terminal could not be opened: the request never left.
      result = { paymentKey: record.paymentKey, outcome: 'aborted', reason: 'terminal_not_responding', message: (error as Error).message, amountMinor: record.amountMinor, startedAt: record.startedAt };
    } finally {
      activePaymentKey = undefined;
    }
    journal.append({
      kind: 'payment_outcome',
      paymentKey: record.paymentKey,
      result: result.outcome,
      reason: result.reason,
      message: result.message,
      terminal: result.terminal,
      ...(result.receipt ? { receipt: result.receipt } : {}),
      at: now().toISOString(),
    });
    if (result.outcome !== 'approved') {
      log.warn({ event: 'payment_not_approved', paymentKey: record.paymentKey, result: result.outcome, reason: result.reason, resultCode: result.terminal?.resultCode }, 'card payment not approved');
    }
    if ((result.outcome === 'declined' || result.outcome === 'aborted') && result.receipt) {
      options.printTerminalSlip(record).catch((error: Error) => log.warn({ event: 'terminal_slip_not_printed', paymentKey: record.paymentKey, error: error.message }, 'terminal slip not printed'));
    }
    // The terminal has nothing running, so its answer was lost: ask it now (repeat receipt), the customer waits for that.
    if (result.outcome === 'unknown' && result.terminalIdle) await resolutions.run(record.paymentKey, () => runResolution(record));
    return outcomeOf(record)!;
  }

  const payByCard: PaymentHandlers['payByCard'] = async ({ orderId, paymentKey }) => {
    const running = payments.running(paymentKey);
    if (running) return running;
    // The amount is the host's: the total it priced and journaled when the order was placed.
    const placed = options.orders.placed(orderId);
    const damaged = journal.damagedPayments.get(paymentKey);
    if (damaged) recoverDamaged(damaged, orderId, placed?.totalMinor, 'payByCard');
    const known = journal.payments.get(paymentKey);
    if (known) {
      if (known.orderId !== orderId) throw new KioskCallError('bad_request', `payByCard: payment ${paymentKey} was started for order ${known.orderId}, not ${orderId}`);
      // Decided, or in doubt: never sent again (an unknown outcome goes through resolvePayment).
      return outcomeOf(known) ?? { paymentKey, result: 'unknown', reason: 'link_lost', message: 'the outcome of this payment is not in the journal (the kiosk stopped while it ran, or its line is damaged) – it is checked with the terminal', amountMinor: known.amountMinor, startedAt: known.startedAt };
    }
    const refuse = (code: CallErrorCode, message: string): never => {
      log.warn({ event: 'payment_refused', orderId, paymentKey, code, reason: message }, 'card payment refused before the terminal');
      throw new KioskCallError(code, `payByCard: ${message}`);
    };
    if (!placed) return refuse('unknown_order', `order ${orderId} was never placed with the host (placeOrder first); nothing was charged`);
    if (placed.totalMinor > options.store.maxOrderTotalMinor) refuse('over_limit', `order ${orderId} totals ${placed.totalMinor}, above the store's maximum ${options.store.maxOrderTotalMinor}`);
    if (placed.totalMinor <= 0) refuse('bad_request', `order ${orderId} totals ${placed.totalMinor}: there is nothing to charge`);
    if (placed.currency !== options.store.currency) refuse('bad_request', `order ${orderId} is in ${placed.currency}, not the store's ${options.store.currency}`);
    for (const other of journal.damagedPayments.values()) {
      if (other.orderId === orderId) throw new KioskCallError('failed', `payByCard: payment ${other.paymentKey} of order ${orderId} is in doubt (damaged journal line) – resolve it with the terminal first`);
    }
    if (journal.staffPayments.has(orderId)) refuse('already_paid', `order ${orderId} was confirmed paid by staff`);
    for (const other of journal.payments.values()) {
      if (other.orderId !== orderId) continue;
      const outcome = outcomeOf(other);
      if (outcome?.result === 'approved') refuse('already_paid', `order ${orderId} is already paid (payment ${other.paymentKey})`);
      if (!outcome || outcome.result === 'unknown') {
        throw new KioskCallError('payment_in_doubt', `payByCard: payment ${other.paymentKey} of order ${orderId} is still in doubt – resolve it with the terminal first`);
      }
    }
    return payments.run(paymentKey, async () => {
      const record: PaymentRecord = { paymentKey, orderId, amountMinor: placed.totalMinor, currency: placed.currency, startedAt: now().toISOString() };
      // On disk before the request may leave: after a crash this key is resolved, never re-sent.
      journal.append({ kind: 'payment_started', ...record });
      return runPayment(journal.payments.get(paymentKey)!);
    });
  };

  const abortPayment: PaymentHandlers['abortPayment'] = async ({ paymentKey }) => {
    if (activePaymentKey !== paymentKey) return { requested: false };
    await (await connections.terminal()).abort();
    return { requested: true };
  };

  async function runResolution(record: PaymentRecord): Promise<PaymentResolutionOutput> {
    const base = { paymentKey: record.paymentKey, startedAt: record.startedAt };
    prompt(record.paymentKey, 'checking_with_terminal');
    let client: CardTerminal;
    try {
      client = await connections.terminal();
    } catch (error) {
      return { ...base, result: 'unknown', message: (error as Error).message };
    }
    const startedAt = record.recovered && !record.recovered.startKnown ? undefined : record.startedAt;
    const answer = await client.resolve({ paymentKey: record.paymentKey, amountMinor: record.amountMinor, startedAt });
    const terminal = answer.terminal;
    if (answer.outcome === 'approved') {
      // One terminal transaction pays one payment key: the journal says whether another key owns it.
      const owner = terminal?.trace !== undefined ? journal.traceOwner(terminal.trace) : undefined;
      if (owner && owner !== record.paymentKey) {
        log.warn({ event: 'payment_unresolved', paymentKey: record.paymentKey, trace: terminal?.trace, owner }, 'the terminal’s last transaction belongs to another payment');
        return { ...base, result: 'unknown', message: `the terminal's last transaction (trace ${terminal?.trace}) paid ${owner} – staff must check the terminal journal` };
      }
      journal.append({ kind: 'payment_resolved', paymentKey: record.paymentKey, result: 'approved', message: answer.message, terminal, at: now().toISOString() });
      return { ...base, result: 'approved', message: answer.message, terminal };
    }
    if (answer.outcome === 'not_charged') {
      journal.append({ kind: 'payment_resolved', paymentKey: record.paymentKey, result: 'not_paid', message: answer.message, at: now().toISOString() });
      return { ...base, result: 'not_paid', message: answer.message };
    }
    log.warn({ event: 'payment_unresolved', paymentKey: record.paymentKey }, 'payment still in doubt after asking the terminal');
    return { ...base, result: 'unknown', message: answer.message, terminal };
  }

  const resolvePayment: PaymentHandlers['resolvePayment'] = async ({ orderId, paymentKey }) => {
    await payments.running(paymentKey)?.catch(() => undefined);
    const damaged = journal.damagedPayments.get(paymentKey);
    if (damaged && !recoverDamaged(damaged, orderId, undefined, 'resolvePayment')) {
      return { paymentKey, result: 'unknown', message: `the journal line of payment ${paymentKey} is damaged and its amount cannot be read – staff must check the terminal journal`, startedAt: damaged.startedAt };
    }
    const record = journal.payments.get(paymentKey);
    if (!record) return { paymentKey, result: 'not_paid', message: 'this payment never left the kiosk' };
    if (record.orderId !== orderId) throw new KioskCallError('bad_request', `resolvePayment: payment ${paymentKey} belongs to order ${record.orderId}, not ${orderId}`);
    const known = outcomeOf(record);
    if (known && known.result !== 'unknown') {
      return known.result === 'approved'
        ? { paymentKey, result: 'approved', message: known.message ?? 'approved', terminal: known.terminal, startedAt: record.startedAt }
        : { paymentKey, result: 'not_paid', message: known.message ?? known.result, startedAt: record.startedAt };
    }
    return resolutions.run(paymentKey, () => runResolution(record));
  };

  return {
    handlers: { payByCard, abortPayment, resolvePayment } satisfies PaymentHandlers,
    /** True while a payment or a check with the terminal runs (the status reports the terminal busy). */
    busy: (): boolean => activePaymentKey !== undefined || resolutions.size > 0,
    /** Settles when running payments and resolutions have their outcome journaled. */
    settled: async (): Promise<void> => {
      await Promise.all([payments.settled(), resolutions.settled()]);
    },
  };
}
