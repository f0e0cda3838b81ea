// Kiosk contract calls and events for speech output: the host speaks with a real engine
// (electron/host/speech/), so the kiosk does not depend on a browser's voices. The renderer
// calls these only while the customer has speech mode on (nothing is spoken otherwise),
// and never with a PIN: PINs are typed on the terminal or in the staff-only sign-in, and
// neither is ever read out.
import { z } from 'zod';
import { speechRate, speechVolume } from '../accessibility/config-schema';
import { localeCode } from '../menu/schema';
import { MAX_UTTERANCE_CHARS } from './client';
import { defineCall } from './define';

/** speaking: the engine has started it; queued: it follows the utterance now speaking; unavailable: no engine here. */
export const speechOutcome = z.enum(['speaking', 'queued', 'unavailable']);
export type SpeechOutcome = z.infer<typeof speechOutcome>;

export const sayInput = z
  .object({
    text: z.string().trim().min(1, 'must not be empty').max(MAX_UTTERANCE_CHARS),
    /** The session's language; the engine picks its voice for it. */
    lang: localeCode,
    rate: speechRate.optional(),
    volume: speechVolume.optional(),
    /** True (the default): cut what is being said now and say this at once. False: say it after. */
    interrupt: z.boolean().default(true),
  })
  .strict();
export type SayInput = z.input<typeof sayInput>;

export const speechCalls = {
  say: defineCall(sayInput, z.object({ outcome: speechOutcome })),
  /** Stops what is being said and drops what is queued. */
  stopSpeech: defineCall(z.object({}).strict(), z.object({ stopped: z.boolean() })),
  /** Says the last utterance again (at a new rate or volume if given); nothing: there was none yet. */
  repeatSpeech: defineCall(
    z.object({ rate: speechRate.optional(), volume: speechVolume.optional() }).strict(),
    z.object({ outcome: z.union([speechOutcome, z.literal('nothing')]) }),
  ),
  /** Whether the host can speak; the renderer says so on screen when it cannot. */
  getSpeechStatus: defineCall(z.object({}).strict(), z.object({ available: z.boolean() })),
};

/** Events the host pushes for speech; contract/index.ts adds them to kioskEvent. */
export const speechEvents = [
  /** The kiosk's own headphone socket (a Linux jack switch): a plug went in or came out. */
  z.object({ type: z.literal('speech.headphones'), plugged: z.boolean() }),
] as const;
export type SpeechEvent = z.infer<(typeof speechEvents)[number]>;
