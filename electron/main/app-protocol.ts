// The renderer is loaded from app://kiosk/, a privileged custom scheme, never from
// file://: it gets a real origin (for IndexedDB and the sender check) and every
// response carries the same strict Content-Security-Policy as the browser shell.
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { contentSecurityPolicy, securityHeaders } from '../host/security-headers';
import { lookupStaticFile, type StaticRoots } from '../host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;
/** Shown when the renderer keeps crashing; built in, so it works even if the bundle is broken. */
export const OUT_OF_SERVICE_URL = `${APP_ORIGIN}/out-of-service`;
const OUT_OF_SERVICE_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Out of service</title></head>' +
  '<body><main><h1>This kiosk is out of service</h1><p>Please order at the counter.</p>' +
  '<p lang="de">Dieser Kiosk ist außer Betrieb. Bitte bestellen Sie an der Theke.</p></main></body></html>';

/** True for URLs of our own page, e.g. app://kiosk/index.html. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
  ]);
}

export function serveAppProtocol(protocol: Pick<Protocol, 'handle'>, roots: StaticRoots): void {
  const headers = securityHeaders(contentSecurityPolicy());
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const refuse = (status: number, reason: string): Response =>
      new Response(reason, { status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
    if (url.host !== APP_HOST) return refuse(404, `unknown host ${url.host}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Only GET and HEAD.');
    if (url.pathname === new URL(OUT_OF_SERVICE_URL).pathname) {
      return new Response(OUT_OF_SERVICE_HTML, { headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8' } });
    }
    const found = lookupStaticFile(url.pathname, roots);
    if ('notFound' in found) return refuse(404, found.notFound);
    const body = request.method === 'HEAD' ? null : await readFile(found.file);
    return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' } });
  });
}
