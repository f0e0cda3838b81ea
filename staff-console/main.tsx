import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { topicSegment } from '../common/store-bus/messages';
import { brokerUrlFor } from './bus';
import { StaffConsole } from './StaffConsole';
import './staff.css';

const store = new URLSearchParams(location.search).get('store') ?? '';
const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    {topicSegment.safeParse(store).success ? (
      <StaffConsole store={store} brokerUrl={brokerUrlFor(location)} />
    ) : (
      <main className="sign-in">
        <h1>Staff console</h1>
        <p role="alert">This address does not name a store. Open the link the kiosk shows (it ends in ?store=…).</p>
      </main>
    )}
  </StrictMode>,
);
