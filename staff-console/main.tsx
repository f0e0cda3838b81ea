import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { topicSegment } from '../common/store-bus/messages';
import { brokerUrlFor } from './bus';
import { consoleI18n, consoleLocale, ConsoleI18nContext } from './i18n';
import { undoSecondsFrom } from './pending-changes';
import { StaffConsole } from './StaffConsole';
import './staff.css';

const store = new URLSearchParams(location.search).get('store') ?? '';
const i18n = consoleI18n(consoleLocale(location.search, navigator.languages));
document.documentElement.lang = i18n.locale;
const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    <ConsoleI18nContext.Provider value={i18n}>
      {topicSegment.safeParse(store).success ? (
        <StaffConsole store={store} brokerUrl={brokerUrlFor(location)} undoSeconds={undoSecondsFrom(location.search)} />
      ) : (
        <main className="sign-in">
          <h1>{i18n.t.noStoreTitle}</h1>
          <p role="alert">{i18n.t.noStore}</p>
        </main>
      )}
    </ConsoleI18nContext.Provider>
  </StrictMode>,
);
