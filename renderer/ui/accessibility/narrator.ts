// Speech mode's narrator: it gathers what happened in one moment (a new screen, a dialog that
// opened, the control that took focus, a live message) and says it as one utterance, in that
// order. A new moment cuts what is being said; a live message alone waits its turn, unless it is
// an alert (an error, a terminal prompt) which cuts in.
import { controlText, plainText } from './control-text';
import type { AccessibilityMessages } from '../../../common/i18n';

type Part = { kind: 'screen' | 'dialog' | 'focus' | 'live'; text: string; urgent?: boolean; heading?: boolean; fresh?: boolean };

/** What just changed ("Cheeseburger added") comes before the screen it led to. */
const ORDER: Record<Part['kind'], number> = { live: 0, screen: 1, dialog: 2, focus: 3 };
/** Events of one moment arrive within a few frames (render, effects, focus). */
const GATHER_MS = 80;

export interface NarratorOptions {
  speak(text: string, interrupt: boolean): void;
  words(): AccessibilityMessages['speech'];
  /** Turns screen text into what an engine reads well (money, units). */
  speakable(text: string): string;
}

export function createNarrator(options: NarratorOptions) {
  let parts: Part[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    timer = undefined;
    const gathered = parts;
    parts = [];
    const hasScreen = gathered.some((part) => part.kind === 'screen');
    // Focus that moved on within the moment (a dialog focusing its first button, then its chosen one): only where it landed.
    const lastFocus = gathered.filter((part) => part.kind === 'focus').pop();
    const said = gathered
      .filter((part) => part.kind !== 'focus' || part === lastFocus)
      // A new screen's summary already says what its heading and its own new live regions say.
      .filter((part) => !(hasScreen && (part.heading || (part.kind === 'live' && part.fresh && !part.urgent))))
      .sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
    const unique = said.filter((part, index) => said.findIndex((other) => other.text === part.text) === index);
    if (unique.length === 0) return;
    const onlyPolite = unique.every((part) => part.kind === 'live' && !part.urgent);
    // Each part a sentence of its own, so the engine pauses between them.
    const sentences = unique.map((part) => (/[.!?:…]$/.test(part.text.trim()) ? part.text.trim() : `${part.text.trim()}.`));
    options.speak(options.speakable(sentences.join(' ')), !onlyPolite);
  }

  function add(part: Part): void {
    if (!part.text.trim()) return;
    parts.push(part);
    timer ??= setTimeout(flush, GATHER_MS);
  }

  return {
    screen: (text: string) => add({ kind: 'screen', text }),
    /** A dialog opened: its title and description. */
    dialog(dialog: Element) {
      const read = (attribute: string) =>
        (dialog.getAttribute(attribute) ?? '')
          .split(/\s+/)
          .map((id) => dialog.ownerDocument.getElementById(id))
          .filter((element): element is HTMLElement => element !== null)
          .map((element) => plainText(element))
          .join(' ');
      const sentence = (text: string) => (text === '' || /[.!?:…]$/.test(text) ? text : `${text}.`);
      add({ kind: 'dialog', text: [read('aria-labelledby'), read('aria-describedby')].filter(Boolean).map(sentence).join(' ') });
    },
    focus(element: Element) {
      const isControl = element.matches('button, a[href], input, select, textarea, [role="button"]');
      add(isControl ? { kind: 'focus', text: controlText(element, options.words()) } : { kind: 'focus', text: plainText(element), heading: /^H[1-6]$/.test(element.tagName) });
    },
    /** A live region's new text; fresh: the region itself just appeared (with its screen). */
    live: (text: string, urgent: boolean, fresh: boolean) => add({ kind: 'live', text, urgent, fresh }),
    /** Says at once what was gathered (tests, and before the mode stops). */
    flush() {
      if (timer) clearTimeout(timer);
      flush();
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      parts = [];
    },
  };
}

export type Narrator = ReturnType<typeof createNarrator>;
