// The store config's `accessibility` block: how speech mode starts, the keypad's keys,
// where the screen hangs (for reach mode) and the default speech rate. Every field is
// optional; accessibilitySettings() fills in the defaults, so one place decides them. Pure, and
// without zod (the page loads it at start): the block's schema is in config-schema.ts.
import type { AccessibilityConfig } from './config-schema';
import { keypadMap, type KeypadMap } from './keypad';

/** Speech rate as a factor of the engine's normal speed (1 = normal). */
export const SPEECH_RATE = { min: 0.5, max: 2.5, normal: 1 } as const;

/** Speech volume as a factor of the engine's normal loudness (1 = normal). */
export const SPEECH_VOLUME = { min: 0.2, max: 2, normal: 1 } as const;

/** ADA 308 forward reach and EN 301 549 8.3.3.1.1: controls from 380 to 1220 mm above the floor. */
export const REACH_BAND_MM = { low: 380, high: 1220 } as const;

export interface AccessibilitySettings {
  keypad: KeypadMap;
  startOnHelpKey: boolean;
  startOnHeadphones: boolean;
  headphoneJackDevice: string | undefined;
  screen: { bottomMm: number; heightMm: number } | undefined;
  speechRate: number;
}

export function accessibilitySettings(config: AccessibilityConfig | undefined): AccessibilitySettings {
  return {
    keypad: keypadMap(config?.keypad),
    startOnHelpKey: config?.speechStart?.helpKey ?? true,
    startOnHeadphones: config?.speechStart?.headphones ?? true,
    headphoneJackDevice: config?.headphoneJackDevice,
    screen: config?.screen,
    speechRate: config?.speechRate ?? SPEECH_RATE.normal,
  };
}

/**
 * The part of the screen, as fractions of its height from the top (0) to the bottom (1),
 * that lies within the reach band. Without the screen's position: the lower half.
 * Undefined when no part of the screen is within reach (the operator must remount it).
 */
export function reachableScreenBand(screen: AccessibilitySettings['screen']): { top: number; bottom: number } | undefined {
  if (!screen) return { top: 0.5, bottom: 1 };
  const topMm = screen.bottomMm + screen.heightMm;
  const highest = Math.min(topMm, REACH_BAND_MM.high);
  const lowest = Math.max(screen.bottomMm, REACH_BAND_MM.low);
  if (highest <= lowest) return undefined;
  return { top: (topMm - highest) / screen.heightMm, bottom: (topMm - lowest) / screen.heightMm };
}
