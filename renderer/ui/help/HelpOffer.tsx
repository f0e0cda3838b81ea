// Offers of help: a polite, non-modal banner ("Call staff" / "No thanks") that the
// customer can ignore; it never takes focus or blocks ordering. When the kiosk offers help
// is services/help-offers.ts.
import { useKiosk } from '../../state/StoreProvider';
import { useI18n } from '../../i18n/useI18n';

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
