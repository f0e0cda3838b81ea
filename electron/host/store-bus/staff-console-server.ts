// The embedded broker's HTTP side: the staff console page, the order status display page
// (and their assets) and MQTT over WebSocket at /mqtt. Tablets on the store network reach it, so every response,
// errors included, checks the Host header (DNS rebinding) and carries the security
// headers with a CSP; the WebSocket upgrade also checks Origin, so no other web page
// a tablet opens can talk MQTT to the kiosk.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';
import { hostname as machineName } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { BRAND_ASSET_BASE } from '../../../common/menu/theme';
import type { BrandTheme } from '../../../common/menu/theme-schema';
import { topicSegment } from '../../../common/store-bus/messages';
import type { Logger } from '../log';
import { contentSecurityPolicy, securityHeaders } from '../security-headers';
import { lookupStaticFile } from '../static-files';

export const MQTT_WS_PATH = '/mqtt';
export const STAFF_CONSOLE_PATH = '/staff/';
/** The order status display for a screen above the counter (status-display/). */
export const DISPLAY_PATH = '/display/';

/** What the order status display shows of the store: its name and theme (public), and where the theme's files are. */
export interface DisplayBrand {
  storeName: string;
  theme?: BrandTheme | undefined;
  /** The store config's folder: theme files are served from it under /store-assets/. */
  brandDir: string;
}

export interface StaffConsoleServerOptions {
  /** Serves the staff console and the order status display (dist/renderer/staff/, display/ and assets/); without it only /mqtt answers. */
  staffConsole?: { rendererDir: string; store: string; brand?: DisplayBrand | undefined } | undefined;
  /** Host names (besides IP addresses, localhost and this machine's name) tablets use to reach the kiosk. */
  allowedHostnames?: string[] | undefined;
  /** Largest WebSocket message (the broker's largest packet). */
  maxPayloadBytes: number;
  /** A WebSocket that passed the checks, as a byte stream for the broker. */
  onMqttStream(stream: Duplex, request: IncomingMessage): void;
  log: Logger;
}

/** The host name of a Host header ("kiosk-b.local:9001", "[::1]:9001"), or null when it is malformed. */
export function hostnameOf(hostHeader: string): string | null {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(hostHeader);
  return match ? match[1]!.toLowerCase() : null;
}

/** IP literals and localhost always; names only when listed: a rebound attacker's domain never is. */
export function isAllowedHost(hostHeader: string | undefined, allowedNames: ReadonlySet<string>): boolean {
  const name = hostHeader === undefined ? null : hostnameOf(hostHeader);
  if (name === null) return false;
  if (name.startsWith('[')) return isIPv6(name.slice(1, -1));
  return isIPv4(name) || name === 'localhost' || allowedNames.has(name);
}

/** A browser's WebSocket must come from the page this server serves (same origin); clients without Origin are not browsers. */
export const isAllowedOrigin = (origin: string | undefined, hostHeader: string): boolean =>
  origin === undefined || origin === `http://${hostHeader}` || origin === `https://${hostHeader}`;

