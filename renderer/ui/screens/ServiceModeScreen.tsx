import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { ScreenHeading } from '../components/ScreenHeading';

export const ServiceModeScreen = () => {
  const { t } = useI18n();
  const choose = useKiosk((state) => state.chooseServiceMode);
  return (
    <main className="screen service">
      <ScreenHeading>{t.serviceTitle}</ScreenHeading>
      <div className="service-choices">
        <button type="button" className="button tile" onClick={() => choose('eat_in')}>
          <svg viewBox="0 0 48 48" width="72" height="72" aria-hidden="true" focusable="false">
            <path d="M14 6v14a4 4 0 0 0 8 0V6M18 6v36M32 6c-4 4-4 14 0 18v18" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
          </svg>
          <span>{t.eatIn}</span>
        </button>
        <button type="button" className="button tile" onClick={() => choose('take_away')}>
          <svg viewBox="0 0 48 48" width="72" height="72" aria-hidden="true" focusable="false">
            <path d="M10 16h28l-3 26H13zM17 16v-4a7 7 0 0 1 14 0v4" fill="none" stroke="currentColor" strokeWidth="3" strokeLinejoin="round" />
          </svg>
          <span>{t.takeAway}</span>
        </button>
      </div>
    </main>
  );
};
