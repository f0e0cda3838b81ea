// Payments at start: what the data layer's recovery found (payments resolved with the terminal,
// receipts that never printed, orders whose confirmation was never seen, orders placed but not
// paid) becomes what the customer who may still be at the kiosk sees, and staff slips for the rest.
import type { PrintOutcome } from '../../../common/contract/devices';
import type { OrderDocument } from '../../../common/order/order';
import { customerMayStillBeHere } from '../../../common/order/recovery-policy';
import type { PaymentRecovery, ReceiptState } from '../payment-slice';
import { failureDetail, type PaymentContext } from './context';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The confirmation of an order recovery found unseen; its ticket printed now if it never did (the host prints a ticket once). */
async function showAgain(ctx: PaymentContext, order: OrderDocument, checkedWithTerminal: boolean): Promise<void> {
  const devices = ctx.payments();
  const printed = await devices
    .printTicket(order.paymentMethod === 'card' ? { kind: 'receipt', order } : { kind: 'pay_at_counter', order })
    .catch((error: unknown): PrintOutcome => ({ result: 'failed', message: messageOf(error) }));
  ctx.move(
    { type: 'reset' },
    {
      lastOrder: order,
      placing: 'idle',
      checkoutOrderId: null,
      screen: 'confirmation',
      customizer: null,
      outcome: { receipt: printed.result === 'printed' ? 'printed' : 'failed', checkedWithTerminal, staffNeeded: false },
    },
  );
  ctx.get().clearCart();
  await ctx.deps.clearDraft().catch(() => undefined);
  ctx.record('confirmation_shown_again', { orderId: order.orderId, detail: { orderNumber: order.orderNumber } });
}

export async function recoverPayments(ctx: PaymentContext): Promise<void> {
  const { get, set, move, record } = ctx;
  const payments = ctx.deps.payments;
  if (!payments) return;
  // A recovered order is shown only while its customer may still be at the kiosk.
  const recent = (order: OrderDocument) => customerMayStillBeHere(order.updatedAt, ctx.deps.now());
  const inDoubt = (await payments.ordersInDoubt().catch(() => [])).some(recent);
  // The customer who was paying sees that their payment is being checked, not their cart.
  if (inDoubt) move({ type: 'check' }, { screen: 'payment', placing: 'placing' });
  let report: PaymentRecovery;
  try {
    report = await payments.recover();
  } catch (error) {
    record('payment.recovery_failed', { detail: failureDetail(error) });
    if (inDoubt) move({ type: 'reset' }, { placing: 'idle' });
    return;
  }
  for (const { order, reason } of report.needsStaff) {
    const attempt = await payments.lastAttempt(order.orderId).catch(() => undefined);
    if (recent(order)) await ctx.handToStaff(order, reason, attempt?.requestedAt);
    else await payments.printTicket({ kind: 'unresolved_payment', order, note: { reason, startedAt: attempt?.requestedAt } }).catch(() => undefined);
  }
  // Paid, but no receipt came out before the stop: print it now (first print of that ticket).
  let shown: { order: OrderDocument; receipt: ReceiptState; checked: boolean } | undefined;
  for (const missing of report.receiptsMissing) {
    const printed = await payments
      .printTicket({ kind: 'receipt', order: missing })
      .catch((): PrintOutcome => ({ result: 'failed', message: 'host unreachable' }));
    const resolved = report.paymentsResolved.some((entry) => entry.order.orderId === missing.orderId);
    if (recent(missing)) shown = { order: missing, receipt: printed.result === 'printed' ? 'printed' : 'failed', checked: resolved };
  }
  if (shown && get().payment.step !== 'card') {
    // The order left the cart: the restored draft is that order, not a new one.
    const orderNow = { ...shown.order, status: 'queued' as const };
    await ctx.complete(orderNow, { receipt: shown.receipt, checkedWithTerminal: shown.checked, staffNeeded: false });
    return;
  }
  // Stored with its number, but the customer never got past the confirmation (a crash between
  // storing the order and "Done"): their number comes back before anything else.
  const unseen = report.awaitingConfirmation.filter((order) => !report.receiptsMissing.some((missing) => missing.orderId === order.orderId)).at(-1);
  if (unseen && get().screen !== 'confirmation' && get().payment.step !== 'card') {
    await showAgain(ctx, unseen, report.paymentsResolved.some((entry) => entry.order.orderId === unseen.orderId));
    return;
  }
  const notPaid = report.paymentsResolved.find((entry) => entry.result === 'not_paid' && recent(entry.order));
  if (notPaid && inDoubt && get().lines.length > 0) {
    // Nothing was charged: the customer may pay again for the same order.
    move({ type: 'refused', result: 'aborted', reason: 'not_charged' }, { screen: 'payment', checkoutOrderId: notPaid.order.orderId, placing: 'idle' });
    return;
  }
  if (inDoubt && get().payment.step === 'checking') move({ type: 'reset' }, { placing: 'idle' });
  // A card order placed from the restored cart (the same lines and service mode) is that cart's order:
  // paying again reuses it. Older unpaid orders are cancelled – no money moved, and their customer has gone.
  const { lines, serviceMode } = get();
  const sameCart = (order: OrderDocument) =>
    order.serviceMode === serviceMode &&
    order.lines.length === lines.length &&
    order.lines.every((line, index) => line.lineId === lines[index]?.lineId && JSON.stringify(line.selection) === JSON.stringify(lines[index]?.selection));
  for (const order of report.unpaidPlaced) {
    if (recent(order) && order.paymentMethod === 'card' && sameCart(order) && !get().checkoutOrderId) set({ checkoutOrderId: order.orderId });
    else if (!recent(order)) await payments.transitionOrder(order.orderId, 'cancelled_by_customer').catch(() => undefined);
  }
}
