// The kiosk contract: one typed surface between the renderer and the host,
// carried by Electron IPC (preload) or by a loopback WebSocket (browser shell).
// Each domain declares its calls in contract/<domain>.ts; this file joins them.
import { z } from 'zod';
import type { CALL_NAMES } from './client';
import type { CallSpec } from './define';
import { deviceCalls, deviceEvents } from './devices';
import { kioskStaffCalls, staffEvents } from './staff';
import { menuCalls, menuUpdatedEvent } from './menu';
import { orderCalls } from './orders';
import { speechCalls, speechEvents } from './speech';
import { startupCalls } from './startup';

export const kioskCalls = {
  ...startupCalls,
  ...menuCalls,
  ...kioskStaffCalls,
  ...orderCalls,
  ...deviceCalls,
  ...speechCalls,
} satisfies Record<string, CallSpec>;

export type KioskCalls = typeof kioskCalls;
export type CallName = keyof KioskCalls;
export type CallInput<N extends CallName> = z.input<KioskCalls[N]['input']>;
export type CallOutput<N extends CallName> = z.output<KioskCalls[N]['output']>;

/** Events the host pushes to the renderer (device prompts, status changes). */
export const kioskEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('host.ready'), at: z.string() }),
  menuUpdatedEvent,
  ...staffEvents,
  ...deviceEvents,
  ...speechEvents,
]);
export type KioskEvent = z.infer<typeof kioskEvent>;

/** What the renderer sees: one async function per call, plus a subscription to events. */
export type KioskApi = { [N in CallName]: (input: CallInput<N>) => Promise<CallOutput<N>> } & {
  onEvent(listener: (event: KioskEvent) => void): () => void;
};

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(kioskCalls, name);

export { CALL_ERROR_CODES, errorCodeOf, isCallErrorCode, KioskCallError, staffSignInProblemOf, type CallError, type CallErrorCode, type StaffSignInProblem } from './errors';
export { callError, callErrorCode } from './define';
export { CALL_NAMES } from './client';

/** client.ts (what the page loads, without zod) lists exactly the calls above: a compile error otherwise. */
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const CALL_NAMES_MATCH_THE_CONTRACT: SameNames<(typeof CALL_NAMES)[number], CallName> = true;

/** The IPC channel of a call. The preload exposes exactly these, nothing raw. */
export const ipcChannel = (name: CallName): string => `kiosk:${name}`;
export const IPC_EVENT_CHANNEL = 'kiosk:event';
