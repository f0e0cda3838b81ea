// "Call staff": the customer may say why, and then sees where the request stands
// (help is on the way → who is coming → resolved), can cancel it and keep ordering.
// If the kiosk cannot reach staff it says plainly to ask at the counter. Always
// mounted: it also carries the global help key, the request's status banner, offers
// of help and staff mode (its entry is the "Staff sign-in" button in this dialog).
import { Suspense, useEffect, useRef } from 'react';
import type { HandoffReason } from '../../../common/store-bus/messages';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk, useKioskStore } from '../../state/StoreProvider';
import { HelpKeyboardShortcut } from '../help/HelpKeyboardShortcut';
import { HelpOfferBanner } from '../help/HelpOffer';
import { HelpStatusBanner, useHelpStageText } from '../help/HelpStatus';
import { StaffMode } from '../lazy-parts';
import { StaffSignInDialog } from '../staff-mode/StaffSignInDialog';
import { ModalDialog } from './ModalDialog';
import '../help/help.css';

export const CallStaffDialog = () => {
  const open = useKiosk((state) => state.help.open);
  const signInOpen = useKiosk((state) => state.staffSignIn.open);
  const staffMode = useKiosk((state) => state.staffMode !== null);
  return (
    <>
      <HelpKeyboardShortcut />
      {staffMode ? null : <HelpStatusBanner />}
      {staffMode ? null : <HelpOfferBanner />}
      {open && !staffMode ? <CallStaffDialogBody /> : null}
      {signInOpen && !staffMode ? <StaffSignInDialog /> : null}
      {staffMode ? (
        <Suspense fallback={null}>
          <StaffMode />
        </Suspense>
      ) : null}
    </>
  );
};

const REASONS: HandoffReason[] = ['help_with_order', 'payment_problem', 'accessibility', 'allergy_question', 'other'];

const CallStaffDialogBody = () => {
  const { t } = useI18n();
  const text = useI18n().help;
  const request = useKiosk((state) => state.helpRequest);
  const closeHelp = useKiosk((state) => state.closeHelp);
  const sendHelpRequest = useKiosk((state) => state.sendHelpRequest);
  const cancelHelpRequest = useKiosk((state) => state.cancelHelpRequest);
  const dismissHelpRequest = useKiosk((state) => state.dismissHelpRequest);
  const openStaffSignIn = useKiosk((state) => state.openStaffSignIn);
  const stageText = useHelpStageText(request);
  const storeOnline = useKiosk((state) => state.storeOnline);
  const closeRef = useRef<HTMLButtonElement>(null);
  const finished = request?.stage === 'resolved' || request?.stage === 'ask_at_counter';
  const active = request !== null && !finished;
  const choosing = request === null;
  // Opened again after an earlier request was dealt with: a new request starts from the reasons.
  const store = useKioskStore();
  useEffect(() => {
    const stage = store.getState().helpRequest?.stage;
    if (stage === 'resolved' || stage === 'ask_at_counter') dismissHelpRequest();
  }, [store, dismissHelpRequest]);
  // The reason buttons disappear once a request is made; keep focus inside the dialog.
  useEffect(() => {
    if (!choosing) closeRef.current?.focus();
  }, [choosing]);

  const close = () => {
    if (finished) dismissHelpRequest();
    closeHelp();
  };

  return (
    <ModalDialog titleId="call-staff-title" onDismiss={close}>
      <h2 id="call-staff-title">{t.callStaffTitle}</h2>
      <div role="status" className="help-outcome">
        {stageText ? <p>{stageText}</p> : null}
        {/* Said before the customer chooses: no pretending that someone was told. */}
        {request === null && !storeOnline ? <p>{t.helpAskAtCounter}</p> : null}
      </div>
      {choosing ? (
        <>
          <p id="help-reasons-legend">{text.reasonsLegend}</p>
          <ul className="help-reasons" aria-labelledby="help-reasons-legend">
            {REASONS.map((reason) => (
              <li key={reason}>
                <button type="button" className="button" onClick={() => void sendHelpRequest(reason)}>
                  {text.reasons[reason]}
                </button>
              </li>
            ))}
          </ul>
          <p className="help-shortcut">{text.shortcutHint}</p>
        </>
      ) : null}
      <div className="actions">
        {active ? (
          <button type="button" className="button" disabled={request.stage === 'sending'} onClick={() => void cancelHelpRequest()}>
            {text.cancelRequest}
          </button>
        ) : null}
        <button ref={closeRef} type="button" className="button primary" onClick={close}>
          {active ? text.keepOrdering : t.close}
        </button>
      </div>
      <p className="staff-entry">
        <button type="button" className="button small" onClick={openStaffSignIn}>
          {text.staffEntry}
        </button>
      </p>
    </ModalDialog>
  );
};
