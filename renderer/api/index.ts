// The renderer's one way to the kiosk host. In Electron the preload exposes
// `window.kiosk`; in the browser shell the page talks to the host over a loopback
// WebSocket, with the per-launch token it was given in the URL fragment.
import type { KioskApi } from '../../electron/common/contract';
import { createWebSocketKioskApi } from './websocket-client';

export { KioskLinkError } from './websocket-client';
export { KioskCallError } from '../../electron/common/contract';
export type { KioskApi, KioskEvent, CallInput, CallOutput, CallName } from '../../electron/common/contract';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

/** `#token=…` (or `?token=…`) in the page URL, as the browser shell hands it out. */
export function tokenFromLocation(location: Pick<Location, 'hash' | 'search'>): string | null {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? new URLSearchParams(location.search).get('token');
}

let api: KioskApi | undefined;

export function getKioskApi(): KioskApi {
  if (api) return api;
  if (window.kiosk) return (api = window.kiosk);
  const token = tokenFromLocation(window.location);
  if (!token) {
    throw new Error('No kiosk host: not in Electron, and the page URL has no #token=… (start it with npm run start:browser)');
  }
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  api = createWebSocketKioskApi({ url: `${scheme}//${window.location.host}/kiosk?token=${encodeURIComponent(token)}` });
  return api;
}
