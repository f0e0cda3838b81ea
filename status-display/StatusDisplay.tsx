// The order status display: signs in once (from its address's fragment, or the form), then
// shows "Preparing" and "Ready" order numbers, large, from the store bus.
import { useEffect, useId, useReducer, useState, type FormEvent } from 'react';
import type { MqttClient } from 'mqtt';
import { board, boardReducer, emptyBoard, startOfDay } from './board-state';
import { useBrand, type Brand } from './brand';
import { connectDisplay, displayFilters, type Credentials, type SignInError } from './bus';
import { useDisplayI18n } from './i18n';

export function StatusDisplay({ store, brokerUrl, initialCredentials }: { store: string; brokerUrl: string; initialCredentials: Credentials | null }) {
  const [client, setClient] = useState<MqttClient | null>(null);
  const [error, setError] = useState<SignInError | null>(null);
  const [busy, setBusy] = useState(initialCredentials !== null);

  const signIn = (credentials: Credentials): void => {
    setBusy(true);
    setError(null);
    connectDisplay(brokerUrl, credentials).then(setClient, (reason: unknown) => setError(typeof reason === 'string' ? (reason as SignInError) : 'unreachable')).finally(() => setBusy(false));
  };

  // An unattended screen signs in by itself with the credentials its address carries.
  useEffect(() => {
    if (!initialCredentials) return;
    let wanted = true;
    const connecting = connectDisplay(brokerUrl, initialCredentials);
    connecting.then(
      (connected) => (wanted ? setClient(connected) : connected.end(true)),
      (reason: unknown) => wanted && setError(typeof reason === 'string' ? (reason as SignInError) : 'unreachable'),
    ).finally(() => wanted && setBusy(false));
    return () => {
      wanted = false;
    };
  }, [brokerUrl, initialCredentials]);

  const brand = useBrand();
  if (client) return <Board client={client} store={store} brand={brand} />;
  return <SignIn store={store} busy={busy} error={error} onSubmit={signIn} />;
}

function SignIn({ store, busy, error, onSubmit }: { store: string; busy: boolean; error: SignInError | null; onSubmit: (credentials: Credentials) => void }) {
  const { t } = useDisplayI18n();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onSubmit({ name: name.trim(), password });
    setPassword('');
  };
  return (
    <main className="sign-in">
      <h1>{t.signInTitle(store)}</h1>
      <p>{t.signInIntro}</p>
      <form onSubmit={submit} aria-describedby={error ? errorId : undefined}>
        <label>
          {t.name}
          <input name="username" autoComplete="username" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          {t.password}
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />
        </label>
        <div role="alert" id={errorId} className="error">
          {error ? t.signInErrors[error] : null}
        </div>
        <button type="submit" disabled={busy}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
    </main>
  );
}

/** How often the board looks at the clock: numbers leave "Ready" after a while, and a new day starts empty. */
const TICK_MS = 15_000;

function Board({ client, store, brand }: { client: MqttClient; store: string; brand: Brand | null }) {
  const { t } = useDisplayI18n();
  const [state, dispatch] = useReducer(boardReducer, emptyBoard);
  const [online, setOnline] = useState(true);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const onMessage = (topic: string, payload: Uint8Array): void => dispatch({ topic, payload: new TextDecoder().decode(payload) });
    const onConnect = (): void => setOnline(true);
    const onOffline = (): void => setOnline(false);
    client.on('message', onMessage);
    client.on('connect', onConnect);
    client.on('offline', onOffline);
    client.on('close', onOffline);
    // Subscribed only now that the board listens: retained orders and status changes arrive at
    // once, and none may come before (mqtt.js subscribes again after each reconnect).
    client.subscribe(displayFilters(store), { qos: 1 });
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      clearInterval(timer);
      client.off('message', onMessage);
      client.off('connect', onConnect);
      client.off('offline', onOffline);
      client.off('close', onOffline);
    };
  }, [client, store]);

  // The board changes with every message; the clock only decides what has aged out.
  const { preparing, ready } = board(state, now, startOfDay(now));
  return (
    <main className="board">
      <header className="brand">
        {brand?.logoUrl ? <img src={brand.logoUrl} alt="" /> : null}
        <h1>
          {brand?.storeName ? <span>{brand.storeName}: </span> : null}
          {t.title}
        </h1>
      </header>
      {online ? null : (
        <p role="status" className="offline">
          {t.connectionLost}
        </p>
      )}
      <Column id="preparing" heading={t.preparing} numbers={preparing} empty={t.nonePreparing} />
      <Column id="ready" heading={t.ready} numbers={ready} empty={t.noneReady} />
      <p className="hint">{t.readyHint}</p>
    </main>
  );
}

function Column({ id, heading, numbers, empty }: { id: string; heading: string; numbers: string[]; empty: string }) {
  const { t } = useDisplayI18n();
  const headingId = `${id}-heading`;
  return (
    <section className={`column ${id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {heading} <span className="visually-hidden">({t.count(numbers.length)})</span>
      </h2>
      {numbers.length === 0 ? <p className="empty">{empty}</p> : null}
      <ul aria-labelledby={headingId}>
        {numbers.map((number) => (
          <li key={number} className="number">
            {number}
          </li>
        ))}
      </ul>
    </section>
  );
}
