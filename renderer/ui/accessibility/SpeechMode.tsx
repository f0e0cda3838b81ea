// Speech-and-keypad mode in the page. The keypad is always listened to, so its help key (or a
// headphone plug) starts the mode without first needing it. While the mode is on, the narrator
// says every screen, the control that takes focus, dialogs as they open and what live regions
// announce (cart changes, terminal prompts, call-staff progress, errors). Nothing is said while
// it is off.
import { useEffect, useMemo, useRef } from 'react';
import { accessibilitySettings } from '../../../common/accessibility/config';
import { keypadActionOf } from '../../../common/accessibility/keypad';
import { catalogFor } from '../../../common/i18n';
import { useKiosk, useKioskStore } from '../../state/StoreProvider';
import type { KioskStore } from '../../state/store';
import type { KioskState } from '../../state/types';
import { plainText } from './control-text';
import { runKeypadAction, type KeypadContext } from './keypad-actions';
import { createNarrator, type Narrator } from './narrator';
import { screenText } from './screen-text';
import { speakable } from './speakable';
import { useI18n } from '../../i18n/useI18n';

const LIVE_REGIONS = '[role="status"], [role="alert"], [aria-live="polite"], [aria-live="assertive"]';
const CONTROL = 'button, a[href], input, select, textarea, [role="button"]';

const wordsOf = (store: KioskStore) => catalogFor(store.getState().locale).accessibility.speech;

function createStoreNarrator(store: KioskStore): Narrator {
  return createNarrator({
    speak: (text, interrupt) => store.getState().speak(text, { interrupt }),
    words: () => wordsOf(store),
    speakable: (text) => {
      const state = store.getState();
      return speakable(text, wordsOf(store), state.locale, state.store?.currency ?? state.menu?.currency ?? 'EUR');
    },
  });
}

/** Live regions whose text changed, said once per change; regions seen first only remember their text. */
function watchLiveRegions(document: Document, narrator: Narrator): () => void {
  const said = new WeakMap<Element, string>();
  for (const region of document.querySelectorAll(LIVE_REGIONS)) said.set(region, plainText(region));
  const regionsOf = (node: Node): Element[] => {
    const element = node instanceof Element ? node : node.parentElement;
    if (!element) return [];
    const around = element.closest(LIVE_REGIONS);
    return [...(around ? [around] : []), ...element.querySelectorAll(LIVE_REGIONS)];
  };
  const observer = new MutationObserver((mutations) => {
    const changed = new Set<Element>();
    for (const mutation of mutations) {
      if (mutation.type === 'attributes' && mutation.target instanceof HTMLDialogElement && mutation.attributeName === 'open' && mutation.target.open) {
        narrator.dialog(mutation.target);
      }
      for (const region of regionsOf(mutation.target)) changed.add(region);
      for (const node of mutation.addedNodes) for (const region of regionsOf(node)) changed.add(region);
    }
    for (const region of changed) {
      if (!region.isConnected || region.closest('[hidden], [inert], [aria-hidden="true"]')) continue;
      const text = plainText(region);
      const before = said.get(region);
      said.set(region, text);
      if (text === '' || text === before) continue;
      const urgent = region.getAttribute('role') === 'alert' || region.getAttribute('aria-live') === 'assertive';
      narrator.live(text, urgent, before === undefined);
    }
  });
  observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['open'] });
  return () => observer.disconnect();
}

function sayWhereAmI(store: KioskStore, narrator: Narrator, justStarted: boolean): void {
  const words = wordsOf(store);
  if (justStarted) narrator.screen(words.started);
  narrator.screen(screenText(store.getState()));
  narrator.screen(words.keys);
  const active = document.activeElement;
  if (active?.matches(CONTROL)) narrator.focus(active);
}

/** `shownScreen`: the screen on show, which trails the state's by a transition (screens/useShownScreen.ts). */
export const SpeechMode = ({ shownScreen }: { shownScreen: KioskState['screen'] }) => {
  const store = useKioskStore();
  const { catalog } = useI18n();
  const speechOn = useKiosk((state) => state.a11y.speech);
  const available = useKiosk((state) => state.a11y.speechAvailable);
  const storeConfig = useKiosk((state) => state.store);
  const settings = useMemo(() => accessibilitySettings(storeConfig?.accessibility), [storeConfig]);
  const narratorRef = useRef<Narrator | null>(null);
  const namedScreen = useRef(shownScreen);

  // The keypad, always: with the mode off only its start keys are taken.
  useEffect(() => {
    const context: KeypadContext = {
      store,
      settings,
      document,
      sayWhereAmI: () => narratorRef.current && sayWhereAmI(store, narratorRef.current, false),
      sayFocused: () => {
        const active = document.activeElement;
        if (active && narratorRef.current) narratorRef.current.focus(active);
      },
      confirmChange: (change) => {
        const words = wordsOf(store);
        store.getState().speak({ faster: words.faster, slower: words.slower, louder: words.louder, quieter: words.quieter }[change]);
      },
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.isComposing) return;
      const action = keypadActionOf(settings.keypad, event);
      if (!action) return;
      if (!runKeypadAction(action, event, context)) return;
      event.preventDefault();
      // Not stopImmediatePropagation: the inactivity guard still counts the key as activity.
      event.stopPropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [store, settings]);

  // The narrator, only while the mode is on.
  useEffect(() => {
    if (!speechOn) return;
    const narrator = createStoreNarrator(store);
    narratorRef.current = narrator;
    const onFocus = (event: FocusEvent) => {
      if (event.target instanceof Element && event.target !== document.body) narrator.focus(event.target);
    };
    document.addEventListener('focusin', onFocus);
    const stopLive = watchLiveRegions(document, narrator);
    const stopScreens = store.subscribe((state, previous) => {
      // A new screen is named once it shows (the effect below); a new category or language at once.
      if (state.screen !== namedScreen.current) return;
      if (state.activeCategoryId !== previous.activeCategoryId || state.locale !== previous.locale) narrator.screen(screenText(state));
    });
    // Starts speaking at once: that it is on, where the customer is, and the keys.
    sayWhereAmI(store, narrator, true);
    return () => {
      narrator.cancel();
      narratorRef.current = null;
      document.removeEventListener('focusin', onFocus);
      stopLive();
      stopScreens();
    };
  }, [speechOn, store]);

  // Named when it has rendered, before its heading takes focus (after the next paint).
  useEffect(() => {
    if (namedScreen.current === shownScreen) return;
    namedScreen.current = shownScreen;
    narratorRef.current?.screen(screenText(store.getState()));
  }, [shownScreen, store]);

  return speechOn && available === false ? (
    <p className="speech-unavailable" role="alert">
      {catalog.accessibility.speechUnavailable}
    </p>
  ) : null;
};
