// The host's speech output through the kiosk contract, for the store's accessibility slice,
// and the kiosk's headphone socket (host event) into the store.
import type { KioskApi } from '../api';
import type { SpeechDeps } from '../state/accessibility-slice';
import type { KioskStore } from '../state/store';

export const speechDeps = (api: () => KioskApi): SpeechDeps => ({
  say: async (input) => (await api().say(input)).outcome,
  stop: () => api().stopSpeech({}),
  repeat: async (input) => (await api().repeatSpeech(input)).outcome,
  available: async () => (await api().getSpeechStatus({})).available,
  onHeadphones: (listener) =>
    api().onEvent((event) => {
      if (event.type === 'speech.headphones') listener(event.plugged);
    }),
});

/** A plug in the kiosk's own socket starts speech mode; pulling it out stops it. */
export const connectHeadphones = (store: KioskStore, speech: SpeechDeps): (() => void) =>
  speech.onHeadphones((plugged) => store.getState().headphonesChanged(plugged));
