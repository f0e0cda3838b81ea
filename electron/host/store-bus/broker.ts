// The embedded store bus broker (aedes): MQTT over TCP for kiosks and POS, MQTT
// over WebSocket for the staff console in a browser. Every client signs in with
// a username and password (no anonymous access), within the sign-in limits of
// login-guard.ts, and may only publish and subscribe what its role allows (acl.ts).
// On the WebSocket port it can also serve the staff console page itself, so a
// staff tablet needs nothing but a browser and the kiosk's address.
import { createReadStream } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import type { Aedes, AuthenticateError, Client } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';
import { storeTopics, topicSegment, type RefusalMessage } from '../../../common/store-bus/messages';
import { contentSecurityPolicy, securityHeaders } from '../security-headers';
import { lookupStaticFile } from '../static-files';
import { mayPublish, maySubscribe } from './acl';
import { silentLogger, type Logger } from '../log';
import { hashPassword, verifyPassword, type StoreBusUser } from './credentials';
import { DEFAULT_LOCKOUT, LoginGuard, peerSource, type LockoutPolicy, type SignInSource } from './login-guard';

export const DEFAULT_TCP_PORT = 1883;
export const DEFAULT_WS_PORT = 9001;
export const MQTT_WS_PATH = '/mqtt';
export const STAFF_CONSOLE_PATH = '/staff/';

export interface EmbeddedBrokerOptions {
  users: StoreBusUser[];
  /** Interface to listen on; loopback unless staff tablets must reach this kiosk ('0.0.0.0'). */
  host?: string;
  /** 0 picks a free port. */
  tcpPort?: number;
  wsPort?: number;
  lockout?: LockoutPolicy;
  /** Serves the staff console (dist/renderer/staff/ and assets/) on the WebSocket port. */
  staffConsole?: { rendererDir: string; store: string };
  log?: Logger;
}

export interface EmbeddedBroker {
  host: string;
  tcpPort: number;
  wsPort: number;
  /** mqtt://host:tcpPort */
  tcpUrl: string;
  /** ws://host:wsPort/mqtt */
  wsUrl: string;
  /** The staff console page, when it is served. */
  staffConsoleUrl?: string;
  /** Adds or replaces a user (the host adds its own kiosk user with a generated secret). */
  setUser(user: StoreBusUser): void;
  /** Staff sign-in at a kiosk: the same users and sign-in limits as MQTT sign-in; only staff of this store. */
  verifyStaffPin(username: string, pin: string, store: string, source: SignInSource): Promise<StaffPinCheck>;
  close(): Promise<void>;
}

export type StaffPinCheck = { ok: true } | { ok: false; reason: 'wrong' | 'locked' | 'busy' | 'not_staff' };

const authError = (message: string, returnCode: 4 | 5): AuthenticateError => Object.assign(new Error(message), { returnCode });

