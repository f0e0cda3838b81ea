// Staff mode at the kiosk: staff resolve the help request, edit the customer's cart
// (quantity, remove with a reason, comp a line with a reason), switch the order to paying at the counter, hand
// the whole order to the counter (the kiosk then resets for the next customer) or
// cancel it (a manager, after confirming with a chosen reason: CancelOrderDialog).
// No reason is ever chosen for staff, and a comped line's quantity is fixed. Every
// action is logged with who and when. "Exit staff mode" returns to the customer where they were.
import { useId, useState } from 'react';
import { COMP_REASONS, type CompReason } from '../../../common/order/order';
import type { HandoffOutcome } from '../../../common/store-bus/messages';
import { describeLine } from '../../../common/menu/describe';
import { compNote, type Catalog } from '../../../common/i18n';
import { useI18n } from '../../i18n/useI18n';
import { priceCartLine } from '../../state/selectors';
import type { StaffModeSlice, StaffProblem } from '../../state/staff-mode-slice';
import { useKiosk } from '../../state/StoreProvider';
import { ModalDialog } from '../components/ModalDialog';
import { CancelOrderDialog } from './CancelOrderDialog';

/** "Comp: the store system cannot be reached right now". */
const noticeText = (catalog: Catalog, notice: NonNullable<StaffModeSlice['staffNotice']>): string => {
  const problems: Record<StaffProblem, string> = { ...catalog.errors, ...catalog.help.staffProblems };
  return catalog.help.notice(catalog.help.staffActions[notice.step], problems[notice.problem]);
};

const OUTCOMES: HandoffOutcome[] = ['helped', 'order_taken_to_counter', 'payment_resolved', 'no_one_there', 'other'];

