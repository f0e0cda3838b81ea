// The signed-in console: alerts, help requests, counter orders, orders being prepared,
// what is sold out, today's orders and kiosk health.
import { useCallback, useState } from 'react';
import type { SoldOutKind } from '../common/store-bus/availability';
import type { Actor, HandoffMessage, HandoffOutcome, OrderMessage, PlannedPublish } from '../common/store-bus/messages';
import { acknowledgePlan, ORDER_CHANGE_ACTION, orderStatusPlan, resolvePlan, soldOutPlan, type ConsoleAction } from './actions';
import type { ConsoleConnection } from './bus';
import { BrokenMessages } from './components/BrokenMessages';
import { CounterOrders } from './components/CounterOrders';
import { HandoffCard } from './components/HandoffCard';
import { KioskHealth } from './components/KioskHealth';
import { OrderFeed } from './components/OrderFeed';
import { PanelBoundary } from './components/PanelBoundary';
import { PreparingOrders } from './components/PreparingOrders';
import { SoldOutPanel } from './components/SoldOutPanel';
import { counterOrdersOldestFirst, currentMenu, handoffsByWaitingTime, menuForKiosk, ordersSince, preparingOrders, startOfDay, unansweredArrivals } from './console-state';
import { useConsoleI18n } from './i18n';
import type { PendingChange } from './pending-changes';
import { usePendingChanges } from './use-pending-changes';
import { useNow, useStoreFeed } from './use-store-feed';

export interface ConsoleProps {
  store: string;
  staffName: string;
  /** When this staff member signed in: older refusals on the bus are not theirs to read now. */
  signedInAt: string;
  connection: ConsoleConnection;
  /** Seconds an order status change waits before it is sent (0: at once). */
  undoSeconds: number;
  /** Signing out: the pending changes are sent first. */
  onSignOut: (flush: () => Promise<void>) => void;
}

export function Console({ store, staffName, signedInAt, connection, undoSeconds, onSignOut }: ConsoleProps) {
  const { t, catalog } = useConsoleI18n();
  const { state, online } = useStoreFeed(connection, store);
  const [failed, setFailed] = useState<ConsoleAction | null>(null);
  const now = useNow(1000);
  const me: Actor = { role: 'staff', name: staffName };

  /** Publishes an action's messages; a failure is shown until the next action. */
  const run = useCallback(
    async (action: ConsoleAction, plan: PlannedPublish[]): Promise<void> => {
      setFailed(null);
      try {
        await connection.publish(plan);
      } catch {
        setFailed(action);
      }
    },
    [connection],
  );
  const sendChange = useCallback(
    (change: PendingChange) => run(ORDER_CHANGE_ACTION[change.status], orderStatusPlan(store, change.order, change.status, { role: 'staff', name: staffName }, new Date(change.at))),
    [run, store, staffName],
  );
  const changes = usePendingChanges(undoSeconds * 1000, sendChange);

  const acknowledge = (handoff: HandoffMessage) => run('acknowledge', acknowledgePlan(handoff, me, new Date()));
  const resolve = (handoff: HandoffMessage, outcome: HandoffOutcome) => run('resolve', resolvePlan(handoff, outcome, me, new Date()));
  const toggleSoldOut = (kind: SoldOutKind, id: string, soldOut: boolean) => run('availability', soldOutPlan(store, state.availability, kind, id, soldOut, me, new Date()));
  const menuFor = (order: OrderMessage) => menuForKiosk(state, order.kioskId);

  const alertText = unansweredArrivals(state)
    .map((handoff) => t.newRequest(handoff.kioskId, catalog.staffReasons[handoff.reason]))
    .join('. ');
  const handoffs = handoffsByWaitingTime(state);
  const kiosks = Object.values(state.kiosks).sort((a, b) => a.kioskId.localeCompare(b.kioskId));
  const today = startOfDay(now);
  const refusal = state.refusals[staffName];

  return (
    <div className="console">
      <header className="console-header">
        <h1>{t.title(store)}</h1>
        <p>
          {t.signedInAs} <strong>{staffName}</strong>
        </p>
        <button type="button" onClick={() => onSignOut(changes.flush)}>
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
        {refusal && refusal.at >= signedInAt ? <span className="refusal"> {t.refused(refusal.reason)}</span> : null}
      </div>
      <main className="panels">
        <PanelBoundary resetKey={state}>
          <section aria-labelledby="help-heading" className="panel help">
            <h2 id="help-heading">{t.helpHeading(handoffs.length)}</h2>
            {handoffs.length === 0 ? <p>{t.noOneWaiting}</p> : null}
            <ul aria-labelledby="help-heading">
              {handoffs.map((handoff) => (
                <HandoffCard key={handoff.handoffId} handoff={handoff} now={now} staffName={staffName} onAcknowledge={() => void acknowledge(handoff)} onResolve={(outcome) => void resolve(handoff, outcome)} />
              ))}
            </ul>
          </section>
        </PanelBoundary>
        <PanelBoundary resetKey={state}>
          <CounterOrders orders={counterOrdersOldestFirst(state)} menuFor={menuFor} now={now} pending={changes.pending} onChange={changes.schedule} onUndo={(order) => changes.undo(order.orderId)} />
        </PanelBoundary>
        <PanelBoundary resetKey={state}>
          <PreparingOrders orders={preparingOrders(state, today)} menuFor={menuFor} now={now} pending={changes.pending} onChange={changes.schedule} onUndo={(order) => changes.undo(order.orderId)} />
        </PanelBoundary>
        <PanelBoundary resetKey={state}>
          <SoldOutPanel served={currentMenu(state)} availability={state.availability} onToggle={(kind, id, soldOut) => void toggleSoldOut(kind, id, soldOut)} />
        </PanelBoundary>
        <PanelBoundary resetKey={state}>
          <OrderFeed orders={ordersSince(state, today)} statuses={state.orderStatuses} />
        </PanelBoundary>
        <PanelBoundary resetKey={state}>
          <section aria-labelledby="kiosks-heading" className="panel kiosks">
            <h2 id="kiosks-heading">{t.kiosksHeading}</h2>
            {kiosks.length === 0 ? <p>{t.noKiosks}</p> : null}
            <ul aria-labelledby="kiosks-heading">
              {kiosks.map((kiosk) => (
                <KioskHealth key={kiosk.kioskId} kiosk={kiosk} />
              ))}
            </ul>
          </section>
        </PanelBoundary>
        <BrokenMessages broken={Object.values(state.broken)} />
      </main>
    </div>
  );
}
