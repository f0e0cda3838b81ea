// The back office's HTTP server: the page (dist/renderer/back-office), menu images for the
// preview, and the JSON API under /back-office/api/. Like the staff console's server it
// answers only for its own Host (no DNS rebinding) with a strict CSP; every change must
// come from the page itself (same Origin, SameSite=Strict cookie and a CSRF token header),
// and request bodies are bounded.
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isIP } from 'node:net';
import { contentSecurityPolicy, securityHeaders } from '../../electron/host/security-headers';
import { lookupStaticFile } from '../../electron/host/static-files';
import type { Logger } from '../../electron/host/log';
import { silentLogger } from '../../electron/host/log';
import { SESSION_COOKIE, readCookie, type Auth, type Session } from './auth';
import type { BackOffice } from './back-office';
import { MAX_IMAGE_BYTES } from './images';
import { routeApi } from './api';
import { API_PREFIX, BACK_OFFICE_PATH, MAX_JSON_BYTES } from './paths';

const ASSET_PREFIX = `${BACK_OFFICE_PATH}menu-assets/`;

export interface BackOfficeHttpOptions {
  backOffice: BackOffice;
  auth: Auth;
  /** dist/renderer: the page is in its back-office/ folder. */
  rendererDir: string;
  host: string;
  port: number;
  /** Extra names this server may be reached by (besides localhost and IP addresses). */
  hostnames?: string[];
  /** Behind TLS (a reverse proxy): the cookie gets Secure. */
  secureCookie?: boolean;
  log?: Logger;
}

export interface BackOfficeHttp {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** The signed-in session, if any. */
  session: Session | null;
  body(limit: number): Promise<Buffer>;
  json(status: number, value: unknown, headers?: Record<string, string>): void;
  fail(status: number, code: string, message: string, extra?: Record<string, unknown>): void;
  setSessionCookie(id: string | null): void;
}

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startBackOfficeHttp(options: BackOfficeHttpOptions): Promise<BackOfficeHttp> {
  const log = options.log ?? silentLogger;
  let port = options.port;
  const pageDir = options.rendererDir;

  /** localhost, an IP address, or a configured name, with our port: a rebinding attacker's domain is refused. */
  const hostAllowed = (host: string | undefined): boolean => {
    if (!host) return false;
    const match = /^(\[[0-9a-fA-F:.]+\]|[^:]+):(\d+)$/.exec(host);
    if (!match || Number(match[2]) !== port) return false;
    const name = match[1]!.replace(/^\[|\]$/g, '');
    return name === 'localhost' || isIP(name) !== 0 || (options.hostnames ?? []).includes(name.toLowerCase());
  };

  const headers = securityHeaders(contentSecurityPolicy());

  const server = createServer((request, response) => {
    const host = request.headers.host ?? '';
    const send = (status: number, body: string, contentType: string, extra: Record<string, string> = {}) => {
      response.writeHead(status, { ...headers, 'Content-Type': contentType, 'Cache-Control': 'no-store', ...extra });
      response.end(body);
    };
    if (!hostAllowed(host)) return send(403, 'This back office answers for its own address only.\n', 'text/plain; charset=utf-8');
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${host}`);
    } catch {
      return send(400, 'Bad URL.\n', 'text/plain; charset=utf-8');
    }
    const session = options.auth.session(readCookie(request.headers.cookie, SESSION_COOKIE));

    if (url.pathname.startsWith(API_PREFIX)) {
      const context: RequestContext = {
        request,
        response,
        url,
        session,
        body: (limit) => readBody(request, limit),
        json: (status, value, extra = {}) => send(status, JSON.stringify(value), 'application/json; charset=utf-8', extra),
        fail: (status, code, message, extra = {}) => send(status, JSON.stringify({ error: { code, message, ...extra } }), 'application/json; charset=utf-8'),
        setSessionCookie: (id) =>
          response.setHeader(
            'Set-Cookie',
            `${SESSION_COOKIE}=${id ?? ''}; Path=${BACK_OFFICE_PATH}; HttpOnly; SameSite=Strict${options.secureCookie ? '; Secure' : ''}${id ? '' : '; Max-Age=0'}`,
          ),
      };
      const unsafe = request.method !== 'GET' && request.method !== 'HEAD';
      // A change must come from this page: the browser's Origin is this server's.
      if (unsafe && request.headers.origin !== `http://${host}` && request.headers.origin !== `https://${host}`) {
        return context.fail(403, 'foreign_origin', 'changes are accepted only from the back office page itself');
      }
      if (unsafe && session && !url.pathname.endsWith('/api/session') && !options.auth.csrfMatches(session, request.headers['x-csrf-token'] as string | undefined)) {
        return context.fail(403, 'csrf', 'the request lacks the page\'s CSRF token; reload the page');
      }
      routeApi(context, options.backOffice, options.auth).catch((error: unknown) => {
        if (error instanceof BodyTooLarge) return context.fail(413, 'too_large', `the request body is larger than allowed (${url.pathname.endsWith('/images') ? MAX_IMAGE_BYTES : MAX_JSON_BYTES} bytes)`);
        log.error({ event: 'back_office_request_failed', path: url.pathname, error: String(error) }, 'a back office request failed');
        if (!response.headersSent) context.fail(500, 'internal', 'the back office could not do that; see its log');
      });
      return;
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, 'Only GET and HEAD.\n', 'text/plain; charset=utf-8');
    if (url.pathname === '/' || url.pathname === '/back-office') return send(302, '', 'text/plain; charset=utf-8', { Location: BACK_OFFICE_PATH });

    let found: ReturnType<typeof lookupStaticFile>;
    if (url.pathname.startsWith(ASSET_PREFIX)) {
      if (!session) return send(401, 'Sign in first.\n', 'text/plain; charset=utf-8');
      // lookupStaticFile serves images only from its menu-assets/ root.
      found = lookupStaticFile(`/menu-assets/${url.pathname.slice(ASSET_PREFIX.length)}`, { rendererDir: pageDir, assetDir: options.backOffice.menuDir });
    } else if (url.pathname.startsWith(BACK_OFFICE_PATH)) {
      const path = `/${url.pathname.slice(BACK_OFFICE_PATH.length) || 'index.html'}`;
      found = lookupStaticFile(path, { rendererDir: join(pageDir, 'back-office'), assetDir: join(pageDir, 'back-office') });
    } else return send(404, `${url.pathname} not found\n`, 'text/plain; charset=utf-8');
    if ('notFound' in found) return send(404, `${found.notFound}\n`, 'text/plain; charset=utf-8');
    response.writeHead(200, { ...headers, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(found.file)
      .on('error', () => response.destroy())
      .pipe(response);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${urlHost}:${port}${BACK_OFFICE_PATH}`,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
