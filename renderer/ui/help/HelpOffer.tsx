// Offers of help: a polite, non-modal banner ("Call staff" / "No thanks") that the
// customer can ignore; it never takes focus or blocks ordering. When the kiosk offers help
// is services/help-offers.ts.
import { useKiosk } from '../../state/StoreProvider';
import { useI18n } from '../../i18n/useI18n';
import { usePrinterCause } from './printer-cause';

export const HelpOfferBanner = () => {
  const i18n = useI18n();
  const text = i18n.help;
  const offer = useKiosk((state) => state.helpOffer);
  // A printer problem is named: "The receipt printer is out of paper", not "not working".
  const printerCause = usePrinterCause(offer === 'printer_failed');
  const message = offer === 'printer_failed' && printerCause && printerCause !== 'ok' ? text.printerFailedBecause(i18n.t.payment.printerProblems[printerCause]) : offer ? text.offers[offer] : null;
  const accept = useKiosk((state) => state.acceptHelpOffer);
  const decline = useKiosk((state) => state.declineHelpOffer);
  return (
    <section className="help-offer" aria-label={text.offerLabel} hidden={offer === null}>
      <p role="status">{message}</p>
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
