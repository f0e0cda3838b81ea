// Everything after the customer picked card payment: the printer warning (before any charge),
// live terminal prompts with Cancel, the outcome and its ways on, and "we're checking your payment".
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import './payment.css';

/** A step's heading takes focus, so screen-reader and keyboard users land on what changed. */
const StepHeading = ({ children }: { children: ReactNode }) => {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!document.querySelector('dialog[open]')) ref.current?.focus();
  }, []);
  return (
    <h2 ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
};

/** The exit ramps every failed step offers: pay at the counter, or a person. */
const ExitRamps = ({ children }: { children?: ReactNode }) => {
  const { t } = useI18n();
  const payAtCounter = useKiosk((state) => state.payAtCounter);
  const openHelp = useKiosk((state) => state.openHelp);
  return (
    <div className="actions">
      {children}
      <button type="button" className="button" onClick={() => void payAtCounter()}>
        {t.payAtCounter}
      </button>
      <button type="button" className="button" onClick={openHelp}>
        {t.callStaff}
      </button>
    </div>
  );
};

export const PaymentStepPanel = ({ total }: { total: string }) => {
  const { t } = useI18n();
  const payment = useKiosk((state) => state.payment);
  const continueWithoutReceipt = useKiosk((state) => state.continueWithoutReceipt);
  const retryCard = useKiosk((state) => state.retryCard);
  const cancelCardPayment = useKiosk((state) => state.cancelCardPayment);
  const p = t.payment;

  switch (payment.step) {
    case 'choose':
      return null;
    case 'checking_printer':
    case 'placing':
      return (
        <section className="payment-step" aria-labelledby="payment-step-title">
          <p id="payment-step-title" role="status" className="payment-note">
            {p.gettingReady}
          </p>
        </section>
      );
    case 'printer_warning':
      return (
        <section className="payment-step">
          <StepHeading>{p.printerProblemTitle}</StepHeading>
          <p role="alert" className="payment-note">
            {p.printerProblems[payment.printer]}
          </p>
          <p className="payment-note">{p.printerProblemHint}</p>
          <ExitRamps>
            <button type="button" className="button primary" onClick={() => void continueWithoutReceipt()}>
              {p.continueWithoutReceipt}
            </button>
          </ExitRamps>
        </section>
      );
    case 'terminal_down':
      return (
        <section className="payment-step">
          <StepHeading>{p.terminalDownTitle}</StepHeading>
          <p role="alert" className="payment-note">
            {p.terminalDownHint}
          </p>
          <ExitRamps />
        </section>
      );
    case 'card':
      return (
        <section className="payment-step">
          <StepHeading>{p.cardTitle}</StepHeading>
          <p className="payment-note">{p.amountDue(total)}</p>
          <p role="status" aria-live="assertive" className="payment-prompt">
            {payment.prompt === 'checking_with_terminal' ? p.prompts.checking_with_terminal : payment.cancelling ? p.cancelling : payment.prompt ? p.prompts[payment.prompt] : p.followTerminal}
          </p>
          <div className="actions">
            <button type="button" className="button danger" disabled={payment.cancelling} onClick={() => void cancelCardPayment()}>
              {p.cancel}
            </button>
          </div>
        </section>
      );
    case 'declined':
      return (
        <section className="payment-step">
          <StepHeading>{payment.result === 'aborted' ? p.abortedTitle : p.declinedTitle}</StepHeading>
          <p role="alert" className="payment-note">
            {payment.reason ? p.reasons[payment.reason] : p.reasons.declined_by_bank} {payment.reason === 'not_charged' ? null : p.nothingCharged}
          </p>
          <ExitRamps>
            <button type="button" className="button primary" onClick={() => void retryCard()}>
              {p.tryAgain}
            </button>
            <button type="button" className="button" onClick={() => void retryCard()}>
              {p.anotherCard}
            </button>
          </ExitRamps>
        </section>
      );
    case 'checking':
      return (
        <section className="payment-step">
          <StepHeading>{p.checkingTitle}</StepHeading>
          <p role="status" className="payment-note">
            {p.checkingHint}
          </p>
        </section>
      );
    case 'finishing':
      return (
        <section className="payment-step">
          <p role="status" className="payment-prompt">
            {p.finishing}
          </p>
        </section>
      );
    case 'failed':
      return (
        <section className="payment-step">
          <p role="alert" className="payment-note">
            {p.failed}
          </p>
          <ExitRamps>
            <button type="button" className="button primary" onClick={() => void retryCard()}>
              {p.tryAgain}
            </button>
          </ExitRamps>
        </section>
      );
  }
};
