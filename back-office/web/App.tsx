// The back office page: sign in, then the menu editor, publishing, sold out and reports
// for operators; sold out and kiosks for staff.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, errorText, setCsrfToken, type BackOfficeState, type SessionInfo } from './api';
import { SignIn } from './views/SignIn';
import { MenuEditor } from './editor/MenuEditor';
import { PublishView } from './views/PublishView';
import { SoldOutView } from './views/SoldOutView';
import { ReportsView } from './views/ReportsView';

type Tab = 'menu' | 'publish' | 'sold-out' | 'reports';
const TABS: { id: Tab; label: string; operatorOnly: boolean }[] = [
  { id: 'menu', label: 'Menu', operatorOnly: true },
  { id: 'publish', label: 'Publish and kiosks', operatorOnly: true },
  { id: 'sold-out', label: 'Sold out', operatorOnly: false },
  { id: 'reports', label: 'Reports', operatorOnly: true },
];
const POLL_MS = 3000;

export const App = () => {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [state, setState] = useState<BackOfficeState | null>(null);
  const [tab, setTab] = useState<Tab>('menu');
  const [problem, setProblem] = useState<string | null>(null);

  const signedIn = (info: SessionInfo | null) => {
    if (info) setCsrfToken(info.csrfToken);
    setSession(info);
    if (info?.role === 'staff') setTab('sold-out');
  };

  useEffect(() => {
    api<SessionInfo>('GET', 'session').then(signedIn, () => signedIn(null));
  }, []);

  const refresh = useCallback(async () => {
    try {
      setState(await api<BackOfficeState>('GET', 'state'));
      setProblem(null);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) signedIn(null);
      else setProblem(errorText(error));
    }
  }, []);

  useEffect(() => {
    if (!session) return;
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [session, refresh]);

  if (session === undefined) return <main className="bo-loading" aria-busy="true">Loading…</main>;
  if (session === null) return <SignIn onSignedIn={signedIn} />;

  const signOut = async () => {
    await api('DELETE', 'session').catch(() => undefined);
    signedIn(null);
    setState(null);
  };
  const tabs = TABS.filter((candidate) => !candidate.operatorOnly || session.role === 'operator');

  return (
    <div className="bo">
      <header className="bo-header">
        <h1>Back office{state ? ` – ${state.store.name}` : ''}</h1>
        <nav aria-label="Sections">
          {tabs.map((candidate) => (
            <button key={candidate.id} type="button" aria-current={tab === candidate.id ? 'page' : undefined} onClick={() => setTab(candidate.id)}>
              {candidate.label}
            </button>
          ))}
        </nav>
        <p className="bo-who">
          {session.username} ({session.role}) · store bus {state?.busOnline ? 'connected' : 'not connected'}{' '}
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </p>
      </header>
      {problem ? <p role="alert" className="bo-error">{problem}</p> : null}
      {!state ? (
        <main aria-busy="true">Loading…</main>
      ) : tab === 'menu' ? (
        <MenuEditor state={state} onChanged={refresh} />
      ) : tab === 'publish' ? (
        <PublishView state={state} onChanged={refresh} />
      ) : tab === 'sold-out' ? (
        <SoldOutView state={state} onChanged={refresh} />
      ) : (
        <ReportsView state={state} />
      )}
    </div>
  );
};
