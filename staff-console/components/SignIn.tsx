import { useId, useState, type FormEvent } from 'react';
import { unlockSound } from '../alert';
import { signIn, type ConsoleConnection, type SignInError } from '../bus';
import { useConsoleI18n } from '../i18n';

/** Staff name and PIN; the broker checks them (and locks a name out after repeated wrong PINs). */
export function SignIn({ store, brokerUrl, onSignedIn }: { store: string; brokerUrl: string; onSignedIn: (name: string, connection: ConsoleConnection) => void }) {
  const { t } = useConsoleI18n();
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
      <h1>{t.title(store)}</h1>
      <form onSubmit={(event) => void submit(event)} aria-describedby={error ? errorId : undefined}>
        <label>
          {t.staffName}
          <input name="username" autoComplete="username" required value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          {t.pin}
          <input name="pin" type="password" inputMode="numeric" autoComplete="current-password" required value={pin} onChange={(event) => setPin(event.target.value)} />
        </label>
        <div role="alert" id={errorId} className="error">
          {error ? t.signInErrors[error] : null}
        </div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
    </main>
  );
}
