// The payment step: card on the terminal or pay at the counter, the receipt, and payments in doubt.
//
// Order of things for a card payment (never charge twice, never lose a paid order):
//   printer checked → the customer consents if no receipt can print → order placed (Dexie) →
//   payment_pending written (beginPayment) → payByCard on the host → outcome written → receipt →
//   queued → confirmation with the order number. An outcome that is not known is resolved with
//   the terminal through the host (resolvePayment), never by charging again; unresolved, staff
//   gets a slip and the customer keeps their number.
import type { StateCreator } from 'zustand';
import { orderFromCart } from './selectors';
import type {
  CardPaymentOutcome,
  DeviceStatus,
  PaymentPromptCode,
  PaymentReason,
  PaymentResolutionOutput,
  PrinterState,
  PrintOutcome,
  TerminalRefs,
  TicketKind,
} from '../../common/contract/devices';
import type { OrderDocument } from '../../common/order/order';
import type { LifecycleEvent } from '../../common/order/order-lifecycle';
import { customerMayStillBeHere } from '../../common/order/recovery-policy';
import type { KioskDeps, KioskState, SessionEvent } from './types';

/** Terminal references as Dexie keeps them (numbers as text). */
export interface StoredTerminalReference {
  maskedPan?: string;
  authCode?: string;
  traceNumber?: string;
  receiptNumber?: string;
  resultCode?: string;
  cardBrand?: string;
  message?: string;
}

export type StoredPaymentResult = 'approved' | 'declined' | 'aborted' | 'no_answer' | 'resolved_paid' | 'resolved_not_paid';

/** What recovery at start found (a subset of renderer/data's RecoveryReport). */
export interface PaymentRecovery {
  paymentsResolved: { order: OrderDocument; result: 'paid' | 'not_paid' }[];
  needsStaff: { order: OrderDocument; reason: string }[];
  receiptsMissing: OrderDocument[];
  /** Orders placed but not paid when the kiosk stopped (no payment in flight). */
  unpaidPlaced: OrderDocument[];
  /** Recent orders with a number whose confirmation the customer never dismissed, newest last. */
  awaitingConfirmation: OrderDocument[];
}

/** The host's devices and the data layer's payment steps; main.tsx wires them. */
export interface PaymentDeps {
  getDeviceStatus(): Promise<DeviceStatus>;
  payByCard(input: { orderId: string; paymentKey: string; amountMinor: number; currency: string }): Promise<CardPaymentOutcome>;
  abortPayment(paymentKey: string): Promise<unknown>;
  resolvePayment(orderId: string, paymentKey: string): Promise<PaymentResolutionOutput>;
  printTicket(input: { kind: TicketKind; order: OrderDocument; payment?: { amountMinor: number; terminal?: TerminalRefs }; note?: { reason: string; startedAt?: string }; reprint?: boolean }): Promise<PrintOutcome>;
  /** Terminal prompts as the host pushes them; returns the unsubscribe. */
  onPrompt(listener: (paymentKey: string, prompt: PaymentPromptCode) => void): () => void;
  beginPayment(orderId: string): Promise<{ order: OrderDocument; attempt: { paymentKey: string; requestedAt: string } }>;
  recordPaymentOutcome(orderId: string, outcome: { result: StoredPaymentResult; terminal?: StoredTerminalReference }): Promise<OrderDocument>;
  transitionOrder(orderId: string, event: LifecycleEvent): Promise<OrderDocument>;
  /** The order's latest payment attempt, for its terminal references. */
  lastAttempt(orderId: string): Promise<{ paymentKey: string; requestedAt: string; terminal?: StoredTerminalReference } | undefined>;
  /** Orders waiting for a payment decision (a recent one: its customer sees "checking" while recovery runs). */
  ordersInDoubt(): Promise<OrderDocument[]>;
  /** Runs the data layer's recovery at start (payments resolved through the host, receipts checked). */
  recover(): Promise<PaymentRecovery>;
}

