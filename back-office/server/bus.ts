// The back office's own store bus client: one connection with the back office's
// credentials (role operator), subscribed to everything of its store. Each message is
// recorded before the broker gets its PUBACK, so a crash never loses one (QoS 1 and a
// persistent session redeliver it; the recorder counts it once). It also publishes the
// retained menu and availability.
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { retryDelayMs } from '../../common/backoff';
import { storeTopics } from '../../common/store-bus/messages';
import type { Logger } from '../../electron/host/log';
import { silentLogger } from '../../electron/host/log';
import type { BusMessage, IngestCounts } from './ingest';

export interface BackOfficeBusOptions {
  url: string;
  username: string;
  password: string;
  store: string;
  record(messages: BusMessage[]): Promise<IngestCounts>;
  log?: Logger;
  keepaliveSeconds?: number;
}

export interface BackOfficeBus {
  readonly online: boolean;
  /** Settles on the first connection (rejects when the broker refuses the credentials). */
  ready: Promise<void>;
  /** Publishes retained with QoS 1; resolves on PUBACK. */
  publishRetained(topic: string, payload: string): Promise<void>;
  onConnect(listener: () => void): () => void;
  close(): Promise<void>;
}

const RECORD_RETRY = { baseMs: 200, maxMs: 10_000 };

/**
 * A database refusing the message itself (a constraint or a value it cannot store): recording it
 * again would fail again, and holding its acknowledgement would stop every message after it.
 * Anything else (the database unreachable, busy, out of space) is tried again until it records.
 */
export function refusesTheMessage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  // SQLite's extended codes, PostgreSQL's SQLSTATE classes 22 (data exception) and 23 (integrity constraint).
  return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(code) || /^2[23][0-9A-Z]{3}$/.test(code);
}
const PUBLISH_TIMEOUT_MS = 10_000;

export function connectBackOfficeBus(options: BackOfficeBusOptions): BackOfficeBus {
  const log = options.log ?? silentLogger;
  const topics = storeTopics(options.store);
  let closing = false;
  const connectListeners = new Set<() => void>();
  const clientOptions: IClientOptions = {
    username: options.username,
    password: options.password,
    clientId: options.username,
    protocolVersion: 4,
    // A persistent session: what happens while the back office restarts is queued for it.
    clean: false,
    keepalive: options.keepaliveSeconds ?? 10,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    resubscribe: false,
  };
  const client: MqttClient = connect(options.url, clientOptions);

  // Recorded first, acknowledged after: mqtt.js sends the PUBACK when this calls back.
  client.handleMessage = (packet, callback) => {
    const message: BusMessage = { topic: packet.topic, payload: packet.payload as Buffer };
    let failures = 0;
    const attempt = (): void => {
      options.record([message]).then(
        () => callback(),
        (error: unknown) => {
          if (refusesTheMessage(error)) {
            // Kept where it can be found (the log, and the broker while it is retained), never retried forever.
            log.error(
              { event: 'back_office_message_unrecorded', topic: packet.topic, error: String(error), payload: message.payload.toString('utf8').slice(0, 4096) },
              'the database refused a store bus message; it is acknowledged so the messages after it are recorded',
            );
            return callback();
          }
          failures += 1;
          log.error({ event: 'back_office_record_failed', topic: packet.topic, failures, error: String(error) }, 'could not record a store bus message; retrying');
          if (closing) return callback(error instanceof Error ? error : new Error(String(error)));
          setTimeout(attempt, retryDelayMs(failures, RECORD_RETRY));
        },
      );
    };
    attempt();
  };

  let settle: { resolve(): void; reject(error: Error): void } | null = null;
  const ready = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  ready.catch(() => undefined);

  client.on('connect', () => {
    client.subscribe(topics.all, { qos: 1 }, (error) => {
      if (error) {
        log.error({ event: 'back_office_subscribe_refused', error: error.message }, 'the broker refused the back office subscription');
        settle?.reject(new Error(`the store bus refused the back office's subscription: ${error.message}`));
        settle = null;
        return;
      }
      log.info({ event: 'back_office_bus_connected', url: options.url }, 'back office connected to the store bus');
      settle?.resolve();
      settle = null;
      for (const listener of connectListeners) listener();
    });
  });
  client.on('error', (error: Error & { code?: unknown }) => {
    log.warn({ event: 'back_office_bus_error', error: error.message }, 'store bus error');
    if (error.code === 4 || error.code === 5) {
      settle?.reject(new Error(`the store bus at ${options.url} refused ${options.username}: ${error.message}`));
      settle = null;
    }
  });

  return {
    get online() {
      return client.connected;
    },
    ready,
    publishRetained(topic, payload) {
      if (!client.connected) return Promise.reject(new Error('the store bus is not connected'));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the broker did not acknowledge within ${PUBLISH_TIMEOUT_MS / 1000} s`)), PUBLISH_TIMEOUT_MS);
        client.publish(topic, payload, { qos: 1, retain: true }, (error) => {
          clearTimeout(timer);
          if (error) reject(error);
          else resolve();
        });
      });
    },
    onConnect(listener) {
      connectListeners.add(listener);
      return () => void connectListeners.delete(listener);
    },
    async close() {
      closing = true;
      await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
      settle?.reject(new Error('closed before connecting'));
      settle = null;
    },
  };
}
