import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { ScreenHeading } from '../components/ScreenHeading';
import { EAT_IN_ICON, ServiceIcon, TAKE_AWAY_ICON } from '../components/StartChoices';

export const ServiceModeScreen = () => {
  const { t } = useI18n();
  const choose = useKiosk((state) => state.chooseServiceMode);
  return (
    <main className="screen service">
      <ScreenHeading>{t.serviceTitle}</ScreenHeading>
      <div className="service-choices">
        <button type="button" className="button tile" onClick={() => choose('eat_in')}>
          <ServiceIcon path={EAT_IN_ICON} />
          <span>{t.eatIn}</span>
        </button>
        <button type="button" className="button tile" onClick={() => choose('take_away')}>
          <ServiceIcon path={TAKE_AWAY_ICON} />
          <span>{t.takeAway}</span>
        </button>
      </div>
    </main>
  );
};
