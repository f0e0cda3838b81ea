// The browser shell's server: the built renderer and menu images over HTTP, and
// the kiosk contract over a WebSocket, both on 127.0.0.1 only. A random token,
// new on every launch, is handed to the page in the URL fragment (never sent in
// HTTP requests); the WebSocket refuses connections without it, and any request
// whose Host or Origin is not this loopback server (DNS rebinding, other sites).
// No client's bytes end the process: every socket has an error handler, and a bad
// frame (too large, invalid UTF-8, reserved opcode or bits, unmasked) closes that
// one connection with the WebSocket close code ws chose.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import type { KioskEvent } from '../../common/contract/index';
import type { CallResult } from '../host/dispatcher';
import type { KioskHost } from '../host/kiosk-host';
import { silentLogger, type Logger } from '../host/log';
import { contentSecurityPolicy, securityHeaders } from '../host/security-headers';
import { lookupStaticFile } from '../host/static-files';

export const LOOPBACK = '127.0.0.1';
export const WS_PATH = '/kiosk';
/** A kiosk contract message is small; anything bigger is refused by ws before parsing. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export interface BrowserShellOptions {
  host: Pick<KioskHost, 'dispatch' | 'onEvent' | 'assetDir'> & Partial<Pick<KioskHost, 'brandDir'>>;
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  log?: Logger;
}

export interface BrowserShell {
  /** The page to open, with the token in the fragment. */
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const requestEnvelope = z
  .object({
    id: z.union([z.string().min(1).max(128), z.number().int()]),
    call: z.string().min(1).max(128),
    input: z.unknown().optional(),
  })
  .strict();

export type WireResponse = { id: string | number | null } & CallResult;
export type WireEvent = { event: KioskEvent };

function describeEnvelopeError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `message${issue.path.length ? '.' + issue.path.join('.') : ''}: ${issue.message}`)
    .join('; ');
}

function tokensMatch(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const log = options.log ?? silentLogger;
  const token = randomBytes(32).toString('base64url');
  let port = options.port;
  const allowedHosts = (): Set<string> => new Set([`${LOOPBACK}:${port}`, `localhost:${port}`]);
  const allowedOrigins = (): Set<string> => new Set([`http://${LOOPBACK}:${port}`, `http://localhost:${port}`]);
  let headers: Record<string, string> = {};

  const refuse = (response: ServerResponse, status: number, reason: string): void => {
    response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(reason + '\n');
  };

  const serveFile = (request: IncomingMessage, response: ServerResponse): void => {
    if (!allowedHosts().has(request.headers.host ?? '')) return refuse(response, 403, 'This server answers on loopback only.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Only GET and HEAD.');
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const found = lookupStaticFile(path, { rendererDir: options.rendererDir, assetDir: options.host.assetDir, ...(options.host.brandDir ? { brandDir: options.host.brandDir } : {}) });
    if ('notFound' in found) return refuse(response, 404, found.notFound);
    response.writeHead(200, { ...headers, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(found.file)
      .on('error', () => response.destroy())
      .pipe(response);
  };

  const http = createServer(serveFile);
  http.on('clientError', (error, socket) => {
    log.debug({ event: 'browser_shell_bad_request', reason: error.message }, 'malformed HTTP request');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    socket.destroy();
  });
  // No compression: a small frame must not inflate into a large message.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES, perMessageDeflate: false });

  const rejectUpgrade = (socket: Duplex, status: number, reason: string): void => {
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
  };

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== WS_PATH) return rejectUpgrade(socket, 404, 'Not Found');
    if (!allowedHosts().has(request.headers.host ?? '')) return rejectUpgrade(socket, 403, 'Forbidden: not a loopback host');
    if (!allowedOrigins().has(request.headers.origin ?? '')) return rejectUpgrade(socket, 403, 'Forbidden: foreign origin');
    if (!tokensMatch(token, url.searchParams.get('token'))) return rejectUpgrade(socket, 401, 'Unauthorized: missing or wrong token');
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  });

  const send = (client: WebSocket, message: WireResponse | WireEvent): void => {
    if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
  };

  const answer = async (client: WebSocket, data: RawData, isBinary: boolean): Promise<void> => {
    if (isBinary) return send(client, { id: null, ok: false, error: { code: 'bad_request', message: 'message must be JSON text, not binary' } });
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return send(client, { id: null, ok: false, error: { code: 'bad_request', message: `message is not JSON: ${reason}` } });
    }
    const envelope = requestEnvelope.safeParse(raw);
    if (!envelope.success) {
      const id = typeof raw === 'object' && raw !== null && Object.hasOwn(raw, 'id') ? (raw as { id: unknown }).id : null;
      return send(client, {
        id: typeof id === 'string' || typeof id === 'number' ? id : null,
        ok: false,
        error: { code: 'bad_request', message: `${describeEnvelopeError(envelope.error)} (expected {"id", "call", "input"})` },
      });
    }
    const { id, call, input } = envelope.data;
    send(client, { id, ...(await options.host.dispatch(call, input)) });
  };

  sockets.on('connection', (client: WebSocket) => {
    // ws reports a bad frame here and then closes the connection (1009 too big, 1007 bad UTF-8, 1002 protocol).
    client.on('error', (error: Error & { code?: string }) => {
      log.warn({ event: 'browser_shell_frame_refused', code: error.code, reason: error.message }, 'contract connection closed on a bad frame');
    });
    client.on('message', (data, isBinary) => {
      answer(client, data, isBinary).catch((error: unknown) => {
        log.error({ event: 'browser_shell_answer_failed', err: error }, 'could not answer a contract call');
      });
    });
    send(client, { event: { type: 'host.ready', at: new Date().toISOString() } });
  });

  const stopForwarding = options.host.onEvent((event) => {
    for (const client of sockets.clients) send(client, { event });
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, LOOPBACK, () => {
      http.off('error', reject);
      resolve();
    });
  });
  http.on('error', (error) => log.error({ event: 'browser_shell_server_error', reason: error.message }, 'browser shell server error'));
  port = (http.address() as AddressInfo).port;
  const origin = `http://${LOOPBACK}:${port}`;
  headers = securityHeaders(contentSecurityPolicy({ connectSources: [`ws://${LOOPBACK}:${port}`, `ws://localhost:${port}`] }));

  return {
    url: `${origin}/#token=${token}`,
    origin,
    port,
    token,
    async close() {
      stopForwarding();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
