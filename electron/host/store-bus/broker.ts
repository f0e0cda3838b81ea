// The embedded store bus broker (aedes): MQTT over TCP for kiosks and POS, MQTT
// over WebSocket for the staff console in a browser. Every client signs in with
// a username and password (no anonymous access), within the sign-in limits of
// login-guard.ts, and may only publish and subscribe what its role allows (acl.ts).
// On the WebSocket port it can also serve the staff console page itself, so a
// staff tablet needs nothing but a browser and the kiosk's address.
import type { Server as HttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Aedes, AuthenticateError, Client } from 'aedes';
import { parseTopic, storeTopics, type RefusalMessage } from '../../../common/store-bus/messages';
import { MAX_PAYLOAD_BYTES, mayPublish, maySubscribe, rememberingLastValid } from './acl';
import { silentLogger, type Logger } from '../log';
import { hashPassword, verifyPassword, type StoreBusUser } from './credentials';
import { DEFAULT_LOCKOUT, LoginGuard, peerSource, type LockoutPolicy, type SignInSource } from './login-guard';
import { GuardedConnection, type PacketLimits } from './packet-guard';
import { openRetainedStore } from './retained-store';
import { WaitingRoom } from './waiting-room';
import { DISPLAY_PATH, MQTT_WS_PATH, STAFF_CONSOLE_PATH, createStaffConsoleServer, type DisplayBrand } from './staff-console-server';

export const DEFAULT_TCP_PORT = 1883;
export const DEFAULT_WS_PORT = 9001;
export { DISPLAY_PATH, MQTT_WS_PATH, STAFF_CONSOLE_PATH };

/** Topic and header room on top of the largest payload. */
const PACKET_OVERHEAD_BYTES = 64 * 1024;
export const PACKET_LIMITS: PacketLimits = {
  beforeSignInBytes: 16 * 1024,
  beforeSignInTotalBytes: 64 * 1024,
  signedInBytes: MAX_PAYLOAD_BYTES + PACKET_OVERHEAD_BYTES,
};
/** Connections that have not signed in yet, per peer and in all: each holds a socket and up to beforeSignInTotalBytes. */
const MAX_UNSIGNED_PER_PEER = 32;
const MAX_UNSIGNED = 256;
/** A connection must send its CONNECT within this (aedes' default is 30 s). */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * A client that does not read what the broker sends it for this long is disconnected (aedes'
 * default is 60 s): the broker waits for a slow subscriber before the next message, so one tablet
 * that stops reading held up every order, status and help request for a minute at a time.
 */
const DRAIN_TIMEOUT_MS = 5_000;

export interface EmbeddedBrokerOptions {
  users: StoreBusUser[];
  /** Interface to listen on; loopback unless staff tablets must reach this kiosk ('0.0.0.0'). */
  host?: string;
  /** 0 picks a free port. */
  tcpPort?: number;
  wsPort?: number;
  lockout?: LockoutPolicy;
  /** Serves the staff console (dist/renderer/staff/ and assets/) on the WebSocket port. */
  staffConsole?: { rendererDir: string; store: string; brand?: DisplayBrand };
  /** Host names tablets use to reach this kiosk, besides IP addresses, localhost and the machine's own name. */
  allowedHostnames?: string[];
  /** Where retained messages are kept across restarts (retained-store.ts); in memory only without it. */
  retainedFile?: string;
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
  /** The order status display page, served with the staff console. */
  displayUrl?: string;
  /** Adds or replaces a user (the host adds its own kiosk user with a generated secret). */
  setUser(user: StoreBusUser): void;
  /** Staff sign-in at a kiosk: the same users and sign-in limits as MQTT sign-in; only staff of this store. */
  verifyStaffPin(username: string, pin: string, store: string, source: SignInSource): Promise<StaffPinCheck>;
  close(): Promise<void>;
}

/** manager: the users file marks this staff member as a manager (staff mode: cancellations, large comps). */
export type StaffPinCheck = { ok: true; manager: boolean } | { ok: false; reason: 'wrong' | 'locked' | 'busy' | 'not_staff' };

const authError = (message: string, returnCode: 4 | 5): AuthenticateError => Object.assign(new Error(message), { returnCode });

