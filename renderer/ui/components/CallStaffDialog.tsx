// "Call staff": the customer may say why (reasons they tap on or off), then "Call staff now"
// sends what they chose; they see where the request stands (help is on the way → who is
// coming → resolved), can cancel it and keep ordering. If the kiosk cannot reach staff it
// says plainly to ask at the counter. Always mounted: it also carries the global help key,
// the request's status banner, offers of help and staff mode. Staff sign-in is not offered
// to customers: staff reach it by a long press on the screen's top-left corner
// (StaffEntryGesture), or here once a team member has said they are coming.
import { Suspense, useEffect, useRef, useState } from 'react';
import type { HandoffReason } from '../../../common/store-bus/messages';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk, useKioskStore } from '../../state/StoreProvider';
import { HelpKeyboardShortcut } from '../help/HelpKeyboardShortcut';
import { HelpOfferBanner } from '../help/HelpOffer';
import { HelpStatusBanner, useHelpStageText } from '../help/HelpStatus';
import { useTouchInput } from '../help/input-modality';
import { StaffEntryGesture } from '../staff-mode/StaffEntryGesture';
import { StaffMode } from '../lazy-parts';
import { StaffSignInDialog } from '../staff-mode/StaffSignInDialog';
import { ModalDialog } from './ModalDialog';
import '../help/help.css';

export const CallStaffDialog = () => {
  const open = useKiosk((state) => state.help.open);
  const signInOpen = useKiosk((state) => state.staffSignIn.open);
  const staffMode = useKiosk((state) => state.staffMode !== null);
  // Asked here, always mounted, so the tap that opens the dialog already counts.
  const touch = useTouchInput();
  return (
    <>
      <HelpKeyboardShortcut />
      <StaffEntryGesture />
      {staffMode ? null : <HelpStatusBanner />}
      {staffMode ? null : <HelpOfferBanner />}
      {open && !staffMode ? <CallStaffDialogBody touch={touch} /> : null}
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

const CallStaffDialogBody = ({ touch }: { touch: boolean }) => {
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
  const [reason, setReason] = useState<HandoffReason | null>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  const finished = request?.stage === 'resolved' || request?.stage === 'ask_at_counter';
  const active = request !== null && !finished;
  const choosing = request === null;
  // Opened again after an earlier request was dealt with: a new request starts from the reasons.
  const store = useKioskStore();
  useEffect(() => {
    const stage = store.getState().helpRequest?.stage;
    if (stage === 'resolved' || stage === 'ask_at_counter') dismissHelpRequest();
  }, [store, dismissHelpRequest]);
  // The reason buttons disappear once a request is made; keep focus inside the dialog, on its main action.
  useEffect(() => {
    if (!choosing) primaryRef.current?.focus();
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
          {/* One reason at most, or none: tapping a chosen reason again unchooses it. What is pressed is what is sent. */}
          <ul className="help-reasons" aria-labelledby="help-reasons-legend">
            {REASONS.map((candidate) => (
              <li key={candidate}>
                <button type="button" className="button help-reason" aria-pressed={reason === candidate} onClick={() => setReason(reason === candidate ? null : candidate)}>
                  {text.reasons[candidate]}
                </button>
              </li>
            ))}
          </ul>
          {touch ? null : <p className="help-shortcut">{text.shortcutHint}</p>}
        </>
      ) : null}
      <div className="actions">
        {choosing ? (
          <>
            <button type="button" className="button" onClick={close}>
              {t.close}
            </button>
            <button type="button" className="button primary help-call-now" onClick={() => void sendHelpRequest(reason ?? undefined)}>
              {text.callNow}
            </button>
          </>
        ) : null}
        {active ? (
          <>
            <button type="button" className="button" disabled={request.stage === 'sending'} onClick={() => void cancelHelpRequest()}>
              {text.cancelRequest}
            </button>
            <button ref={primaryRef} type="button" className="button primary" onClick={close}>
              {text.keepOrdering}
            </button>
          </>
        ) : null}
        {finished ? (
          <button ref={primaryRef} type="button" className="button primary" onClick={close}>
            {t.close}
          </button>
        ) : null}
      </div>
      {/* Only once a team member said they are coming: they are at the kiosk, the customer is not offered it. */}
      {request?.stage === 'coming' ? (
        <p className="staff-entry">
          <button type="button" className="button small" onClick={openStaffSignIn}>
            {text.staffEntry}
          </button>
        </p>
      ) : null}
    </ModalDialog>
  );
};
