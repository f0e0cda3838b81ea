// "Do you need more time?": after promptAfterSeconds without a touch or key, a modal
// counts down resetAfterSeconds; then the session is cleared and the attract screen returns.
// While help is on the way the prompt comes later (HELP_WAIT_FACTOR) and never resets on its
// own: a customer waiting for staff is asked, and only "Start over" ends the session.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { ModalDialog } from './ModalDialog';
import { useTimeFactor } from '../accessibility/timing';
import type { KioskState } from '../../state/types';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
/** How much longer the kiosk waits before asking while staff are on the way. */
export const HELP_WAIT_FACTOR = 3;

const waitingForHelp = (state: KioskState): boolean => {
  const stage = state.helpRequest?.stage;
  return stage === 'sending' || stage === 'on_the_way' || stage === 'coming';
};

export const InactivityGuard = () => {
  const screen = useKiosk((state) => state.screen);
  const placing = useKiosk((state) => state.placing);
  const prompt = useKiosk((state) => state.inactivityPrompt);
  // Speech mode: longer (and the prompt is spoken, as every dialog is).
  const helpComing = useKiosk(waitingForHelp);
  const promptAfterSeconds = useKiosk((state) => state.store?.inactivity.promptAfterSeconds ?? 60) * useTimeFactor() * (helpComing ? HELP_WAIT_FACTOR : 1);
  const showPrompt = useKiosk((state) => state.showInactivityPrompt);
  // A cart offered back after a restart ("Continue your order?") sits on the attract screen: its customer
  // may have gone, and the next one must not get their cart, so it is watched (reset discards it).
  const draftOffered = useKiosk((state) => state.draftOffered);
  // The attract screen has no session; the confirmation screen returns on its own; never interrupt placing an order.
  const watching = (screen !== 'attract' || draftOffered) && screen !== 'confirmation' && placing !== 'placing';

  useEffect(() => {
    if (!watching || prompt) return;
    let timer = window.setTimeout(showPrompt, promptAfterSeconds * 1000);
    const onActivity = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(showPrompt, promptAfterSeconds * 1000);
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, onActivity, { capture: true, passive: true });
    return () => {
      window.clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onActivity, { capture: true });
    };
  }, [watching, prompt, promptAfterSeconds, showPrompt]);

  return watching && prompt ? helpComing ? <StillWaitingDialog /> : <InactivityDialog /> : null;
};

/** Help is on the way: ask, never reset on a timer (the customer may be waiting right here). */
const StillWaitingDialog = () => {
  const { t } = useI18n();
  const extendSession = useKiosk((state) => state.extendSession);
  const resetSession = useKiosk((state) => state.resetSession);
  return (
    <ModalDialog titleId="inactivity-title" describedById="inactivity-body" onDismiss={extendSession} role="alertdialog" initialFocusSelector=".more-time">
      <h2 id="inactivity-title">{t.inactivityTitle}</h2>
      <p id="inactivity-body">{t.inactivityHelpComing}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void resetSession()}>
          {t.startOverNow}
        </button>
        <button type="button" className="button primary more-time" onClick={extendSession}>
          {t.moreTime}
        </button>
      </div>
    </ModalDialog>
  );
};

const InactivityDialog = () => {
  const { t } = useI18n();
  const resetAfterSeconds = useKiosk((state) => state.store?.inactivity.resetAfterSeconds ?? 30) * useTimeFactor();
  const extendSession = useKiosk((state) => state.extendSession);
  const resetSession = useKiosk((state) => state.resetSession);
  const [secondsLeft, setSecondsLeft] = useState(resetAfterSeconds);

  useEffect(() => {
    const timer = window.setInterval(() => setSecondsLeft((seconds) => seconds - 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
  useEffect(() => {
    if (secondsLeft <= 0) void resetSession();
  }, [secondsLeft, resetSession]);

  return (
    <ModalDialog titleId="inactivity-title" describedById="inactivity-body" onDismiss={extendSession} role="alertdialog" initialFocusSelector=".more-time">
      <h2 id="inactivity-title">{t.inactivityTitle}</h2>
      <p id="inactivity-body">{t.inactivityBody(Math.max(0, secondsLeft))}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void resetSession()}>
          {t.startOverNow}
        </button>
        <button type="button" className="button primary more-time" onClick={extendSession}>
          {t.moreTime}
        </button>
      </div>
    </ModalDialog>
  );
};