/** The order's own topic for a status being set (not cleared) on it; undefined for any other message. */
function orderOfStatus(topic: string, payload: Buffer): string | undefined {
  const parsed = parseTopic(topic);
  if (parsed?.kind !== 'order_status' || payload.length === 0) return undefined;
  return storeTopics(parsed.store).order(parsed.kiosk, parsed.orderId);
}

/** Whether the broker holds a retained message on exactly this topic. */
async function isRetained(broker: Aedes, topic: string): Promise<boolean> {
  // aedes sets `persistence` on the broker; its types leave it out.
  const { persistence } = broker as unknown as { persistence: { createRetainedStream(pattern: string): AsyncIterable<unknown> & { destroy(): void } } };
  const stream = persistence.createRetainedStream(topic);
  try {
    for await (const packet of stream) if (packet) return true;
    return false;
  } finally {
    stream.destroy();
  }
}

/** A client id must be the username, or start with "username/" (one user, several devices). */
const clientIdBelongsTo = (clientId: string, username: string): boolean => clientId === username || clientId.startsWith(`${username}/`);

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const log = options.log ?? silentLogger;
  const users = new Map(options.users.map((user) => [user.username, user]));
  const guard = new LoginGuard(options.lockout ?? DEFAULT_LOCKOUT);
  const signedIn = new WeakMap<Client, StoreBusUser>();
  /** The peer each connection came from, for the per-source sign-in limits. */
  const sources = new WeakMap<object, SignInSource>();
  /** Connections not signed in yet: their count is capped, per peer and in all. */
  const waitingRoom = new WaitingRoom(MAX_UNSIGNED_PER_PEER, MAX_UNSIGNED);
  // Unknown usernames are checked against a real hash too, so timing does not tell which names exist.
  const decoyHash = await hashPassword('decoy');

  /** One check for MQTT sign-in and for staff sign-in at a kiosk, so both share the limits. */
  const checkPassword = async (username: string, password: string, source: SignInSource): Promise<{ user: StoreBusUser } | { refused: 'locked' | 'busy' | 'wrong' }> => {
    const user = users.get(username);
    // Name lockout protects short human PINs; kiosks, POS and displays use long machine secrets,
    // and locking them out would let anyone on the network cut a kiosk or a screen off its store.
    const lockable = user?.role !== 'kiosk' && user?.role !== 'pos' && user?.role !== 'display';
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

  const checkPayload = rememberingLastValid();

  const retained = options.retainedFile ? openRetainedStore(options.retainedFile, log) : undefined;
  const { Aedes: AedesBroker } = await import('aedes');
  const broker: Aedes = await AedesBroker.createBroker({
    ...(retained ? { persistence: retained.persistence } : {}),
    connectTimeout: CONNECT_TIMEOUT_MS,
    drainTimeout: DRAIN_TIMEOUT_MS,
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
          if (client.conn instanceof GuardedConnection) client.conn.markSignedIn();
          done(null, true);
        },
        (error: unknown) => done(authError(`cannot check the password: ${String(error)}`, 5), false),
      );
    },
    authorizePublish(client, packet, done) {
      if (!client) return done(null); // the broker's own messages ($SYS)
      const user = signedIn.get(client);
      const refuse = (reason: string): void => {
        log.warn({ event: 'store_bus_publish_refused', username: user?.username ?? client.id, topic: packet.topic, reason }, 'publish refused');
        if (!user) return done(new Error(reason));
        // MQTT 3.1.1 has no negative PUBACK: the connection is closed (no PUBACK = not delivered), and the
        // reason is kept retained on refused/{username}, where the sender reads it after reconnecting.
        const notice: RefusalMessage = { username: user.username, topic: packet.topic, reason, at: new Date().toISOString() };
        broker.publish(
          { cmd: 'publish', topic: storeTopics(user.store).refusal(user.username), payload: Buffer.from(JSON.stringify(notice)), qos: 1, retain: true, dup: false },
          () => done(new Error(reason)),
        );
      };
      const decision = user ? mayPublish(user, packet.topic, packet.payload as Buffer, packet.retain, checkPayload) : { allowed: false as const, reason: 'not signed in' };
      if (!decision.allowed) return refuse(decision.reason);
      // A status is retained for an order on the bus only: statuses of made-up orders would pile up
      // in every console and display, and in the retained log, for good (no kiosk clears them).
      const order = orderOfStatus(packet.topic, packet.payload as Buffer);
      if (!order) return done(null);
      isRetained(broker, order).then(
        (onTheBus) => (onTheBus ? done(null) : refuse(`there is no order ${order} on the store bus`)),
        (error: unknown) => refuse(`cannot look the order up: ${String(error)}`),
      );
    },
    authorizeSubscribe(client, subscription, done) {
      const user = signedIn.get(client);
      const decision = user ? maySubscribe(user, subscription.topic) : { allowed: false as const, reason: 'not signed in' };
      if (decision.allowed) return done(null, subscription);
      log.warn({ event: 'store_bus_subscribe_refused', username: user?.username ?? client.id, filter: subscription.topic, reason: decision.reason }, 'subscription refused');
      done(null, null); // SUBACK 0x80: the subscription is refused, the client stays connected
    },
  }).catch(async (error: unknown) => {
    await retained?.close();
    throw error;
  });

  const host = options.host ?? '127.0.0.1';

  /** Every client's bytes pass the packet size guard before aedes parses them. */
  const accept = (connection: Duplex, peer: string | undefined, request?: Parameters<Aedes['handle']>[1]): void => {
    const source = peerSource(peer);
    connection.on('error', () => undefined);
    const place = waitingRoom.admit(source.key, () => connection.destroy());
    if (!place) {
      log.warn({ event: 'store_bus_connection_refused', source: source.key, reason: 'too_many_unsigned' }, 'too many connections waiting to sign in');
      return void connection.destroy();
    }
    if (place.evicted) log.warn({ event: 'store_bus_connection_evicted', source: place.evicted, for: source.key }, 'a connection waiting to sign in was closed to make room for one from a peer with fewer waiting');
    const { release } = place;
    const guarded = new GuardedConnection(connection, PACKET_LIMITS, {
      onRefused: (error) => log.warn({ event: 'store_bus_packet_refused', source: source.key, reason: error.message }, 'connection closed: packet too large or malformed'),
      onSignedIn: release,
    });
    guarded.once('close', release);
    sources.set(guarded, source);
    broker.handle(guarded, request);
  };

  // No Nagle: the packet guard already writes what the broker has for a client at once, and a small
  // packet (a PUBACK) held back until the client acknowledges the last one waits out its delayed ACK (~20-40 ms).
  const tcp: TcpServer = createTcpServer({ noDelay: true }, (socket) => accept(socket, socket.remoteAddress));
  tcp.on('error', (error) => log.error({ event: 'store_bus_tcp_server_error', reason: error.message }, 'store bus TCP server error'));
  const { http, sockets } = createStaffConsoleServer({
    staffConsole: options.staffConsole,
    allowedHostnames: options.allowedHostnames,
    maxPayloadBytes: PACKET_LIMITS.signedInBytes,
    onMqttStream: (stream, request) => accept(stream, request.socket.remoteAddress, request),
    log,
  });

  const listen = (server: TcpServer | HttpServer, port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });

  // What was retained before a restart is there before the first client can subscribe.
  await retained?.restore(broker.id);
  let tcpPort: number;
  let wsPort: number;
  try {
    tcpPort = await listen(tcp, options.tcpPort ?? DEFAULT_TCP_PORT);
    wsPort = await listen(http, options.wsPort ?? DEFAULT_WS_PORT);
  } catch (error) {
    tcp.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await retained?.close();
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
    ...(options.staffConsole
      ? {
          staffConsoleUrl: `http://${urlHost}:${wsPort}${STAFF_CONSOLE_PATH}?store=${encodeURIComponent(options.staffConsole.store)}`,
          displayUrl: `http://${urlHost}:${wsPort}${DISPLAY_PATH}?store=${encodeURIComponent(options.staffConsole.store)}`,
        }
      : {}),
    setUser(user) {
      users.set(user.username, user);
    },
    async verifyStaffPin(username, pin, store, source) {
      const checked = await checkPassword(username, pin, source);
      if ('refused' in checked) return { ok: false, reason: checked.refused };
      if (checked.user.role !== 'staff' || checked.user.store !== store) return { ok: false, reason: 'not_staff' };
      return { ok: true, manager: checked.user.manager === true };
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
      await retained?.close();
    },
  };
}
