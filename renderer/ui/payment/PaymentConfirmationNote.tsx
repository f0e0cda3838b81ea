// What the confirmation screen says about the payment and the ticket: the order number is on
// screen either way, so a receipt that did not print never leaves the customer without it.
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import './payment.css';

export const PaymentConfirmationNote = () => {
  const { t, money } = useI18n();
  const order = useKiosk((state) => state.lastOrder);
  const outcome = useKiosk((state) => state.outcome);
  const p = t.payment;
  if (!order) return null;
  if (outcome.staffNeeded) {
    return (
      <section className="payment-note" aria-labelledby="staff-needed-title">
        <h2 id="staff-needed-title">{p.staffNeededTitle}</h2>
        <p role="alert">{p.staffNeeded}</p>
      </section>
    );
  }
  if (order.paymentMethod === 'counter') {
    if (outcome.receipt === 'printed') return <p className="payment-note">{p.counterTicketPrinted}</p>;
    if (outcome.receipt === 'failed') return <p className="payment-note" role="alert">{p.counterTicketFailed}</p>;
    return null;
  }
  return (
    <div className="payment-note">
      {outcome.checkedWithTerminal ? <p>{p.checkedWithTerminal}</p> : null}
      <p>{p.paidByCard(money(order.total))}</p>
      {outcome.receipt === 'printed' ? <p>{p.receiptPrinted}</p> : null}
      {outcome.receipt === 'failed' ? <p role="alert">{p.receiptFailed}</p> : null}
      {outcome.receipt === 'skipped' ? <p>{p.receiptSkipped}</p> : null}
    </div>
  );
};