export function createStaffConsoleServer(options: StaffConsoleServerOptions): { http: Server; sockets: WebSocketServer } {
  const { log } = options;
  const machine = machineName().toLowerCase();
  const allowedNames = new Set([machine, `${machine}.local`, ...(options.allowedHostnames ?? []).map((name) => name.toLowerCase())]);
  const errorHeaders = securityHeaders(contentSecurityPolicy());

  const http = createServer((request, response) => {
    if (!isAllowedHost(request.headers.host, allowedNames)) return refuse(response, 421, 'This server answers only to its IP address or configured host names.', errorHeaders);
    serveStaffConsole(request, response, options.staffConsole, errorHeaders);
  });
  http.on('clientError', (error, socket) => {
    log.debug({ event: 'staff_console_bad_request', reason: error.message }, 'malformed HTTP request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });
  http.on('error', (error) => log.error({ event: 'staff_console_server_error', reason: error.message }, 'staff console server error'));

  const sockets = new WebSocketServer({ noServer: true, maxPayload: options.maxPayloadBytes });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const hostHeader = request.headers.host ?? '';
    const path = request.url?.split('?')[0];
    const reject = (status: number, reason: string): void => {
      log.warn({ event: 'store_bus_websocket_refused', status, reason, origin: request.headers.origin, host: hostHeader }, 'WebSocket refused');
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
    };
    if (path !== MQTT_WS_PATH) return reject(404, 'Not Found');
    if (!isAllowedHost(hostHeader, allowedNames)) return reject(421, 'Misdirected Request');
    if (!isAllowedOrigin(request.headers.origin, hostHeader)) return reject(403, 'Forbidden: foreign origin');
    sockets.handleUpgrade(request, socket, head, (client) => {
      client.on('error', (error) => log.warn({ event: 'store_bus_websocket_error', reason: error.message }, 'WebSocket closed on a bad frame'));
      const stream = createWebSocketStream(client);
      stream.on('error', () => client.terminate());
      options.onMqttStream(stream, request);
    });
  });
  return { http, sockets };
}

function refuse(response: ServerResponse, status: number, reason: string, headers: Record<string, string>): void {
  response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(reason + '\n');
}

/** Only the staff console and display pages and the bundles' assets; the kiosk page is not served to the network. */
function serveStaffConsole(request: IncomingMessage, response: ServerResponse, staffConsole: StaffConsoleServerOptions['staffConsole'], errorHeaders: Record<string, string>): void {
  if (!staffConsole) return refuse(response, 404, 'This store bus does not serve the staff console.', errorHeaders);
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Only GET and HEAD.', errorHeaders);
  const hostHeader = request.headers.host!;
  let url: URL;
  try {
    url = new URL(request.url ?? '/', `http://${hostHeader}`);
  } catch {
    return refuse(response, 400, 'Bad request URL.', errorHeaders);
  }
  // mqtt.js runs its keepalive timers in a blob: worker, so they keep time in a background tab.
  const csp = contentSecurityPolicy({ connectSources: [`ws://${hostHeader}${MQTT_WS_PATH}`] }).replace("worker-src 'self'", "worker-src 'self' blob:");
  const headers = securityHeaders(csp);
  if (url.pathname === '/' || url.pathname === '/staff') {
    const store = topicSegment.safeParse(staffConsole.store).success ? staffConsole.store : '';
    response.writeHead(302, { ...headers, Location: `${STAFF_CONSOLE_PATH}?store=${store}` });
    return void response.end();
  }
  if (url.pathname === '/display') {
    const store = topicSegment.safeParse(staffConsole.store).success ? staffConsole.store : '';
    response.writeHead(302, { ...headers, Location: `${DISPLAY_PATH}?store=${store}` });
    return void response.end();
  }
  const brand = staffConsole.brand;
  if (url.pathname === `${DISPLAY_PATH}brand.json`) {
    // The display's public view of the store: no ids, ports or users, only what is on screen.
    const body = JSON.stringify({ storeName: brand?.storeName ?? '', ...(brand?.theme ? { theme: brand.theme } : {}) });
    response.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache' });
    return void response.end(request.method === 'HEAD' ? undefined : body);
  }
  const page = [STAFF_CONSOLE_PATH, DISPLAY_PATH].find((prefix) => url.pathname.startsWith(prefix));
  const isBrandFile = url.pathname.startsWith(`/${BRAND_ASSET_BASE}`);
  if (!page && !isBrandFile && !url.pathname.startsWith('/assets/')) return refuse(response, 404, `${url.pathname} not found`, headers);
  if (isBrandFile && !brand) return refuse(response, 404, `${url.pathname} not found`, headers);
  const path = url.pathname === page ? `${page}index.html` : url.pathname;
  const found = lookupStaticFile(path, { rendererDir: staffConsole.rendererDir, assetDir: staffConsole.rendererDir, ...(brand ? { brandDir: brand.brandDir } : {}) });
  if ('notFound' in found) return refuse(response, 404, found.notFound, headers);
  response.writeHead(200, { ...headers, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(found.file)
    .on('error', () => response.destroy())
    .pipe(response);
}
