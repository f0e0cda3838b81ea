// The renderer's one way to the kiosk host. In Electron the preload exposes
// `window.kiosk`; in the browser shell the page talks to the host over a loopback
// WebSocket, with the per-launch token it was given in the URL fragment.
// The page needs the calls' names and their error codes only (zod-free modules, loaded with the first
// script); the host checks every input and output against the contract's schemas.
import { CALL_NAMES } from '../../common/contract/client';
import { errorCodeOf, KioskCallError, type CallError } from '../../common/contract/errors';
import type { CallInput, CallName, KioskApi, KioskEvent } from '../../common/contract/index';
import { createWebSocketKioskApi } from './websocket-client';

export { KioskLinkError } from './websocket-client';
export { KioskCallError } from '../../common/contract/errors';
export type { KioskApi, KioskEvent, CallInput, CallOutput, CallName } from '../../common/contract/index';

/**
 * What the Electron preload exposes: one function per call answering with the
 * host's { ok, output | error } envelope (an Error's code would not survive the
 * context bridge), plus events.
 */
export type KioskBridge = {
  [N in CallName]: (input: CallInput<N>) => Promise<{ ok: true; output: unknown } | { ok: false; error: CallError }>;
} & { onEvent(listener: (event: KioskEvent) => void): () => void };

declare global {
  interface Window {
    kiosk?: KioskBridge;
  }
}

export function kioskApiFromBridge(bridge: KioskBridge): KioskApi {
  const calls = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      async (input: unknown) => {
        const result = await (bridge[name] as (input: unknown) => ReturnType<KioskBridge[CallName]>)(input ?? {});
        if (result.ok) return result.output;
        throw new KioskCallError(errorCodeOf(result.error), result.error.message);
      },
    ]),
  );
  return { ...calls, onEvent: (listener) => bridge.onEvent(listener) } as KioskApi;
}

/** `#token=…` (or `?token=…`) in the page URL, as the browser shell hands it out. */
export function tokenFromLocation(location: Pick<Location, 'hash' | 'search'>): string | null {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? new URLSearchParams(location.search).get('token');
}

let api: KioskApi | undefined;

export function getKioskApi(): KioskApi {
  if (api) return api;
  if (window.kiosk) return (api = kioskApiFromBridge(window.kiosk));
  const token = tokenFromLocation(window.location);
  if (!token) {
    throw new Error('No kiosk host: not in Electron, and the page URL has no #token=… (start it with npm run start:browser)');
  }
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  api = createWebSocketKioskApi({ url: `${scheme}//${window.location.host}/kiosk?token=${encodeURIComponent(token)}` });
  return api;
}
