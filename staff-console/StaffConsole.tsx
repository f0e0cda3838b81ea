// The staff console: sign in with name and PIN, then a live view of the store:
// help requests (oldest first, waiting time ticking), counter orders to mark
// paid, the order feed and kiosk health. Every action is an MQTT message.
import { useCallback, useEffect, useId, useReducer, useRef, useState, type FormEvent } from 'react';
import {
  HANDOFF_OUTCOMES,
  handoffPublishPlan,
  orderStatusPublishPlan,
  storeTopics,
  type HandoffMessage,
  type HandoffOutcome,
  type KioskStatusMessage,
  type OrderMessage,
} from '../common/store-bus/messages';
import { beep, unlockSound } from './alert';
import { signIn, type ConsoleConnection, type SignInError } from './bus';
import { consoleReducer, counterOrdersOldestFirst, emptyConsoleState, formatWaiting, handoffsByWaitingTime, unansweredArrivals } from './console-state';

const REASONS: Record<HandoffMessage['reason'], string> = {
  help_with_order: 'Help with the order',
  payment_problem: 'Payment problem',
  accessibility: 'Accessibility help',
  allergy_question: 'Allergy question',
  other: 'Other',
};
const OUTCOMES: Record<HandoffOutcome, string> = {
  helped: 'Helped',
  order_taken_to_counter: 'Order taken to the counter',
  payment_resolved: 'Payment resolved',
  no_one_there: 'No one there',
  cancelled_by_customer: 'Cancelled by the customer',
  other: 'Other',
};
const SIGN_IN_ERRORS: Record<SignInError, string> = {
  wrong_pin: 'Wrong name or PIN.',
  refused: 'Sign-in refused: too many wrong PINs lock a name for a few minutes. Try again later or ask a manager.',
  unreachable: 'Cannot reach the store bus. Check the network and try again.',
};
const PRINTER: Record<string, string> = { ok: 'Printer ready', paper_low: 'Paper low', paper_out: 'Paper out', offline: 'Printer offline', cover_open: 'Printer cover open', error: 'Printer error' };

const money = (minor: number, currency: string): string => new Intl.NumberFormat('en', { style: 'currency', currency }).format(minor / 100);
const clock = (iso: string): string => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

export function StaffConsole({ store, brokerUrl }: { store: string; brokerUrl: string }) {
  const [connection, setConnection] = useState<ConsoleConnection | null>(null);
  const [staffName, setStaffName] = useState('');
  if (!connection) {
    return (
      <SignIn
        store={store}
        brokerUrl={brokerUrl}
        onSignedIn={(name, signedIn) => {
          setStaffName(name);
          setConnection(signedIn);
        }}
      />
    );
  }
  return (
    <Console
      store={store}
      staffName={staffName}
      connection={connection}
      onSignOut={() => {
        connection.close();
        setConnection(null);
      }}
    />
  );
}

