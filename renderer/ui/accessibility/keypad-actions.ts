// What each keypad action does. With speech mode off only the ways to start it count (the help
// key, a headphone plug); every other key keeps its usual meaning. With speech mode on the keypad
// drives the whole flow: move, choose, go back, hear where you are, repeat, louder, faster.
import type { KeypadAction } from '../../../common/accessibility/keypad';
import type { AccessibilitySettings } from '../../../common/accessibility/config';
import type { KioskStore } from '../../state/store';
import type { AccessibilitySlice } from '../../state/accessibility-slice';
import { navigationScope, nextGroupStop, nextStop } from './focus-walk';

type SpeechChange = Parameters<AccessibilitySlice['adjustSpeech']>[0];

export interface KeypadContext {
  store: KioskStore;
  settings: AccessibilitySettings;
  document: Document;
  /** Says where the customer is: the screen, the focused control, and the keys. */
  sayWhereAmI(): void;
  /** Says the focused control again (its state changed after select). */
  sayFocused(): void;
  /** Confirms a change of rate or volume, at the new rate and volume ("Louder."). */
  confirmChange(change: SpeechChange): void;
}

const isTextEntry = (element: Element | null): element is HTMLInputElement | HTMLTextAreaElement =>
  (element instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(element.type)) || element instanceof HTMLTextAreaElement;

/** Goes one step back: closes the open dialog, else the screen's own way back. */
function goBack(context: KeypadContext): void {
  const dialogs = [...context.document.querySelectorAll('dialog[open]')];
  const dialog = dialogs[dialogs.length - 1];
  if (dialog) {
    // The same as Escape: ModalDialog answers "cancel" with its onDismiss.
    dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    return;
  }
  const state = context.store.getState();
  switch (state.screen) {
    case 'customize':
      state.closeCustomizer();
      return;
    case 'review':
      state.goTo('menu');
      return;
    case 'payment':
      if (state.payment.step === 'choose') state.goTo('review');
      else context.sayWhereAmI();
      return;
    default:
      context.sayWhereAmI();
  }
}

function select(context: KeypadContext, event: KeyboardEvent): boolean {
  const active = context.document.activeElement;
  if (isTextEntry(active)) {
    // Enter in a field keeps its meaning (submits the sign-in form); another select key submits too.
    if (event.key === 'Enter') return false;
    active.form?.requestSubmit();
    return true;
  }
  const scope = navigationScope(context.document);
  if (!active || active === context.document.body || !active.matches('button, a[href], input, select, [role="button"]')) {
    if (context.store.getState().screen === 'attract' && !context.document.querySelector('dialog[open]')) {
      context.store.getState().start();
      return true;
    }
    nextStop(scope, active, 1)?.focus();
    return true;
  }
  const screen = context.store.getState().screen;
  (active as HTMLElement).click();
  // Still here after the click (a checkbox, a stepper, a toggle): say its new state. Not when the
  // click leads to another screen: the old one stays up while the new one renders, then is named.
  setTimeout(() => {
    if (context.store.getState().screen !== screen) return;
    if (context.document.activeElement === active && active.isConnected) context.sayFocused();
  }, 0);
  return true;
}

function move(context: KeypadContext, direction: 1 | -1, byGroup: boolean): void {
  const scope = navigationScope(context.document);
  const active = context.document.activeElement;
  const target = byGroup ? nextGroupStop(scope, active, direction) : nextStop(scope, active, direction);
  if (!target) return;
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
}

/** Runs the action; true when the key was the keypad's (its usual meaning is then suppressed). */
export function runKeypadAction(action: KeypadAction, event: KeyboardEvent, context: KeypadContext): boolean {
  const state = context.store.getState();
  if (!state.a11y.speech) {
    if (action === 'help' && context.settings.startOnHelpKey) {
      state.startSpeechMode('help_key');
      return true;
    }
    if (action === 'headphonesIn' && context.settings.startOnHeadphones) {
      state.startSpeechMode('headphones');
      return true;
    }
    return false;
  }
  switch (action) {
    case 'up':
    case 'down':
      move(context, action === 'down' ? 1 : -1, false);
      return true;
    case 'left':
    case 'right':
      move(context, action === 'right' ? 1 : -1, true);
      return true;
    case 'select':
      return select(context, event);
    case 'back':
      goBack(context);
      return true;
    case 'help':
      context.sayWhereAmI();
      return true;
    case 'repeat':
      state.repeatSpeech();
      return true;
    case 'faster':
    case 'slower':
    case 'volumeUp':
    case 'volumeDown': {
      const change = action === 'volumeUp' ? 'louder' : action === 'volumeDown' ? 'quieter' : action;
      state.adjustSpeech(change);
      context.confirmChange(change);
      return true;
    }
    case 'headphonesIn':
      return true;
    case 'headphonesOut':
      // Privacy: without headphones, speech stops.
      state.stopSpeechMode();
      return true;
  }
}
