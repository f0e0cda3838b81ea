// "Eat in" / "Take away" as the way to start: the first tap starts the order and answers the
// question the kiosk must ask anyway (it sets the tax), so it costs no tap of its own.
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';

export const EAT_IN_ICON = 'M14 6v14a4 4 0 0 0 8 0V6M18 6v36M32 6c-4 4-4 14 0 18v18';
export const TAKE_AWAY_ICON = 'M10 16h28l-3 26H13zM17 16v-4a7 7 0 0 1 14 0v4';

export const ServiceIcon = ({ path }: { path: string }) => (
  <svg viewBox="0 0 48 48" width="72" height="72" aria-hidden="true" focusable="false">
    <path d={path} fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

export const StartChoices = () => {
  const { t } = useI18n();
  const startWith = useKiosk((state) => state.startWith);
  return (
    <div className="start-choices" role="group" aria-label={t.serviceTitle}>
      <button
        type="button"
        className="button tile primary"
        onClick={(event) => {
          event.stopPropagation();
          startWith('eat_in');
        }}
      >
        <ServiceIcon path={EAT_IN_ICON} />
        <span>{t.eatIn}</span>
      </button>
      <button
        type="button"
        className="button tile primary"
        onClick={(event) => {
          event.stopPropagation();
          startWith('take_away');
        }}
      >
        <ServiceIcon path={TAKE_AWAY_ICON} />
        <span>{t.takeAway}</span>
      </button>
    </div>
  );
};
