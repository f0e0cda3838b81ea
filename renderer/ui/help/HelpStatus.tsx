// Where the customer's request for help stands, while they keep ordering: a polite
// live banner under the header (help is on the way → who is coming → resolved).
import { useI18n } from '../../i18n/useI18n';
import type { HelpRequest } from '../../state/staff-deps';
import { useKiosk } from '../../state/StoreProvider';

export const useHelpStageText = (request: HelpRequest | null): string | null => {
  const { t } = useI18n();
  const text = useI18n().help;
  if (!request) return null;
  switch (request.stage) {
    case 'sending':
      return text.sending;
    case 'on_the_way':
      return text.onTheWay;
    case 'coming':
      return text.coming(request.staffName ?? '');
    case 'resolved':
      return text.resolved;
    case 'ask_at_counter':
      return t.helpAskAtCounter;
  }
};

export const HelpStatusBanner = () => {
  const { t } = useI18n();
  const text = useI18n().help;
  const request = useKiosk((state) => state.helpRequest);
  const dialogOpen = useKiosk((state) => state.help.open);
  const cancelHelpRequest = useKiosk((state) => state.cancelHelpRequest);
  const dismissHelpRequest = useKiosk((state) => state.dismissHelpRequest);
  const stageText = useHelpStageText(request);
  // The dialog says the same while it is open; the banner takes over when the customer keeps ordering.
  const shown = request !== null && !dialogOpen;
  const active = request !== null && (request.stage === 'on_the_way' || request.stage === 'coming');
  return (
    <section className="help-banner" aria-label={text.bannerLabel} hidden={!shown}>
      <p role="status">{shown ? stageText : null}</p>
      {shown && active ? (
        <button type="button" className="button" onClick={() => void cancelHelpRequest()}>
          {text.cancelRequest}
        </button>
      ) : null}
      {shown && !active && request.stage !== 'sending' ? (
        <button type="button" className="button" onClick={dismissHelpRequest}>
          {t.close}
        </button>
      ) : null}
    </section>
  );
};
