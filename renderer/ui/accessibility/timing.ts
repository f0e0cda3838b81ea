// More time for a customer using speech: hearing a screen takes longer than seeing it
// (EAA Annex I: the time given can be extended; WCAG 2.2.1). Every timeout of the session
// is multiplied while speech mode is on, and each one also offers "More time".
import { useKiosk } from '../../state/StoreProvider';

export const SPEECH_TIME_FACTOR = 3;

/** The factor for the session's timeouts now. */
export const useTimeFactor = (): number => useKiosk((state) => (state.a11y.speech ? SPEECH_TIME_FACTOR : 1));
