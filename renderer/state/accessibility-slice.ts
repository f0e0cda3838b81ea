// The customer's accessibility modes for one session: speech and keypad, reach, high contrast,
// less motion, text size, and the allergen and diet filter. They reset with the session.
// `speak` is the one way to the host's speech output, and it says nothing unless speech mode
// is on: nothing is spoken aloud for a customer who did not ask for it.
import type { StateCreator } from 'zustand';
import { accessibilitySettings, SPEECH_RATE, SPEECH_VOLUME } from '../../common/accessibility/config';
import { MAX_UTTERANCE_CHARS } from '../../common/contract/client';
import type { SpeechOutcome } from '../../common/contract/speech';
import { NO_DIETARY_FILTER, type DietaryFilter } from '../../common/menu/dietary-filter';
import type { KioskState } from './types';

/** The host's speech output as the store needs it (wired to the kiosk contract in main.tsx). */
export interface SpeechDeps {
  say(input: { text: string; lang: string; rate: number; volume: number; interrupt: boolean }): Promise<SpeechOutcome>;
  stop(): Promise<unknown>;
  repeat(input: { rate: number; volume: number }): Promise<SpeechOutcome | 'nothing'>;
  available(): Promise<boolean>;
  /** The kiosk's own headphone socket (host event); returns the unsubscribe. */
  onHeadphones(listener: (plugged: boolean) => void): () => void;
}

export type TextScale = 1 | 1.5 | 2;
export const TEXT_SCALES: readonly TextScale[] = [1, 1.5, 2];
export type FilterMode = 'hide' | 'mark';
export type SpeechTrigger = 'help_key' | 'headphones' | 'panel';

export interface AccessibilityModes {
  speech: boolean;
  /** What the host said when asked (null: not asked yet this session). */
  speechAvailable: boolean | null;
  speechRate: number;
  speechVolume: number;
  reach: boolean;
  highContrast: boolean;
  lessMotion: boolean;
  textScale: TextScale;
  dietaryFilter: DietaryFilter;
  filterMode: FilterMode;
  panel: 'closed' | 'settings' | 'filters';
}

export interface AccessibilitySlice {
  a11y: AccessibilityModes;
  startSpeechMode(trigger: SpeechTrigger): void;
  stopSpeechMode(): void;
  /** The kiosk's headphone socket: a plug starts speech mode (when configured), pulling it out stops it. */
  headphonesChanged(plugged: boolean): void;
  /** Keypad: rate and volume, each step a fifth of normal, within the contract's bounds. */
  adjustSpeech(change: 'faster' | 'slower' | 'louder' | 'quieter'): void;
  /** Says the text in the session's language, only while speech mode is on. */
  speak(text: string, options?: { interrupt?: boolean }): void;
  repeatSpeech(): void;
  toggleReach(): void;
  toggleHighContrast(): void;
  toggleLessMotion(): void;
  setTextScale(scale: TextScale): void;
  setDietaryFilter(filter: DietaryFilter): void;
  setFilterMode(mode: FilterMode): void;
  openAccessibilityPanel(panel: 'settings' | 'filters'): void;
  closeAccessibilityPanel(): void;
  /** Back to the defaults, speech stopped: called when the session ends. */
  resetAccessibility(): void;
}

const STEP = 0.2;
const clamp = (value: number, bounds: { min: number; max: number }) => Math.round(Math.min(bounds.max, Math.max(bounds.min, value)) * 100) / 100;

export const accessibilityDefaults = (state: Pick<KioskState, 'store'>): AccessibilityModes => ({
  speech: false,
  speechAvailable: null,
  speechRate: accessibilitySettings(state.store?.accessibility).speechRate,
  speechVolume: SPEECH_VOLUME.normal,
  reach: false,
  highContrast: false,
  lessMotion: false,
  textScale: 1,
  dietaryFilter: NO_DIETARY_FILTER,
  filterMode: 'hide',
  panel: 'closed',
});

export const createAccessibilitySlice =
  (speech: SpeechDeps | undefined): StateCreator<KioskState, [], [], AccessibilitySlice> =>
  (set, get) => {
    const update = (changes: Partial<AccessibilityModes>) => set({ a11y: { ...get().a11y, ...changes } });
    const ignore = () => undefined;

    return {
      a11y: accessibilityDefaults({ store: null }),

      startSpeechMode() {
        if (get().a11y.speech) return;
        update({ speech: true, speechRate: get().a11y.speechAvailable === null ? accessibilityDefaults(get()).speechRate : get().a11y.speechRate });
        if (!speech) {
          update({ speechAvailable: false });
          return;
        }
        speech.available().then(
          (available) => get().a11y.speech && update({ speechAvailable: available }),
          () => get().a11y.speech && update({ speechAvailable: false }),
        );
      },

      stopSpeechMode() {
        if (!get().a11y.speech) return;
        update({ speech: false });
        speech?.stop().catch(ignore);
      },

      headphonesChanged(plugged) {
        if (!plugged) get().stopSpeechMode();
        else if (accessibilitySettings(get().store?.accessibility).startOnHeadphones) get().startSpeechMode('headphones');
      },

      adjustSpeech(change) {
        const { speechRate, speechVolume } = get().a11y;
        if (change === 'faster' || change === 'slower') update({ speechRate: clamp(speechRate + (change === 'faster' ? STEP : -STEP), SPEECH_RATE) });
        else update({ speechVolume: clamp(speechVolume + (change === 'louder' ? STEP : -STEP), SPEECH_VOLUME) });
      },

      speak(text, options = {}) {
        const { a11y, locale } = get();
        const trimmed = text.trim();
        if (!a11y.speech || !speech || trimmed === '') return;
        speech
          .say({ text: trimmed.slice(0, MAX_UTTERANCE_CHARS), lang: locale, rate: a11y.speechRate, volume: a11y.speechVolume, interrupt: options.interrupt ?? true })
          .catch(ignore);
      },

      repeatSpeech() {
        const { a11y } = get();
        if (!a11y.speech || !speech) return;
        speech.repeat({ rate: a11y.speechRate, volume: a11y.speechVolume }).catch(ignore);
      },

      toggleReach: () => update({ reach: !get().a11y.reach }),
      toggleHighContrast: () => update({ highContrast: !get().a11y.highContrast }),
      toggleLessMotion: () => update({ lessMotion: !get().a11y.lessMotion }),
      setTextScale(scale) {
        // One text size at a time: the header's "Larger text" gives way to the chosen size.
        set({ a11y: { ...get().a11y, textScale: scale }, largeText: false });
      },
      setDietaryFilter: (filter) => update({ dietaryFilter: { allergens: [...filter.allergens], diet: filter.diet } }),
      setFilterMode: (mode) => update({ filterMode: mode }),
      openAccessibilityPanel: (panel) => update({ panel }),
      closeAccessibilityPanel: () => update({ panel: 'closed' }),

      resetAccessibility() {
        if (get().a11y.speech) speech?.stop().catch(ignore);
        set({ a11y: accessibilityDefaults(get()) });
      },
    };
  };