/** A client id must be the username, or start with "username/" (one user, several devices). */
const clientIdBelongsTo = (clientId: string, username: string): boolean => clientId === username || clientId.startsWith(`${username}/`);

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const log = options.log ?? silentLogger;
  const users = new Map(options.users.map((user) => [user.username, user]));
  const guard = new LoginGuard(options.lockout ?? DEFAULT_LOCKOUT);
  const signedIn = new WeakMap<Client, StoreBusUser>();
  /** The peer each connection came from, for the per-source sign-in limits. */
  const sources = new WeakMap<object, SignInSource>();
  // Unknown usernames are checked against a real hash too, so timing does not tell which names exist.
  const decoyHash = await hashPassword('decoy');

  /** One check for MQTT sign-in and for staff sign-in at a kiosk, so both share the limits. */
  const checkPassword = async (username: string, password: string, source: SignInSource): Promise<{ user: StoreBusUser } | { refused: 'locked' | 'busy' | 'wrong' }> => {
    const user = users.get(username);
    // Name lockout protects short human PINs; kiosks and POS use long machine secrets, and
    // locking them out would let anyone on the network cut a kiosk off its store.
    const lockable = user?.role !== 'kiosk' && user?.role !== 'pos';
    // Counted now, before the slow hash: simultaneous guesses cannot all pass the check.
    const admission = guard.admit(username, source, { lockable });
    if (!admission.admitted) {
      log.warn({ event: 'store_bus_sign_in_refused', username, source: source.key, reason: admission.reason }, 'sign-in refused before checking the password');
      return { refused: admission.reason === 'locked' ? 'locked' : 'busy' };
    }
    let valid = false;
    try {
      valid = (await verifyPassword(password, user?.passwordHash ?? decoyHash)) && user !== undefined;
    } finally {
      admission.settle(valid ? 'succeeded' : 'failed');
    }
    if (!user || !valid) {
      log.warn({ event: 'store_bus_sign_in_refused', username, source: source.key, reason: 'wrong' }, 'wrong username or password');
      return { refused: 'wrong' };
    }
    return { user };
  };

  const { Aedes: AedesBroker } = await import('aedes');
  const broker: Aedes = await AedesBroker.createBroker({
    authenticate(client, username, password, done) {
      if (!username || !password) return done(authError('anonymous connections are not allowed', 5), false);
      checkPassword(username, password.toString(), sources.get(client.conn) ?? peerSource(undefined)).then(
        (checked) => {
          if ('refused' in checked) {
            if (checked.refused === 'wrong') return done(authError('wrong username or password', 4), false);
            return done(authError(checked.refused === 'locked' ? `${username} is locked out after repeated wrong passwords` : 'too many sign-in attempts; try again later', 5), false);
          }
          if (!clientIdBelongsTo(client.id, username)) {
            return done(authError(`client id ${client.id} must be "${username}" or start with "${username}/"`, 5), false);
          }
          signedIn.set(client, checked.user);
          done(null, true);
        },
        (error: unknown) => done(authError(`cannot check the password: ${String(error)}`, 5), false),
      );
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null); // the broker's own messages ($SYS)
      const user = signedIn.get(client);
      const decision = user ? mayPublish(user, packet.topic, packet.payload as Buffer, packet.retain) : { allowed: false as const, reason: 'not signed in' };
      if (decision.allowed) return done(null);
      log.warn({ event: 'store_bus_publish_refused', username: user?.username ?? client.id, topic: packet.topic, reason: decision.reason }, 'publish refused');
      if (!user) return done(new Error(decision.reason));
      // MQTT 3.1.1 has no negative PUBACK: the connection is closed (no PUBACK = not delivered), and the
      // reason is kept retained on refused/{username}, where the sender reads it after reconnecting.
      const notice: RefusalMessage = { username: user.username, topic: packet.topic, reason: decision.reason, at: new Date().toISOString() };
      broker.publish(
        { cmd: 'publish', topic: storeTopics(user.store).refusal(user.username), payload: Buffer.from(JSON.stringify(notice)), qos: 1, retain: true, dup: false },
        () => done(new Error(decision.reason)),
      );
    },
    authorizeSubscribe(client, subscription, done) {
      const user = signedIn.get(client);
      const decision = user ? maySubscribe(user, subscription.topic) : { allowed: false as const, reason: 'not signed in' };
      if (decision.allowed) return done(null, subscription);
      log.warn({ event: 'store_bus_subscribe_refused', username: user?.username ?? client.id, filter: subscription.topic, reason: decision.reason }, 'subscription refused');
      done(null, null); // SUBACK 0x80: the subscription is refused, the client stays connected
    },
  });

  const host = options.host ?? '127.0.0.1';
  const tcp: TcpServer = createTcpServer((socket) => {
    sources.set(socket, peerSource(socket.remoteAddress));
    broker.handle(socket);
  });
  const http = createHttpServer((request, response) => serveStaffConsole(request, response, options.staffConsole));
  const sockets = new WebSocketServer({ server: http, path: MQTT_WS_PATH });
  sockets.on('connection', (socket, request) => {
    const stream = createWebSocketStream(socket);
    stream.on('error', () => socket.terminate());
    sources.set(stream, peerSource(request.socket.remoteAddress));
    broker.handle(stream, request);
  });

  const listen = (server: TcpServer | ReturnType<typeof createHttpServer>, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  let tcpPort: number;
  let wsPort: number;
  try {
    tcpPort = await listen(tcp, options.tcpPort ?? DEFAULT_TCP_PORT);
    wsPort = await listen(http, options.wsPort ?? DEFAULT_WS_PORT);
  } catch (error) {
    tcp.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw new Error(`the embedded store bus broker cannot listen on ${host}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  log.info({ event: 'store_bus_broker_listening', tcpUrl: `mqtt://${urlHost}:${tcpPort}`, wsUrl: `ws://${urlHost}:${wsPort}${MQTT_WS_PATH}` }, 'embedded store bus broker listening');

  return {
    host,
    tcpPort,
    wsPort,
    tcpUrl: `mqtt://${urlHost}:${tcpPort}`,
    wsUrl: `ws://${urlHost}:${wsPort}${MQTT_WS_PATH}`,
    ...(options.staffConsole ? { staffConsoleUrl: `http://${urlHost}:${wsPort}${STAFF_CONSOLE_PATH}?store=${encodeURIComponent(options.staffConsole.store)}` } : {}),
    setUser(user) {
      users.set(user.username, user);
    },
    async verifyStaffPin(username, pin, store, source) {
      const checked = await checkPassword(username, pin, source);
      if ('refused' in checked) return { ok: false, reason: checked.refused };
      if (checked.user.role !== 'staff' || checked.user.store !== store) return { ok: false, reason: 'not_staff' };
      return { ok: true };
    },
    async close() {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => http.close(() => resolve())),
        new Promise<void>((resolve) => tcp.close(() => resolve())),
        new Promise<void>((resolve) => broker.close(() => resolve())),
      ]);
    },
  };
}

