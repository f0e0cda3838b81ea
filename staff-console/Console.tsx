// The signed-in console: alerts, help requests, counter orders, the order feed and kiosk health.
import { useState } from 'react';
import type { Actor, HandoffMessage, HandoffOutcome, OrderMessage, PlannedPublish } from '../common/store-bus/messages';
import { acknowledgePlan, markPaidPlan, resolvePlan, type ConsoleAction } from './actions';
import type { ConsoleConnection } from './bus';
import { CounterOrders } from './components/CounterOrders';
import { HandoffCard } from './components/HandoffCard';
import { KioskHealth } from './components/KioskHealth';
import { OrderFeed } from './components/OrderFeed';
import { counterOrdersOldestFirst, handoffsByWaitingTime, unansweredArrivals } from './console-state';
import { useConsoleI18n } from './i18n';
import { useNow, useStoreFeed } from './use-store-feed';

export function Console({ store, staffName, connection, onSignOut }: { store: string; staffName: string; connection: ConsoleConnection; onSignOut: () => void }) {
  const { t, catalog } = useConsoleI18n();
  const { state, online } = useStoreFeed(connection, store);
  const [failed, setFailed] = useState<ConsoleAction | null>(null);
  const now = useNow(1000);
  const me: Actor = { role: 'staff', name: staffName };

  /** Publishes an action's messages; a failure is shown until the next action. */
  const run = async (action: ConsoleAction, plan: PlannedPublish[]): Promise<void> => {
    setFailed(null);
    try {
      await connection.publish(plan);
    } catch {
      setFailed(action);
    }
  };
  const acknowledge = (handoff: HandoffMessage) => run('acknowledge', acknowledgePlan(handoff, me, new Date()));
  const resolve = (handoff: HandoffMessage, outcome: HandoffOutcome) => run('resolve', resolvePlan(handoff, outcome, me, new Date()));
  const markPaid = (order: OrderMessage) => run('markPaid', markPaidPlan(store, order, me, new Date()));

  const alertText = unansweredArrivals(state)
    .map((handoff) => t.newRequest(handoff.kioskId, catalog.staffReasons[handoff.reason]))
    .join('. ');
  const handoffs = handoffsByWaitingTime(state);
  const kiosks = Object.values(state.kiosks).sort((a, b) => a.kioskId.localeCompare(b.kioskId));

  return (
    <div className="console">
      <header className="console-header">
        <h1>{t.title(store)}</h1>
        <p>
          {t.signedInAs} <strong>{staffName}</strong>
        </p>
        <button type="button" onClick={onSignOut}>
          {t.signOut}
        </button>
      </header>
      <div role="status" className={online ? 'connection' : 'connection lost'}>
        {online ? null : t.connectionLost}
      </div>
      <div role="alert" className={alertText ? 'new-request-alert' : 'new-request-alert empty'}>
        {alertText}
      </div>
      <div role="alert" className="error">
        {failed ? t.actionFailed(t.actions[failed]) : null}
      </div>
      <main className="panels">
        <section aria-labelledby="help-heading" className="panel help">
          <h2 id="help-heading">{t.helpHeading(handoffs.length)}</h2>
          {handoffs.length === 0 ? <p>{t.noOneWaiting}</p> : null}
          <ul aria-labelledby="help-heading">
            {handoffs.map((handoff) => (
              <HandoffCard key={handoff.handoffId} handoff={handoff} now={now} staffName={staffName} onAcknowledge={() => void acknowledge(handoff)} onResolve={(outcome) => void resolve(handoff, outcome)} />
            ))}
          </ul>
        </section>
        <CounterOrders orders={counterOrdersOldestFirst(state)} now={now} onMarkPaid={(order) => void markPaid(order)} />
        <OrderFeed orders={state.orders} statuses={state.orderStatuses} />
        <section aria-labelledby="kiosks-heading" className="panel kiosks">
          <h2 id="kiosks-heading">{t.kiosksHeading}</h2>
          {kiosks.length === 0 ? <p>{t.noKiosks}</p> : null}
          <ul aria-labelledby="kiosks-heading">
            {kiosks.map((kiosk) => (
              <KioskHealth key={kiosk.kioskId} kiosk={kiosk} />
            ))}
          </ul>
        </section>
      </main>
    </div>
  );
}
