import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { topicSegment } from '../common/store-bus/messages';
import { brokerUrlFor, credentialsFromFragment } from './bus';
import { displayI18n, displayLocale, DisplayI18nContext } from './i18n';
import { StatusDisplay } from './StatusDisplay';
import './display.css';

const store = new URLSearchParams(location.search).get('store') ?? '';
const i18n = displayI18n(displayLocale(location.search, navigator.languages));
document.documentElement.lang = i18n.locale;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DisplayI18nContext.Provider value={i18n}>
      {topicSegment.safeParse(store).success ? (
        <StatusDisplay store={store} brokerUrl={brokerUrlFor(location)} initialCredentials={credentialsFromFragment(location.hash)} />
      ) : (
        <main className="sign-in">
          <h1>{i18n.t.noStoreTitle}</h1>
          <p role="alert">{i18n.t.noStore}</p>
        </main>
      )}
    </DisplayI18nContext.Provider>
  </StrictMode>,
);
