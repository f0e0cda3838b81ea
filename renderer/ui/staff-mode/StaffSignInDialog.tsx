// Staff sign-in at the kiosk: staff name and PIN, checked by the store bus (hashed,
// locked out after repeated wrong PINs). The error says which of the two happened.
import { useId, useState, type FormEvent } from 'react';
import { useKiosk } from '../../state/StoreProvider';
import { ModalDialog } from '../components/ModalDialog';
import { useI18n } from '../../i18n/useI18n';

export const StaffSignInDialog = () => {
  const text = useI18n().help;
  const signIn = useKiosk((state) => state.staffSignIn);
  const signInStaff = useKiosk((state) => state.signInStaff);
  const close = useKiosk((state) => state.closeStaffSignIn);
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const nameId = useId();
  const pinId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!username || !pin || signIn.busy) return;
    void signInStaff(username.trim(), pin).then(() => setPin(''));
  };

  return (
    <ModalDialog titleId="staff-sign-in-title" onDismiss={close} initialFocusSelector="input">
      <h2 id="staff-sign-in-title">{text.signInTitle}</h2>
      <form className="staff-sign-in" onSubmit={submit} aria-describedby={signIn.error ? errorId : undefined}>
        <label htmlFor={nameId}>{text.staffName}</label>
        <input id={nameId} name="username" autoComplete="off" autoCapitalize="none" value={username} onChange={(event) => setUsername(event.target.value)} required />
        <label htmlFor={pinId}>{text.pin}</label>
        <input id={pinId} name="pin" type="password" inputMode="numeric" autoComplete="off" value={pin} onChange={(event) => setPin(event.target.value)} required />
        <p id={errorId} role="alert" className="form-error">
          {signIn.error ? text.signInErrors[signIn.error] : null}
        </p>
        <div className="actions">
          <button type="button" className="button" onClick={close}>
            {text.cancel}
          </button>
          <button type="submit" className="button primary" disabled={signIn.busy}>
            {text.signIn}
          </button>
        </div>
      </form>
    </ModalDialog>
  );
};
