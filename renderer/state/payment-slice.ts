// The payment step: card on the terminal or pay at the counter, the receipt, and payments in doubt.
// The steps are a pure table (payment/flow.ts); a card payment runs in payment/card-payment.ts,
// recovery at start in payment/recovery.ts. This slice holds the state and the customer's actions.
//
// Before a card charge: the printer is checked, and the customer consents if no receipt can print.
import type { StateCreator } from 'zustand';
import type { CardPaymentOutcome, DeviceStatus, PaymentPromptCode, PaymentResolutionOutput, PrintOutcome, TerminalReference, TicketKind } from '../../common/contract/devices';
import type { OrderDocument } from '../../common/order/order';
import type { LifecycleEvent } from '../../common/order/order-lifecycle';
import { createCardPayment } from './payment/card-payment';
import { createPaymentContext, failureDetail } from './payment/context';
import { paymentBusy, type PaymentFlow } from './payment/flow';
import { recoverPayments } from './payment/recovery';
import type { KioskDeps, KioskState } from './types';

export type { PaymentFlow };

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
  /** Hands the stored order to the host, which prices and journals it (refused with a code when its prices are not the menu's). */
  placeOrder(order: OrderDocument): Promise<unknown>;
  /** Charges the host's journaled total of a placed order: the page names no amount. */
  payByCard(input: { orderId: string; paymentKey: string }): Promise<CardPaymentOutcome>;
  abortPayment(paymentKey: string): Promise<unknown>;
  resolvePayment(orderId: string, paymentKey: string): Promise<PaymentResolutionOutput>;
  /** The host prints "paid" only from its own journal: the page names no payment. */
  printTicket(input: { kind: TicketKind; order: OrderDocument; note?: { reason: string; startedAt?: string }; reprint?: boolean }): Promise<PrintOutcome>;
  /** Terminal prompts as the host pushes them; returns the unsubscribe. */
  onPrompt(listener: (paymentKey: string, prompt: PaymentPromptCode) => void): () => void;
  beginPayment(orderId: string): Promise<{ order: OrderDocument; attempt: { paymentKey: string; requestedAt: string } }>;
  recordPaymentOutcome(orderId: string, outcome: { result: StoredPaymentResult; terminal?: TerminalReference }): Promise<OrderDocument>;
  transitionOrder(orderId: string, event: LifecycleEvent): Promise<OrderDocument>;
  /** The order's latest payment attempt, for its terminal references. */
  lastAttempt(orderId: string): Promise<{ paymentKey: string; requestedAt: string; terminal?: TerminalReference } | undefined>;
  /** Orders waiting for a payment decision (a recent one: its customer sees "checking" while recovery runs). */
  ordersInDoubt(): Promise<OrderDocument[]>;
  /** Runs the data layer's recovery at start (payments resolved through the host, receipts checked). */
  recover(): Promise<PaymentRecovery>;
}

export type ReceiptState = 'none' | 'printing' | 'printed' | 'failed' | 'skipped';

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

const initialOutcome = { receipt: 'none' as ReceiptState, checkedWithTerminal: false, staffNeeded: false };

export const createPaymentSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], PaymentSlice> =>
  (set, get, api) => {
    const ctx = createPaymentContext(deps, set, get);
    const { move, record } = ctx;
    const card = createCardPayment(ctx);
    // A new customer starts at the payment choice, whatever the last one saw.
    api.subscribe((state, previous) => {
      if (state.screen === 'attract' && previous.screen !== 'attract') move({ type: 'reset' }, { receiptWanted: true, outcome: initialOutcome });
    });

    return {
      payment: { step: 'choose' },
      cardPaymentAvailable: deps.payments !== undefined,
      receiptWanted: true,
      outcome: initialOutcome,

      async chooseCard() {
        if (!move({ type: 'choose_card' }, { receiptWanted: true })) return;
        let status: DeviceStatus;
        try {
          status = await ctx.payments().getDeviceStatus();
        } catch (error) {
          record('payment.device_status_failed', { detail: failureDetail(error) });
          move({ type: 'terminal_down' });
          return;
        }
        if (status.terminal === 'down') {
          move({ type: 'terminal_down' });
          return;
        }
        if (status.printer !== 'ok' && status.printer !== 'paper_low') {
          // Said before the charge: the customer decides whether to pay without a receipt.
          move({ type: 'printer_problem', printer: status.printer });
          return;
        }
        await card.run();
      },

      async continueWithoutReceipt() {
        if (get().payment.step !== 'printer_warning') return;
        set({ receiptWanted: false });
        record('payment.without_receipt');
        await card.run();
      },

      async retryCard() {
        const step = get().payment.step;
        if (step !== 'declined' && step !== 'failed') return;
        await card.run();
      },

      async cancelCardPayment() {
        const current = get().payment;
        if (!move({ type: 'cancel' }) || current.step !== 'card' || !current.paymentKey) return;
        await ctx
          .payments()
          .abortPayment(current.paymentKey)
          .catch(() => undefined);
      },

      async payAtCounter() {
        if (get().placing === 'placing' || !move({ type: 'back' }, { placing: 'placing' })) return;
        let order: OrderDocument;
        try {
          order = await ctx.placeCartOrder('counter');
          // A card order whose payment failed becomes a counter order.
          if (order.status === 'placed') order = await ctx.payments().transitionOrder(order.orderId, 'choose_counter');
        } catch (error) {
          record('order.place_failed', { detail: failureDetail(error) });
          move({ type: 'back' }, { placing: 'failed' });
          return;
        }
        const devices = deps.payments;
        // The number is on screen at once; the ticket follows (a host that does not answer must not hold the customer).
        await ctx.complete(order, { receipt: devices ? 'printing' : 'none', checkedWithTerminal: false, staffNeeded: false });
        if (!devices) return;
        const placed = order;
        // The host prices and journals every order; a counter order is paid to staff, so a refusal is recorded, not shown.
        await devices.placeOrder(placed).catch((error: unknown) => record('order.host_refused', { orderId: placed.orderId, detail: failureDetail(error) }));
        const printed = await devices
          .printTicket({ kind: 'pay_at_counter', order: placed })
          .catch((error: unknown): PrintOutcome => ({ result: 'failed', message: error instanceof Error ? error.message : String(error) }));
        if (get().lastOrder?.orderId === placed.orderId) set({ outcome: { ...get().outcome, receipt: printed.result === 'printed' ? 'printed' : 'failed' } });
        await devices.transitionOrder(placed.orderId, 'queued').catch((error: unknown) => record('order.transition_failed', { orderId: placed.orderId, detail: failureDetail(error) }));
      },

      backToPaymentChoice() {
        move({ type: 'back' }, { placing: 'idle' });
      },

      recoverPayments: () => recoverPayments(ctx),
    };
  };

/** Whether the payment screen must not be left or a second payment started (the flow table's busy steps). */
export const paymentInProgress = (state: Pick<KioskState, 'payment' | 'placing'>): boolean => state.placing === 'placing' || paymentBusy(state.payment);
