// What the payment pieces (card payment, recovery) share: the store, the devices, the flow
// table, and the two ways a checkout ends – the order's number on screen, or staff called in.
import type { OrderDocument } from '../../../common/order/order';
import { errorCodeOf } from '../../../common/contract/errors';
import type { PaymentDeps, PaymentSlice } from '../payment-slice';
import { sessionRecorder, type RecordEvent } from '../record';
import { orderFromCart } from '../selectors';
import type { KioskDeps, KioskState } from '../types';
import { nextPaymentStep, type PaymentEvent } from './flow';

export interface PaymentContext {
  deps: KioskDeps;
  get(): KioskState;
  set(partial: Partial<KioskState>): void;
  record: RecordEvent;
  /** The host's devices; throws when the kiosk runs without them (counter only). */
  payments(): PaymentDeps;
  /** Applies a flow event (with other state changes); false, and nothing changes, when the current step does not accept it. */
  move(event: PaymentEvent, with_?: Partial<KioskState>): boolean;
  /** Places the cart's order once (a retry reuses the id, so Dexie returns the same order). */
  placeCartOrder(method: 'card' | 'counter'): Promise<OrderDocument>;
  /** The order is the store's now: its number on screen, the cart forgotten. */
  complete(order: OrderDocument, outcome: PaymentSlice['outcome']): Promise<void>;
  /** Nobody could settle the payment: staff gets a slip, the customer keeps their number. */
  handToStaff(order: OrderDocument, reason: string, startedAt: string | undefined): Promise<void>;
}

/** For event details: the failure's code (from the contract) and its message (for logs). */
export const failureDetail = (error: unknown): { code: string; message: string } => ({
  code: errorCodeOf(error),
  message: error instanceof Error ? error.message : String(error),
});

export function createPaymentContext(deps: KioskDeps, set: (partial: Partial<KioskState>) => void, get: () => KioskState): PaymentContext {
  const record = sessionRecorder(deps, get);
  const payments = (): PaymentDeps => {
    if (!deps.payments) throw new Error('card payment is not wired (KioskDeps.payments)');
    return deps.payments;
  };
  const move: PaymentContext['move'] = (event, with_ = {}) => {
    const next = nextPaymentStep(get().payment, event);
    if (!next) return false;
    set({ ...with_, payment: next });
    return true;
  };
  const leaveCheckout = async (order: OrderDocument, outcome: PaymentSlice['outcome']) => {
    move({ type: 'reset' }, { lastOrder: order, placing: 'idle', checkoutOrderId: null, screen: 'confirmation', customizer: null, outcome });
    get().clearCart();
    await deps.clearDraft().catch(() => undefined);
  };
  return {
    deps,
    get,
    set,
    record,
    payments,
    move,
    async placeCartOrder(method) {
      const orderId = get().checkoutOrderId ?? deps.newId();
      set({ checkoutOrderId: orderId });
      const order = orderFromCart(get(), orderId);
      if (!order) throw new Error('there is nothing to order');
      return deps.placeOrder(order, method);
    },
    async complete(order, outcome) {
      await leaveCheckout(order, outcome);
      record('completed', { orderId: order.orderId, detail: { orderNumber: order.orderNumber, method: order.paymentMethod, total: order.total, receipt: outcome.receipt } });
    },
    async handToStaff(order, reason, startedAt) {
      await payments()
        .printTicket({ kind: 'unresolved_payment', order, note: { reason: reason.slice(0, 300), startedAt } })
        .catch(() => undefined);
      record('payment.unresolved', { orderId: order.orderId, detail: { reason } });
      await leaveCheckout(order, { receipt: 'none', checkedWithTerminal: false, staffNeeded: true });
    },
  };
}