export const StaffMode = () => {
  const { help: text, catalog, money, locale } = useI18n();
  const staff = useKiosk((state) => state.staffMode);
  const notice = useKiosk((state) => state.staffNotice);
  const request = useKiosk((state) => state.helpRequest);
  const lines = useKiosk((state) => state.lines);
  const menu = useKiosk((state) => state.menu);
  const screen = useKiosk((state) => state.screen);
  const exit = useKiosk((state) => state.exitStaffMode);
  const resolveHelp = useKiosk((state) => state.staffResolveHelp);
  const removeLine = useKiosk((state) => state.staffRemoveLine);
  const setQuantity = useKiosk((state) => state.staffSetQuantity);
  const compLine = useKiosk((state) => state.staffCompLine);
  const switchToCounter = useKiosk((state) => state.staffSwitchToCounter);
  const handToCounter = useKiosk((state) => state.staffHandToCounter);
  const cancelOrder = useKiosk((state) => state.staffCancelOrder);
  const retryPayment = useKiosk((state) => state.staffRetryPayment);
  const resolvePayment = useKiosk((state) => state.staffResolvePayment);
  const reprint = useKiosk((state) => state.staffReprint);
  const paymentStep = useKiosk((state) => state.payment.step);
  const lastOrder = useKiosk((state) => state.lastOrder);
  const [outcome, setOutcome] = useState<HandoffOutcome>('helped');
  const [reason, setReason] = useState('');
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const outcomeId = useId();
  const reasonId = useId();
  const [compReason, setCompReason] = useState<CompReason | ''>('');
  const compFixedId = useId();
  const [compNoteText, setCompNoteText] = useState('');
  const compReasonId = useId();
  const compNoteId = useId();
  if (!staff) return null;
  const openRequest = request?.handoffId && (request.stage === 'on_the_way' || request.stage === 'coming') ? request : null;
  const canPlace = lines.length > 0 && screen !== 'confirmation';
  const inDoubt = lastOrder?.status === 'payment_unknown' ? lastOrder : null;

  return (
    <ModalDialog titleId="staff-mode-title" onDismiss={() => void exit()}>
      <h2 id="staff-mode-title">
        {text.staffModeTitle(staff.staffName)}
        {staff.manager ? ` (${text.managerBadge})` : null}
      </h2>
      <p role="alert" className="form-error">
        {notice ? noticeText(catalog, notice) : null}
      </p>

      {openRequest ? (
        <section aria-labelledby="staff-help-heading" className="staff-section">
          <h3 id="staff-help-heading">{text.helpRequestHeading}</h3>
          <p>{text.helpRequestState(text.reasons[openRequest.reason], text.stages[openRequest.stage])}</p>
          <label htmlFor={outcomeId}>{text.outcomeLabel}</label>
          <select id={outcomeId} value={outcome} onChange={(event) => setOutcome(event.target.value as HandoffOutcome)}>
            {OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {catalog.outcomes[value]}
              </option>
            ))}
          </select>
          <button type="button" className="button primary" onClick={() => void resolveHelp(outcome)}>
            {text.resolveRequest}
          </button>
        </section>
      ) : null}

      <section aria-labelledby="staff-cart-heading" className="staff-section">
        <h3 id="staff-cart-heading">{text.cartHeading}</h3>
        <label htmlFor={reasonId}>{text.changeReasonLabel}</label>
        <select id={reasonId} value={reason} onChange={(event) => setReason(event.target.value)}>
          <option value="">{text.chooseReason}</option>
          {text.changeReasons.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
        <label htmlFor={compReasonId}>{text.compReasonLabel}</label>
        <select id={compReasonId} value={compReason} onChange={(event) => setCompReason(event.target.value as CompReason | '')}>
          <option value="">{text.chooseReason}</option>
          {COMP_REASONS.map((value) => (
            <option key={value} value={value}>
              {catalog.compReasons[value]}
            </option>
          ))}
        </select>
        <label htmlFor={compNoteId}>{text.compNoteLabel}</label>
        <input id={compNoteId} type="text" maxLength={180} value={compNoteText} onChange={(event) => setCompNoteText(event.target.value)} />
        {lines.length === 0 || !menu ? (
          <p>{text.emptyCart}</p>
        ) : (
          <ul className="staff-lines">
            {lines.map((line) => {
              const { title } = describeLine(menu, line.selection, locale);
              return (
                <li key={line.lineId}>
                  <span>
                    {line.selection.quantity} × {title} – {money(priceCartLine(menu, line).total)}
                    {line.comp ? <em className="comp-note"> {compNote(catalog, line.comp)}</em> : null}
                  </span>
                  {/* A comp gave away this quantity: it stays fixed (said in words next to the line). */}
                  <button type="button" className="button small" aria-label={text.fewer(title)} aria-describedby={line.comp ? compFixedId : undefined} disabled={line.selection.quantity <= 1 || line.comp !== undefined} onClick={() => void setQuantity(line.lineId, line.selection.quantity - 1)}>
                    −
                  </button>
                  <button type="button" className="button small" aria-label={text.more(title)} aria-describedby={line.comp ? compFixedId : undefined} disabled={line.comp !== undefined} onClick={() => void setQuantity(line.lineId, line.selection.quantity + 1)}>
                    +
                  </button>
                  {line.comp ? null : (
                    <button type="button" className="button small" onClick={() => void compLine(line.lineId, compReason, compNoteText)}>
                      {text.comp(title)}
                    </button>
                  )}
                  <button type="button" className="button small danger" onClick={() => void removeLine(line.lineId, reason)}>
                    {text.remove(title)}
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {lines.some((line) => line.comp) ? (
          <p id={compFixedId} className="staff-hint">
            {text.compFixed}
          </p>
        ) : null}
      </section>

      <section aria-labelledby="staff-order-heading" className="staff-section">
        <h3 id="staff-order-heading">{text.orderHeading}</h3>
        {inDoubt ? (
          <div className="staff-actions">
            <p>{text.paymentInDoubt(inDoubt.orderNumber)}</p>
            <button type="button" className="button" onClick={() => void resolvePayment(true)}>
              {text.markPaid}
            </button>
            <button type="button" className="button danger" onClick={() => void resolvePayment(false)}>
              {text.markNotPaid}
            </button>
          </div>
        ) : null}
        <div className="staff-actions">
          {paymentStep === 'declined' ? (
            <button type="button" className="button" onClick={() => void retryPayment()}>
              {text.retryPayment}
            </button>
          ) : null}
          {lastOrder && screen === 'confirmation' && !inDoubt ? (
            <button type="button" className="button" onClick={() => void reprint()}>
              {text.reprint}
            </button>
          ) : null}
          <button type="button" className="button" disabled={!canPlace} onClick={() => void switchToCounter()}>
            {text.switchToCounter}
          </button>
          <button type="button" className="button" disabled={!canPlace} onClick={() => void handToCounter()}>
            {text.handToCounter}
          </button>
          <button type="button" className="button danger" onClick={() => setConfirmingCancel(true)}>
            {text.cancelOrder}
          </button>
        </div>
      </section>

      <div className="actions">
        <button type="button" className="button primary" onClick={() => void exit()}>
          {text.exitStaffMode}
        </button>
      </div>
      {confirmingCancel ? <CancelOrderDialog manager={staff.manager} onKeep={() => setConfirmingCancel(false)} onCancel={(why) => {
            setConfirmingCancel(false);
            void cancelOrder(why);
          }}
        /> : null}
    </ModalDialog>
  );
};
