// Offers of help: a polite, non-modal banner ("Call staff" / "No thanks") that the
// customer can ignore; it never takes focus or blocks ordering.
import { useEffect } from 'react';
import { useKiosk, useKioskStore } from '../../state/StoreProvider';
import { watchForHelpOffers } from './offer-triggers';
import { holdSessionWhileHelped } from './session-hold';
import { useI18n } from '../../i18n/useI18n';

export const HelpOfferWatcher = () => {
  const store = useKioskStore();
  useEffect(() => watchForHelpOffers(store), [store]);
  useEffect(() => holdSessionWhileHelped(store), [store]);
  return null;
};

export const HelpOfferBanner = () => {
  const text = useI18n().help;
  const offer = useKiosk((state) => state.helpOffer);
  const accept = useKiosk((state) => state.acceptHelpOffer);
  const decline = useKiosk((state) => state.declineHelpOffer);
  return (
    <section className="help-offer" aria-label={text.offerLabel} hidden={offer === null}>
      <p role="status">{offer ? text.offers[offer] : null}</p>
      {offer ? (
        <div className="actions">
          <button type="button" className="button primary" onClick={() => void accept()}>
            {text.offerAccept}
          </button>
          <button type="button" className="button" onClick={decline}>
            {text.offerDecline}
          </button>
        </div>
      ) : null}
    </section>
  );
};