function SignIn({ store, brokerUrl, onSignedIn }: { store: string; brokerUrl: string; onSignedIn: (name: string, connection: ConsoleConnection) => void }) {
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<SignInError | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    unlockSound();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(name.trim(), await signIn(brokerUrl, name.trim(), pin));
    } catch (reason) {
      setError(typeof reason === 'string' ? (reason as SignInError) : 'unreachable');
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="sign-in">
      <h1>Staff console · {store}</h1>
      <form onSubmit={(event) => void submit(event)} aria-describedby={error ? errorId : undefined}>
        <label>
          Staff name
          <input name="username" autoComplete="username" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          PIN
          <input name="pin" type="password" inputMode="numeric" autoComplete="current-password" required value={pin} onChange={(event) => setPin(event.target.value)} />
        </label>
        <div role="alert" id={errorId} className="error">
          {error ? SIGN_IN_ERRORS[error] : null}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function Console({ store, staffName, connection, onSignOut }: { store: string; staffName: string; connection: ConsoleConnection; onSignOut: () => void }) {
  const [state, dispatch] = useReducer(consoleReducer, emptyConsoleState);
  const [online, setOnline] = useState(true);
  const [actionError, setActionError] = useState('');
  const now = useNow(1000);

  useEffect(() => {
    const { client } = connection;
    const onMessage = (topic: string, payload: Uint8Array): void => dispatch({ type: 'message', topic, payload: new TextDecoder().decode(payload) });
    const onConnect = (): void => setOnline(true);
    const onOffline = (): void => setOnline(false);
    client.on('message', onMessage);
    client.on('connect', onConnect);
    client.on('offline', onOffline);
    client.on('close', onOffline);
    // Every topic of this store; retained state (open requests, counter orders, kiosk status) arrives at once.
    client.subscribe(storeTopics(store).all, { qos: 1 });
    return () => {
      client.off('message', onMessage);
      client.off('connect', onConnect);
      client.off('offline', onOffline);
      client.off('close', onOffline);
    };
  }, [connection, store]);

  // A new request: a beep (an external effect) and a visible, announced alert (derived from state).
  const beeped = useRef(0);
  useEffect(() => {
    if (state.alertSeq > beeped.current) beep();
    beeped.current = state.alertSeq;
  }, [state.alertSeq]);
  const unanswered = unansweredArrivals(state);
  const alertText = unanswered.map((handoff) => `New help request at kiosk ${handoff.kioskId}: ${REASONS[handoff.reason]}`).join('. ');

  const me = { role: 'staff' as const, name: staffName };
  const run = useCallback(
    async (what: string, action: () => Promise<void>) => {
      setActionError('');
      try {
        await action();
      } catch (error) {
        setActionError(`${what} failed: ${error instanceof Error ? error.message : String(error)}. Try again.`);
      }
    },
    [],
  );

  const acknowledge = (handoff: HandoffMessage) =>
    run('On my way', () => connection.publish(handoffPublishPlan({ ...handoff, state: 'acknowledged', acknowledgedBy: me, acknowledgedAt: new Date().toISOString() })));
  const resolve = (handoff: HandoffMessage, outcome: HandoffOutcome) =>
    run('Resolve', () =>
      connection.publish(
        handoffPublishPlan({
          ...handoff,
          state: 'resolved',
          ...(handoff.state === 'acknowledged' ? { acknowledgedBy: handoff.acknowledgedBy, acknowledgedAt: handoff.acknowledgedAt } : {}),
          resolvedBy: me,
          resolvedAt: new Date().toISOString(),
          outcome,
        }),
      ),
    );
  const markPaid = (order: OrderMessage) =>
    run('Mark paid', () =>
      connection.publish(orderStatusPublishPlan(store, { orderId: order.orderId, kioskId: order.kioskId, orderNumber: order.orderNumber, status: 'paid', by: me, at: new Date().toISOString() })),
    );

  const handoffs = handoffsByWaitingTime(state);
  const counterOrders = counterOrdersOldestFirst(state);
  const kiosks = Object.values(state.kiosks).sort((a, b) => a.kioskId.localeCompare(b.kioskId));

  return (
    <div className="console">
      <header className="console-header">
        <h1>Staff console · {store}</h1>
        <p>
          Signed in as <strong>{staffName}</strong>
        </p>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <div role="status" className={online ? 'connection' : 'connection lost'}>
        {online ? null : 'Connection to the store bus lost. Reconnecting…'}
      </div>
      <div role="alert" className={alertText ? 'new-request-alert' : 'new-request-alert empty'}>
        {alertText}
      </div>
      <div role="alert" className="error">
        {actionError}
      </div>
      <main className="panels">
        <section aria-labelledby="help-heading" className="panel help">
          <h2 id="help-heading">Help requests ({handoffs.length})</h2>
          {handoffs.length === 0 ? <p>No one is waiting.</p> : null}
          <ul aria-labelledby="help-heading">
            {handoffs.map((handoff) => (
              <HandoffCard key={handoff.handoffId} handoff={handoff} now={now} staffName={staffName} onAcknowledge={() => void acknowledge(handoff)} onResolve={(outcome) => void resolve(handoff, outcome)} />
            ))}
          </ul>
        </section>
        <section aria-labelledby="counter-heading" className="panel counter">
          <h2 id="counter-heading">Waiting for payment at the counter ({counterOrders.length})</h2>
          {counterOrders.length === 0 ? <p>No counter orders waiting.</p> : null}
          <ul aria-labelledby="counter-heading">
            {counterOrders.map((order) => (
              <li key={order.orderId} className="card" aria-label={`Order ${order.orderNumber}`}>
                <p className="order-title">
                  <strong>{order.orderNumber}</strong> · kiosk {order.kioskId} · {money(order.total, order.currency)}
                </p>
                <p className="muted">Placed {clock(order.placedAt)} · waiting {formatWaiting(now - Date.parse(order.placedAt))}</p>
                <LinesList lines={order.lines.map((line) => ({ title: line.title, quantity: line.selection.quantity, total: line.total, ...(line.comp ? { note: compedText(line.comp) } : {}) }))} currency={order.currency} />
                <button type="button" className="primary" aria-label={`Mark order ${order.orderNumber} paid`} onClick={() => void markPaid(order)}>
                  Mark paid
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="orders-heading" className="panel orders">
          <h2 id="orders-heading">Order feed</h2>
          {state.orders.length === 0 ? <p>No orders yet.</p> : null}
          <ol aria-labelledby="orders-heading">
            {state.orders.map((order) => {
              const change = state.orderStatuses[order.orderId];
              return (
                <li key={order.orderId} aria-label={`Order ${order.orderNumber}`}>
                  <strong>{order.orderNumber}</strong> · kiosk {order.kioskId} · {money(order.total, order.currency)} · {order.paymentMethod === 'card' ? 'card' : 'counter'} ·{' '}
                  <span className="order-status">{change ? `${change.status} (${change.by.name})` : order.status.replaceAll('_', ' ')}</span>
                </li>
              );
            })}
          </ol>
        </section>
        <section aria-labelledby="kiosks-heading" className="panel kiosks">
          <h2 id="kiosks-heading">Kiosks</h2>
          {kiosks.length === 0 ? <p>No kiosk has reported yet.</p> : null}
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

/** A line staff gave away at a kiosk: "Comped by sam: long wait – note". */
const compedText = (comp: { by: string; reason: string; note?: string }): string => `Comped by ${comp.by}: ${comp.reason.replace(/_/g, ' ')}${comp.note ? ` – ${comp.note}` : ''}`;

function LinesList({ lines, currency }: { lines: { title: string; quantity: number; total: number; note?: string }[]; currency: string }) {
  return (
    <ul className="lines">
      {lines.map((line, index) => (
        <li key={index}>
          {line.quantity} × {line.title} <span className="amount">{money(line.total, currency)}</span>
          {line.note ? <em className="comp-note"> {line.note}</em> : null}
        </li>
      ))}
    </ul>
  );
}

function HandoffCard({ handoff, now, staffName, onAcknowledge, onResolve }: { handoff: HandoffMessage; now: number; staffName: string; onAcknowledge: () => void; onResolve: (outcome: HandoffOutcome) => void }) {
  const [outcome, setOutcome] = useState<HandoffOutcome>('helped');
  const headingId = useId();
  const waited = formatWaiting(now - Date.parse(handoff.openedAt));
  return (
    <li className={`card handoff ${handoff.state}`} aria-labelledby={headingId} data-handoff-id={handoff.handoffId}>
      <h3 id={headingId}>
        Kiosk {handoff.kioskId}: {REASONS[handoff.reason]}
      </h3>
      <p>
        Waiting <span className="waiting" aria-label={`waiting ${waited}`}>{waited}</span> · on the {handoff.screen} screen
        {handoff.trigger === 'offer' ? ' · accepted an offer of help' : ''}
      </p>
      <p className="state">
        {handoff.state === 'acknowledged' ? `${handoff.acknowledgedBy.name === staffName ? 'You are' : `${handoff.acknowledgedBy.name} is`} on the way` : 'No one has answered yet'}
      </p>
      <h4>Cart · {money(handoff.cart.total, handoff.cart.currency)}</h4>
      {handoff.cart.lines.length === 0 ? <p>The cart is empty.</p> : <LinesList lines={handoff.cart.lines} currency={handoff.cart.currency} />}
      <div className="actions">
        {handoff.state === 'open' ? (
          <button type="button" className="primary" aria-label={`On my way to kiosk ${handoff.kioskId}`} onClick={onAcknowledge}>
            On my way
          </button>
        ) : null}
        <label>
          Outcome
          <select value={outcome} onChange={(event) => setOutcome(event.target.value as HandoffOutcome)}>
            {HANDOFF_OUTCOMES.filter((candidate) => candidate !== 'cancelled_by_customer').map((candidate) => (
              <option key={candidate} value={candidate}>
                {OUTCOMES[candidate]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-label={`Resolve help request at kiosk ${handoff.kioskId}`} onClick={() => onResolve(outcome)}>
          Resolve
        </button>
      </div>
    </li>
  );
}

function KioskHealth({ kiosk }: { kiosk: KioskStatusMessage }) {
  if (kiosk.state === 'offline') {
    return (
      <li className="kiosk offline" aria-label={`Kiosk ${kiosk.kioskId}`}>
        <strong>Kiosk {kiosk.kioskId}</strong> · <span className="health bad">Offline</span>
        {kiosk.cause === 'connection_lost' ? ' (connection lost)' : ' (shut down)'}
      </li>
    );
  }
  const problems = [kiosk.devices.printer !== 'ok' ? PRINTER[kiosk.devices.printer] : null, kiosk.devices.terminal === 'down' ? 'Card terminal down' : null].filter(Boolean);
  return (
    <li className="kiosk online" aria-label={`Kiosk ${kiosk.kioskId}`}>
      <strong>Kiosk {kiosk.kioskId}</strong> · <span className="health ok">Online</span> ·{' '}
      {problems.length ? <span className="health bad">{problems.join(' · ')}</span> : <span>All devices ready</span>} · menu {kiosk.menuVersion}
    </li>
  );
}
