// The navigation keypad: one table from key events to what the kiosk does.
// Kiosk keypads of the AudioNav kind (arrows, select, back, help, volume, repeat) are
// USB keyboards: each key arrives as a KeyboardEvent whose `key` or `code` names it.
// Keypads can be programmed to send other codes (often F13–F24), so an operator
// overrides any action's keys in the store config (`accessibility.keypad`). Pure, and without zod
// (the page loads it at start): the override's schema is in config-schema.ts.
import type { KeypadMapOverride } from './config-schema';

export const KEYPAD_ACTIONS = [
  'up',
  'down',
  'left',
  'right',
  'select',
  'back',
  /** Starts speech mode when it is off; when on, says where the customer is and what the keys do. */
  'help',
  'repeat',
  'volumeUp',
  'volumeDown',
  'slower',
  'faster',
  /** A keypad with its own headphone socket can send a code when a plug goes in or out. */
  'headphonesIn',
  'headphonesOut',
] as const;
export type KeypadAction = (typeof KEYPAD_ACTIONS)[number];

export type KeypadMap = Record<KeypadAction, readonly string[]>;

/**
 * Defaults: the standard keys a navigation keypad sends in its default table (arrows,
 * Enter, Escape, the media volume keys), plus F13–F18 for keypads programmed with
 * spare function keys. `headphonesIn`/`headphonesOut` have none: only an operator
 * knows whether (and what) the keypad sends for its socket.
 */
export const DEFAULT_KEYPAD_MAP: KeypadMap = {
  up: ['ArrowUp'],
  down: ['ArrowDown'],
  left: ['ArrowLeft'],
  right: ['ArrowRight'],
  select: ['Enter', 'NumpadEnter'],
  back: ['Escape', 'BrowserBack'],
  help: ['F2', 'F13'],
  repeat: ['F3', 'F14'],
  volumeUp: ['AudioVolumeUp', 'F16'],
  volumeDown: ['AudioVolumeDown', 'F15'],
  slower: ['F7', 'F17'],
  faster: ['F8', 'F18'],
  headphonesIn: [],
  headphonesOut: [],
};

/** The default table with an operator's changes applied. */
export function keypadMap(override: KeypadMapOverride = {}): KeypadMap {
  return { ...DEFAULT_KEYPAD_MAP, ...override } as KeypadMap;
}

/** Keys that two actions claim (an operator's mistake): key → actions. */
export function keypadConflicts(map: KeypadMap): Map<string, KeypadAction[]> {
  const claims = new Map<string, KeypadAction[]>();
  for (const action of KEYPAD_ACTIONS) {
    for (const key of map[action]) claims.set(key, [...(claims.get(key) ?? []), action]);
  }
  return new Map([...claims].filter(([, actions]) => actions.length > 1));
}

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * The action a key event stands for, or undefined. `key` is matched before `code`, so
 * a map entry can name a character ("+") or a physical key ("NumpadAdd").
 * Chords with Ctrl, Alt or Meta are never keypad keys.
 */
export function keypadActionOf(map: KeypadMap, event: KeyLike): KeypadAction | undefined {
  if (event.ctrlKey || event.altKey || event.metaKey) return undefined;
  for (const field of ['key', 'code'] as const) {
    const name = event[field];
    if (!name) continue;
    for (const action of KEYPAD_ACTIONS) if (map[action].includes(name)) return action;
  }
  return undefined;
}
