// Staff sign-in at the kiosk, by touch alone: the staff name on on-screen letter keys, then
// the PIN on a PIN pad (large keys; the digits are never shown, only how many). The store
// bus checks them (hashed, locked out after repeated wrong PINs) and the error says which
// of the two happened. A keyboard (or a badge reader that types) works too.
import { useEffect, useId, useState } from 'react';
import { useKiosk } from '../../state/StoreProvider';
import { ModalDialog } from '../components/ModalDialog';
import { useI18n } from '../../i18n/useI18n';

const NAME_KEYS = [...'abcdefghijklmnopqrstuvwxyz0123456789', '-', '.', '_'];
const PIN_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const MAX_NAME = 64;
const MAX_PIN = 12;

export const StaffSignInDialog = () => {
  const text = useI18n().help;
  const signIn = useKiosk((state) => state.staffSignIn);
  const signInStaff = useKiosk((state) => state.signInStaff);
  const close = useKiosk((state) => state.closeStaffSignIn);
  const [step, setStep] = useState<'name' | 'pin'>('name');
  const [username, setUsername] = useState('');
  const [pin, setPin] = useState('');
  const errorId = useId();

  const submit = () => {
    if (!username || !pin || signIn.busy) return;
    const entered = pin;
    setPin('');
    void signInStaff(username, entered);
  };
  const type = (key: string) => {
    if (step === 'name') setUsername((name) => (name.length < MAX_NAME ? name + key : name));
    else setPin((digits) => (digits.length < MAX_PIN ? digits + key : digits));
  };
  const erase = () => (step === 'name' ? setUsername((name) => name.slice(0, -1)) : setPin((digits) => digits.slice(0, -1)));

  // A keyboard or a badge reader that types: the same keys, Enter to go on.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      if ((step === 'name' ? NAME_KEYS : PIN_KEYS).includes(key)) type(key);
      else if (key === 'Backspace') erase();
      else if (key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
        if (step === 'pin') submit();
        else if (username) setStep('pin');
      } else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <ModalDialog titleId="staff-sign-in-title" describedById={errorId} onDismiss={close}>
      <h2 id="staff-sign-in-title">{text.signInTitle}</h2>
      <div className="staff-sign-in">
        <p className="entered">
          {text.staffName}: <strong>{text.pinPad.nameEntered(username)}</strong>
        </p>
        {step === 'pin' ? (
          <p className="entered" aria-live="polite">
            {text.pin}:{' '}
            <span className="pin-dots" aria-hidden="true">
              {'●'.repeat(pin.length) || '–'}
            </span>
            <span className="visually-hidden">{text.pinPad.pinEntered(pin.length)}</span>
          </p>
        ) : null}
        <p id={errorId} role="alert" className="form-error">
          {signIn.error ? text.signInErrors[signIn.error] : null}
        </p>
        {/* data-private-keys: speech mode names the PIN pad, never its digits (control-text.ts). */}
        <div
          role="group"
          aria-label={step === 'name' ? text.pinPad.nameKeys : text.pinPad.pinKeys}
          className={step === 'name' ? 'key-pad name-keys' : 'key-pad pin-keys'}
          {...(step === 'pin' ? { 'data-private-keys': '' } : {})}
        >
          {(step === 'name' ? NAME_KEYS : PIN_KEYS).map((key) => (
            <button key={key} type="button" className="key" onClick={() => type(key)}>
              {key}
            </button>
          ))}
          <button type="button" className="key wide" onClick={erase}>
            {text.pinPad.deleteKey}
          </button>
        </div>
        <div className="actions">
          <button type="button" className="button" onClick={close}>
            {text.cancel}
          </button>
          {step === 'name' ? (
            <button type="button" className="button primary" disabled={!username} onClick={() => setStep('pin')}>
              {text.pinPad.next}
            </button>
          ) : (
            <>
              <button type="button" className="button" onClick={() => {
                  setPin('');
                  setStep('name');
                }}
              >
                {text.pinPad.changeName}
              </button>
              <button type="button" className="button primary" disabled={signIn.busy || pin.length === 0} onClick={submit}>
                {text.signIn}
              </button>
            </>
          )}
        </div>
      </div>
    </ModalDialog>
  );
};
