// "Continue your order?": after a restart with a recent cart, the customer decides whether it is
// theirs. Escape keeps it (the safe answer for a customer who was interrupted by the crash).
import { useMemo } from 'react';
import { useI18n } from '../../i18n/useI18n';
import { cartTotal, selectCartCount } from '../../state/selectors';
import { useKiosk } from '../../state/StoreProvider';
import { ModalDialog } from './ModalDialog';

export const ResumeOrderDialog = () => {
  const offered = useKiosk((state) => state.draftOffered);
  // Only while offered does it read the cart: closed, it must not price the cart at every tap that changes it.
  return offered ? <ResumeOrderOffer /> : null;
};

const ResumeOrderOffer = () => {
  const { t, money } = useI18n();
  const count = useKiosk(selectCartCount);
  const menu = useKiosk((state) => state.menu);
  const lines = useKiosk((state) => state.lines);
  const continueDraft = useKiosk((state) => state.continueDraft);
  const discardDraft = useKiosk((state) => state.discardDraft);
  const total = useMemo(() => (menu ? cartTotal(menu, lines) : 0), [menu, lines]);

  return (
    <ModalDialog titleId="resume-title" describedById="resume-summary" onDismiss={continueDraft} initialFocusSelector=".resume-continue">
      <h2 id="resume-title">{t.resumeTitle}</h2>
      <p id="resume-summary">{t.resumeSummary(count, money(total))}</p>
      <div className="actions">
        <button type="button" className="button" onClick={() => void discardDraft()}>
          {t.resumeStartOver}
        </button>
        <button type="button" className="button primary resume-continue" onClick={continueDraft}>
          {t.resumeContinue}
        </button>
      </div>
    </ModalDialog>
  );
};
