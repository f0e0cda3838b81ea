import { useState, type FormEvent } from 'react';
import { api, errorText, type SessionInfo } from '../api';

export const SignIn = ({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) => {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      onSignedIn(await api<SessionInfo>('POST', 'session', { username, password }));
    } catch (error) {
      setProblem(errorText(error));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="bo-sign-in">
      <h1>Back office sign-in</h1>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          Name
          <input autoComplete="username" value={username} onChange={(event) => setUsername(event.target.value)} required />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} required />
        </label>
        {problem ? <p role="alert" className="bo-error">{problem}</p> : null}
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
};
