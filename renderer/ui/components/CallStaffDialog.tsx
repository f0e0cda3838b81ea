// "Call staff": the customer says why; the store asks a person to come if the kiosk can
// reach staff, and otherwise says plainly to ask at the counter (no pretend notification).
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import type { HelpReason } from '../../state/types';
import { ModalDialog } from './ModalDialog';

export const CallStaffDialog = () => {
  const open = useKiosk((state) => state.help.open);
  return open ? <CallStaffDialogBody /> : null;
};

const CallStaffDialogBody = () => {
  const { t } = useI18n();
  const help = useKiosk((state) => state.help);
  const closeHelp = useKiosk((state) => state.closeHelp);
  const requestHelp = useKiosk((state) => state.requestHelp);
  const closeRef = useRef<HTMLButtonElement>(null);
  const answered = help.outcome === 'notified' || help.outcome === 'ask_at_counter';
  // The reason buttons disappear once answered; keep focus inside the dialog.
  useEffect(() => {
    if (answered) closeRef.current?.focus();
  }, [answered]);

  const reasons: { reason: HelpReason; label: string }[] = [
    { reason: 'help_with_order', label: t.helpReasonOrdering },
    { reason: 'allergy_question', label: t.helpReasonAllergy },
    { reason: 'accessibility', label: t.helpReasonAccessibility },
    { reason: 'payment_problem', label: t.helpReasonPayment },
    { reason: 'other', label: t.helpReasonOther },
  ];
  return (
    <ModalDialog titleId="call-staff-title" onDismiss={closeHelp}>
      <h2 id="call-staff-title">{t.callStaffTitle}</h2>
      <div role="status" className="help-outcome">
        {help.outcome === 'notified' ? <p>{t.helpNotified}</p> : null}
        {help.outcome === 'ask_at_counter' ? <p>{t.helpAskAtCounter}</p> : null}
      </div>
      {answered ? null : (
        <ul className="help-reasons">
          {reasons.map(({ reason, label }) => (
            <li key={reason}>
              <button type="button" className="button" disabled={help.outcome === 'sending'} onClick={() => void requestHelp(reason)}>
                {label}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button ref={closeRef} type="button" className="button primary" onClick={closeHelp}>
          {t.close}
        </button>
      </div>
    </ModalDialog>
  );
};