export type ReceiptState = 'none' | 'printing' | 'printed' | 'failed' | 'skipped';

export type PaymentFlow =
  | { step: 'choose' }
  | { step: 'checking_printer' }
  | { step: 'printer_warning'; printer: PrinterState }
  | { step: 'terminal_down' }
  | { step: 'placing' }
  | { step: 'card'; paymentKey: string | null; prompt: PaymentPromptCode | null; cancelling: boolean }
  | { step: 'declined'; result: 'declined' | 'aborted'; reason: PaymentReason | null }
  | { step: 'checking' }
  | { step: 'finishing' }
  | { step: 'failed' };

export interface PaymentSlice {
  payment: PaymentFlow;
  /** The host's devices are wired (otherwise only the counter is offered). */
  cardPaymentAvailable: boolean;
  /** The customer agreed to pay without a receipt (the printer cannot print). */
  receiptWanted: boolean;
  /** What the confirmation screen says about the ticket and the payment. */
  outcome: { receipt: ReceiptState; checkedWithTerminal: boolean; staffNeeded: boolean };
  chooseCard(): Promise<void>;
  continueWithoutReceipt(): Promise<void>;
  /** Try again, or another card: a new attempt of the same order. */
  retryCard(): Promise<void>;
  cancelCardPayment(): Promise<void>;
  payAtCounter(): Promise<void>;
  backToPaymentChoice(): void;
  /** At start: payments in doubt resolved with the terminal, receipts checked, the customer told. */
  recoverPayments(): Promise<void>;
}

const toStoredReference = (refs: TerminalRefs | undefined): StoredTerminalReference | undefined =>
  refs && {
    maskedPan: refs.maskedPan,
    authCode: refs.authCode,
    traceNumber: refs.trace?.toString(),
    receiptNumber: refs.receiptNumber?.toString(),
    resultCode: refs.resultCode?.toString(16),
    cardBrand: refs.cardBrand,
  };

