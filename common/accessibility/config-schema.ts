// The store config's `accessibility` block as a zod schema (part of storeConfig in common/menu/schema.ts),
// with the speech rate and volume the contract's say call takes. Kept apart from config.ts and keypad.ts,
// which the page loads at start without zod; the host validates the block when it reads the store config.
import { z } from 'zod';
import { SPEECH_RATE, SPEECH_VOLUME } from './config';
import { KEYPAD_ACTIONS } from './keypad';

export const speechRate = z.number().min(SPEECH_RATE.min).max(SPEECH_RATE.max);
export const speechVolume = z.number().min(SPEECH_VOLUME.min).max(SPEECH_VOLUME.max);

export const keypadAction = z.enum(KEYPAD_ACTIONS);
/** KeyboardEvent.key or KeyboardEvent.code values, e.g. "ArrowUp", "F13", "NumpadEnter". */
export const keyName = z.string().min(1).max(40);

/** An operator's changes: the keys of each action named replace the default keys of that action. */
export const keypadMapOverride = z.partialRecord(keypadAction, z.array(keyName).max(8));
export type KeypadMapOverride = z.infer<typeof keypadMapOverride>;

export const accessibilityConfig = z
  .object({
    /** Replaces the keys of the actions named; see common/accessibility/keypad.ts for the actions and defaults. */
    keypad: keypadMapOverride.optional(),
    /** What starts speech mode without first needing it: the keypad's help key, a headphone plug. Both default to on. */
    speechStart: z
      .object({ helpKey: z.boolean().optional(), headphones: z.boolean().optional() })
      .strict()
      .optional(),
    /**
     * The Linux input device that reports the kiosk's headphone socket (SW_HEADPHONE_INSERT),
     * e.g. "/dev/input/by-path/platform-…-event". Absent: only a keypad's own headphone codes count.
     */
    headphoneJackDevice: z.string().min(1).max(300).optional(),
    /** Height of the screen's visible area above the floor: its lower and upper edge, in millimetres. */
    screen: z
      .object({
        bottomMm: z.number().int().min(0).max(2500),
        heightMm: z.number().int().min(100).max(2500),
      })
      .strict()
      .optional(),
    /** Speech rate when a session starts (1 = the engine's normal rate). */
    speechRate: speechRate.optional(),
  })
  .strict();
export type AccessibilityConfig = z.infer<typeof accessibilityConfig>;
