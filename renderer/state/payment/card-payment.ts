// A card payment, start to end (never charge twice, never lose a paid order):
//   order placed (Dexie: the order and its outbox row in one transaction) → placed with the host
//   (placeOrder: priced again and journaled, nothing charged) → payment_pending written (beginPayment) →
//   payByCard on the host (it charges its own total) →
//   outcome written → receipt → queued → confirmation with the order number.
// An outcome that is not known is resolved with the terminal through the host (resolvePayment),
// never by charging again; unresolved, staff gets a slip and the customer keeps their number.
import type { CardPaymentOutcome, PaymentResolutionOutput, PrintOutcome, TerminalReference } from '../../../common/contract/devices';
import type { OrderDocument } from '../../../common/order/order';
import type { ReceiptState } from '../payment-slice';
import { failureDetail, type PaymentContext } from './context';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface CardPayment {
  /** Places the cart's order (once) and pays it on the terminal; ignored while a payment runs. */
  run(): Promise<void>;
}

export function createCardPayment(ctx: PaymentContext): CardPayment {
  const { get, move, record, payments } = ctx;

  /** Receipt (when wanted), then the order goes to the store. */
  const finishPaid = async (order: OrderDocument, terminal: TerminalReference | undefined, checkedWithTerminal: boolean) => {
    move({ type: 'finish' });
    let receipt: ReceiptState = 'skipped';
    if (get().receiptWanted) {
      const printed = await payments()
        .printTicket({ kind: 'receipt', order })
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
      record('order.transition_failed', { orderId: order.orderId, detail: failureDetail(error) });
    }
    await ctx.complete(queued, { receipt, checkedWithTerminal, staffNeeded: false });
  };

  /** Asks the terminal (through the host) what happened to a payment in doubt. */
  const resolveInDoubt = async (order: OrderDocument, paymentKey: string, startedAt: string | undefined) => {
    move({ type: 'check' });
    const answer = await payments()
      .resolvePayment(order.orderId, paymentKey)
      .catch((error: unknown): PaymentResolutionOutput => ({ paymentKey, result: 'unknown', message: messageOf(error) }));
    if (answer.result === 'approved') {
      const paid = await payments().recordPaymentOutcome(order.orderId, { result: 'resolved_paid', terminal: answer.terminal });
      await finishPaid(paid, answer.terminal, true);
      return;
    }
    if (answer.result === 'not_paid') {
      await payments().recordPaymentOutcome(order.orderId, { result: 'resolved_not_paid' });
      move({ type: 'refused', result: 'aborted', reason: 'not_charged' }, { placing: 'idle' });
      return;
    }
    await ctx.handToStaff(order, answer.message, answer.startedAt ?? startedAt);
  };

  /** Records what the terminal answered and moves on: receipt, try again, or resolve. */
  const settle = async (order: OrderDocument, paymentKey: string, outcome: CardPaymentOutcome) => {
    if (outcome.result === 'approved') {
      const paid = await payments().recordPaymentOutcome(order.orderId, { result: 'approved', terminal: outcome.terminal });
      await finishPaid(paid, outcome.terminal, false);
      return;
    }
    if (outcome.result === 'declined' || outcome.result === 'aborted') {
      await payments().recordPaymentOutcome(order.orderId, { result: outcome.result, terminal: outcome.terminal });
      move({ type: 'refused', result: outcome.result, reason: outcome.reason ?? null }, { placing: 'idle' });
      return;
    }
    const inDoubt = await payments().recordPaymentOutcome(order.orderId, { result: 'no_answer' });
    await resolveInDoubt(inDoubt, paymentKey, outcome.startedAt);
  };

  return {
    async run() {
      // placing stays 'placing' until the end: the inactivity reset never interrupts a payment.
      if (!move({ type: 'start' }, { placing: 'placing' })) return;
      let order: OrderDocument;
      let paymentKey: string;
      try {
        order = await ctx.placeCartOrder('card');
        // The host prices the stored order itself and journals it; it will charge only its own total.
        await payments().placeOrder(order);
        const begun = await payments().beginPayment(order.orderId);
        order = begun.order;
        paymentKey = begun.attempt.paymentKey;
      } catch (error) {
        // Nothing left the kiosk: the cart stays, the customer can retry or pay at the counter.
        record('payment.start_failed', { detail: failureDetail(error) });
        move({ type: 'start_failed' }, { placing: 'idle' });
        return;
      }
      move({ type: 'card_ready', paymentKey });
      const stopPrompts = payments().onPrompt((key, prompt) => void move({ type: 'prompt', paymentKey: key, prompt }));
      let outcome: CardPaymentOutcome;
      try {
        outcome = await payments().payByCard({ orderId: order.orderId, paymentKey });
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
        record('payment.record_failed', { orderId: order.orderId, detail: { ...failureDetail(error), result: outcome.result } });
        await ctx.handToStaff(order, `the kiosk could not record the payment (${outcome.result}): ${messageOf(error)}`, outcome.startedAt);
      }
    },
  };
}