/** Only the staff console page and the bundle's assets; the kiosk page is not served to the network. */
function serveStaffConsole(request: IncomingMessage, response: ServerResponse, staffConsole: EmbeddedBrokerOptions['staffConsole']): void {
  const hostHeader = request.headers.host ?? '';
  const refuse = (status: number, reason: string): void => {
    response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(reason + '\n');
  };
  if (!staffConsole) return refuse(404, 'This store bus does not serve the staff console.');
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'Only GET and HEAD.');
  if (!/^[A-Za-z0-9.[\]:-]+$/.test(hostHeader)) return refuse(400, 'Bad Host header.');
  const url = new URL(request.url ?? '/', `http://${hostHeader}`);
  // mqtt.js runs its keepalive timers in a blob: worker, so they keep time in a background tab.
  const csp = contentSecurityPolicy({ connectSources: [`ws://${hostHeader}${MQTT_WS_PATH}`] }).replace("worker-src 'self'", "worker-src 'self' blob:");
  const headers = securityHeaders(csp);
  if (url.pathname === '/' || url.pathname === '/staff') {
    const store = topicSegment.safeParse(staffConsole.store).success ? staffConsole.store : '';
    response.writeHead(302, { ...headers, Location: `${STAFF_CONSOLE_PATH}?store=${store}` });
    return void response.end();
  }
  if (!url.pathname.startsWith(STAFF_CONSOLE_PATH) && !url.pathname.startsWith('/assets/')) return refuse(404, `${url.pathname} not found`);
  const path = url.pathname === STAFF_CONSOLE_PATH ? `${STAFF_CONSOLE_PATH}index.html` : url.pathname;
  const found = lookupStaticFile(path, { rendererDir: staffConsole.rendererDir, assetDir: staffConsole.rendererDir });
  if ('notFound' in found) return refuse(404, found.notFound);
  response.writeHead(200, { ...headers, 'Content-Type': found.contentType, 'Cache-Control': 'no-cache' });
  if (request.method === 'HEAD') return void response.end();
  createReadStream(found.file)
    .on('error', () => response.destroy())
    .pipe(response);
}