const toTerminalRefs = (stored: StoredTerminalReference | undefined): TerminalRefs | undefined => {
  if (!stored) return undefined;
  const number = (text: string | undefined) => (text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined);
  return { cardBrand: stored.cardBrand, maskedPan: stored.maskedPan, authCode: stored.authCode, trace: number(stored.traceNumber), receiptNumber: number(stored.receiptNumber) };
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const initialOutcome = { receipt: 'none' as ReceiptState, checkedWithTerminal: false, staffNeeded: false };

export const createPaymentSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], PaymentSlice> =>
  (set, get, api) => {
    // A new customer starts at the payment choice, whatever the last one saw.
    api.subscribe((state, previous) => {
      if (state.screen === 'attract' && previous.screen !== 'attract') set({ payment: { step: 'choose' }, receiptWanted: true, outcome: initialOutcome });
    });
    const record = (type: string, extra: Omit<SessionEvent, 'type' | 'sessionId' | 'durationMs'> = {}) => {
      const { session } = get();
      const event: SessionEvent = { type, ...extra };
      if (session) {
        event.sessionId = session.id;
        event.durationMs = Math.max(0, deps.now().getTime() - session.startedAt);
      }
      deps.recordEvent(event).catch(() => undefined);
    };
    const payments = (): PaymentDeps => {
      if (!deps.payments) throw new Error('card payment is not wired (KioskDeps.payments)');
      return deps.payments;
    };

    /** The order is the store's now: show its number, forget the cart. */
    const complete = async (order: OrderDocument, outcome: PaymentSlice['outcome']) => {
      set({ lastOrder: order, placing: 'idle', checkoutOrderId: null, screen: 'confirmation', customizer: null, payment: { step: 'choose' }, outcome });
      get().clearCart();
      await deps.clearDraft().catch(() => undefined);
      record('completed', { orderId: order.orderId, detail: { orderNumber: order.orderNumber, method: order.paymentMethod, total: order.total, receipt: outcome.receipt } });
    };

    /** Places the cart's order once (a retry reuses the id, so Dexie returns the same order). */
    const placeCartOrder = async (method: 'card' | 'counter'): Promise<OrderDocument> => {
      const orderId = get().checkoutOrderId ?? deps.newId();
      set({ checkoutOrderId: orderId });
      const order = orderFromCart(get(), orderId);
      if (!order) throw new Error('there is nothing to order');
      return deps.placeOrder(order, method);
    };

    /** Receipt (when wanted), then the order goes to the store. */
    const finishPaid = async (order: OrderDocument, terminal: TerminalRefs | undefined, checkedWithTerminal: boolean) => {
      set({ payment: { step: 'finishing' } });
      let receipt: ReceiptState = 'skipped';
      if (get().receiptWanted) {
        const printed = await payments()
          .printTicket({ kind: 'receipt', order, payment: { amountMinor: order.total, terminal } })
          .catch((error: unknown): PrintOutcome => ({ result: 'failed', message: messageOf(error) }));
        receipt = printed.result === 'printed' ? 'printed' : 'failed';
        if (printed.result === 'failed') record('receipt.failed', { orderId: order.orderId, detail: { message: printed.message } });
      }
      let queued = order;
      try {
        await payments().transitionOrder(order.orderId, receipt === 'printed' ? 'receipt_printed' : 'receipt_failed');
        queued = await payments().transitionOrder(order.orderId, 'queued');
      } catch (error) {
        // The payment is recorded; recovery at the next start moves the order on. The customer keeps their number.
        record('order.transition_failed', { orderId: order.orderId, detail: { message: messageOf(error) } });
      }
      await complete(queued, { receipt, checkedWithTerminal, staffNeeded: false });
    };

    /** Nobody could settle the payment: staff gets a slip, the customer keeps their number. */
    const handToStaff = async (order: OrderDocument, reason: string, startedAt: string | undefined) => {
      await payments()
        .printTicket({ kind: 'unresolved_payment', order, payment: { amountMinor: order.total }, note: { reason: reason.slice(0, 300), startedAt } })
        .catch(() => undefined);
      record('payment.unresolved', { orderId: order.orderId, detail: { reason } });
      set({ lastOrder: order, placing: 'idle', checkoutOrderId: null, screen: 'confirmation', payment: { step: 'choose' }, outcome: { receipt: 'none', checkedWithTerminal: false, staffNeeded: true } });
      get().clearCart();
      await deps.clearDraft().catch(() => undefined);
    };

    /** Asks the terminal (through the host) what happened to a payment in doubt. */
    const resolveInDoubt = async (order: OrderDocument, paymentKey: string, startedAt: string | undefined) => {
      set({ payment: { step: 'checking' } });
      const answer = await payments()
        .resolvePayment(order.orderId, paymentKey)
        .catch((error: unknown): PaymentResolutionOutput => ({ paymentKey, result: 'unknown', message: messageOf(error) }));
      if (answer.result === 'approved') {
        const paid = await payments().recordPaymentOutcome(order.orderId, { result: 'resolved_paid', terminal: toStoredReference(answer.terminal) });
        await finishPaid(paid, answer.terminal, true);
        return;
      }
      if (answer.result === 'not_paid') {
        await payments().recordPaymentOutcome(order.orderId, { result: 'resolved_not_paid' });
        set({ payment: { step: 'declined', result: 'aborted', reason: 'not_charged' }, placing: 'idle' });
        return;
      }
      await handToStaff(order, answer.message, answer.startedAt ?? startedAt);
    };

    const runCardPayment = async () => {
      const { payment } = get();
      if (payment.step === 'placing' || payment.step === 'card' || payment.step === 'checking' || payment.step === 'finishing') return;
      set({ payment: { step: 'placing' }, placing: 'placing' });
      let order: OrderDocument;
      let paymentKey: string;
      try {
        order = await placeCartOrder('card');
        const begun = await payments().beginPayment(order.orderId);
        order = begun.order;
        paymentKey = begun.attempt.paymentKey;
      } catch (error) {
        // Nothing left the kiosk: the cart stays, the customer can retry or pay at the counter.
        record('payment.start_failed', { detail: { message: messageOf(error) } });
        set({ payment: { step: 'failed' }, placing: 'idle' });
        return;
      }
      // placing stays 'placing' until the end: the inactivity reset never interrupts a payment.
      set({ payment: { step: 'card', paymentKey, prompt: null, cancelling: false } });
      const stopPrompts = payments().onPrompt((key, prompt) => {
        const current = get().payment;
        if (current.step === 'card' && current.paymentKey === key) set({ payment: { ...current, prompt } });
      });
      let outcome: CardPaymentOutcome;
      try {
        outcome = await payments().payByCard({ orderId: order.orderId, paymentKey, amountMinor: order.total, currency: order.currency });
      } catch (error) {
        // The request may have reached the terminal: its outcome is unknown until the terminal says.
        outcome = { paymentKey, result: 'unknown', reason: 'link_lost', message: messageOf(error), amountMinor: order.total };
      } finally {
        stopPrompts();
      }
      record('payment.outcome', { orderId: order.orderId, detail: { result: outcome.result, reason: outcome.reason } });
      try {
        await settle(order, paymentKey, outcome);
      } catch (error) {
        // The outcome could not be recorded (storage failed): staff checks with the terminal, the customer keeps the number.
        record('payment.record_failed', { orderId: order.orderId, detail: { message: messageOf(error), result: outcome.result } });
        await handToStaff(order, `the kiosk could not record the payment (${outcome.result}): ${messageOf(error)}`, outcome.startedAt);
      }
    };

    /** Records what the terminal answered and moves on: receipt, try again, or resolve. */
    const settle = async (order: OrderDocument, paymentKey: string, outcome: CardPaymentOutcome) => {
      if (outcome.result === 'approved') {
        const paid = await payments().recordPaymentOutcome(order.orderId, { result: 'approved', terminal: toStoredReference(outcome.terminal) });
        await finishPaid(paid, outcome.terminal, false);
        return;
      }
      if (outcome.result === 'declined' || outcome.result === 'aborted') {
        await payments().recordPaymentOutcome(order.orderId, { result: outcome.result, terminal: outcome.terminal ? toStoredReference({ resultCode: outcome.terminal.resultCode }) : undefined });
        set({ payment: { step: 'declined', result: outcome.result, reason: outcome.reason ?? null }, placing: 'idle' });
        return;
      }
      const inDoubt = await payments().recordPaymentOutcome(order.orderId, { result: 'no_answer' });
      await resolveInDoubt(inDoubt, paymentKey, outcome.startedAt);
    };

    /** The confirmation of an order recovery found unseen; its ticket printed now if it never did (the host prints a ticket once). */
    const showAgain = async (order: OrderDocument, checkedWithTerminal: boolean) => {
      const devices = payments();
      const attempt = order.paymentMethod === 'card' ? await devices.lastAttempt(order.orderId).catch(() => undefined) : undefined;
      const printed = await devices
        .printTicket(
          order.paymentMethod === 'card'
            ? { kind: 'receipt', order, payment: { amountMinor: order.total, terminal: toTerminalRefs(attempt?.terminal) } }
            : { kind: 'pay_at_counter', order },
        )
        .catch((error: unknown): PrintOutcome => ({ result: 'failed', message: messageOf(error) }));
      set({
        lastOrder: order,
        placing: 'idle',
        checkoutOrderId: null,
        screen: 'confirmation',
        customizer: null,
        payment: { step: 'choose' },
        outcome: { receipt: printed.result === 'printed' ? 'printed' : 'failed', checkedWithTerminal, staffNeeded: false },
      });
      get().clearCart();
      await deps.clearDraft().catch(() => undefined);
      record('confirmation_shown_again', { orderId: order.orderId, detail: { orderNumber: order.orderNumber } });
    };

    return {
      payment: { step: 'choose' },
      cardPaymentAvailable: deps.payments !== undefined,
      receiptWanted: true,
      outcome: initialOutcome,

      async chooseCard() {
        if (get().payment.step !== 'choose') return;
        set({ payment: { step: 'checking_printer' }, receiptWanted: true });
        let status: DeviceStatus;
        try {
          status = await payments().getDeviceStatus();
        } catch (error) {
          record('payment.device_status_failed', { detail: { message: messageOf(error) } });
          set({ payment: { step: 'terminal_down' } });
          return;
        }
        if (status.terminal === 'down') {
          set({ payment: { step: 'terminal_down' } });
          return;
        }
        if (status.printer !== 'ok' && status.printer !== 'paper_low') {
          // Said before the charge: the customer decides whether to pay without a receipt.
          set({ payment: { step: 'printer_warning', printer: status.printer } });
          return;
        }
        await runCardPayment();
      },

      async continueWithoutReceipt() {
        if (get().payment.step !== 'printer_warning') return;
        set({ receiptWanted: false, payment: { step: 'choose' } });
        record('payment.without_receipt');
        await runCardPayment();
      },

      async retryCard() {
        const step = get().payment.step;
        if (step !== 'declined' && step !== 'failed') return;
        set({ payment: { step: 'choose' } });
        await runCardPayment();
      },

      async cancelCardPayment() {
        const current = get().payment;
        if (current.step !== 'card' || !current.paymentKey || current.cancelling) return;
        set({ payment: { ...current, cancelling: true } });
        await payments()
          .abortPayment(current.paymentKey)
          .catch(() => undefined);
      },

      async payAtCounter() {
        const { payment, placing } = get();
        if (placing === 'placing' || payment.step === 'card' || payment.step === 'checking' || payment.step === 'finishing') return;
        set({ placing: 'placing', payment: { step: 'choose' } });
        let order: OrderDocument;
        try {
          order = await placeCartOrder('counter');
          // A card order whose payment failed becomes a counter order.
          if (order.status === 'placed') order = await payments().transitionOrder(order.orderId, 'choose_counter');
        } catch (error) {
          record('order.place_failed', { detail: { message: messageOf(error) } });
          set({ placing: 'failed', payment: { step: 'choose' } });
          return;
        }
        const devices = deps.payments;
        // The number is on screen at once; the ticket follows (a host that does not answer must not hold the customer).
        await complete(order, { receipt: devices ? 'printing' : 'none', checkedWithTerminal: false, staffNeeded: false });
        if (!devices) return;
        const placed = order;
        const printed = await devices.printTicket({ kind: 'pay_at_counter', order: placed }).catch((error: unknown): PrintOutcome => ({ result: 'failed', message: messageOf(error) }));
        if (get().lastOrder?.orderId === placed.orderId) set({ outcome: { ...get().outcome, receipt: printed.result === 'printed' ? 'printed' : 'failed' } });
        await devices.transitionOrder(placed.orderId, 'queued').catch((error: unknown) => record('order.transition_failed', { orderId: placed.orderId, detail: { message: messageOf(error) } }));
      },

      backToPaymentChoice() {
        const step = get().payment.step;
        if (step === 'placing' || step === 'card' || step === 'checking' || step === 'finishing') return;
        set({ payment: { step: 'choose' }, placing: 'idle' });
      },

      async recoverPayments() {
        if (!deps.payments) return;
        // A recovered order is shown only while its customer may still be at the kiosk.
        const recent = (order: OrderDocument) => customerMayStillBeHere(order.updatedAt, deps.now());
        const inDoubt = (await deps.payments.ordersInDoubt().catch(() => [])).some(recent);
        // The customer who was paying sees that their payment is being checked, not their cart.
        if (inDoubt) set({ screen: 'payment', payment: { step: 'checking' }, placing: 'placing' });
        let report: PaymentRecovery;
        try {
          report = await deps.payments.recover();
        } catch (error) {
          record('payment.recovery_failed', { detail: { message: messageOf(error) } });
          if (inDoubt) set({ payment: { step: 'choose' }, placing: 'idle' });
          return;
        }
        for (const { order, reason } of report.needsStaff) {
          const attempt = await deps.payments.lastAttempt(order.orderId).catch(() => undefined);
          if (recent(order)) await handToStaff(order, reason, attempt?.requestedAt);
          else await deps.payments.printTicket({ kind: 'unresolved_payment', order, note: { reason, startedAt: attempt?.requestedAt } }).catch(() => undefined);
        }
        // Paid, but no receipt came out before the stop: print it now (first print of that ticket).
        let shown: { order: OrderDocument; receipt: ReceiptState; checked: boolean } | undefined;
        for (const missing of report.receiptsMissing) {
          const attempt = await deps.payments.lastAttempt(missing.orderId).catch(() => undefined);
          const printed = await deps.payments
            .printTicket({ kind: 'receipt', order: missing, payment: { amountMinor: missing.total, terminal: toTerminalRefs(attempt?.terminal) } })
            .catch((): PrintOutcome => ({ result: 'failed', message: 'host unreachable' }));
          const resolved = report.paymentsResolved.some((entry) => entry.order.orderId === missing.orderId);
          if (recent(missing)) shown = { order: missing, receipt: printed.result === 'printed' ? 'printed' : 'failed', checked: resolved };
        }
        if (shown && get().payment.step !== 'card') {
          // The order left the cart: the restored draft is that order, not a new one.
          const orderNow = { ...shown.order, status: 'queued' as const };
          await complete(orderNow, { receipt: shown.receipt, checkedWithTerminal: shown.checked, staffNeeded: false });
          return;
        }
        // Stored with its number, but the customer never got past the confirmation (a crash between
        // storing the order and "Done"): their number comes back before anything else.
        const unseen = report.awaitingConfirmation.filter((order) => !report.receiptsMissing.some((missing) => missing.orderId === order.orderId)).at(-1);
        if (unseen && get().screen !== 'confirmation' && get().payment.step !== 'card') {
          await showAgain(unseen, report.paymentsResolved.some((entry) => entry.order.orderId === unseen.orderId));
          return;
        }
        const notPaid = report.paymentsResolved.find((entry) => entry.result === 'not_paid' && recent(entry.order));
        if (notPaid && inDoubt && get().lines.length > 0) {
          // Nothing was charged: the customer may pay again for the same order.
          set({ screen: 'payment', checkoutOrderId: notPaid.order.orderId, payment: { step: 'declined', result: 'aborted', reason: 'not_charged' }, placing: 'idle' });
          return;
        }
        if (inDoubt && get().payment.step === 'checking') set({ payment: { step: 'choose' }, placing: 'idle' });
        // A card order placed from the restored cart (the same lines and service mode) is that cart's order:
        // paying again reuses it. Older unpaid orders are cancelled – no money moved, and their customer has gone.
        const { lines, serviceMode } = get();
        const sameCart = (order: OrderDocument) =>
          order.serviceMode === serviceMode &&
          order.lines.length === lines.length &&
          order.lines.every((line, index) => line.lineId === lines[index]?.lineId && JSON.stringify(line.selection) === JSON.stringify(lines[index]?.selection));
        for (const order of report.unpaidPlaced) {
          if (recent(order) && order.paymentMethod === 'card' && sameCart(order) && !get().checkoutOrderId) set({ checkoutOrderId: order.orderId });
          else if (!recent(order)) await deps.payments.transitionOrder(order.orderId, 'cancelled_by_customer').catch(() => undefined);
        }
      },
    };
  };
