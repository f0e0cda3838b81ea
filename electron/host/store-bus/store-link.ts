// The kiosk host's MQTT client (mqtt.js): one connection to the store's broker,
// the embedded one or any broker by URL (Mosquitto, EMQX). Keeps the kiosk's
// retained status with a last will, publishes orders and help requests with
// QoS 1 (resolving on PUBACK), and hands validated updates to the host.
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import type { z } from 'zod';
import {
  availabilityMessage,
  handoffMessage,
  handoffPublishPlan,
  kioskEventMessage,
  menuMessage,
  orderPublishPlan,
  orderStatusMessage,
  parseTopic,
  storeTopics,
  type KioskMenuMessage,
  type KioskStatusMessage,
  type PlannedPublish,
} from '../../../common/store-bus/messages';
import { createOrderRetention } from './order-retention';
import { StoreLinkOfflineError, StoreLinkTimeoutError, type KioskMenuReport, type KioskStatusReport, type StoreLink } from './types';

export interface StoreLinkOptions {
  /** mqtt://host:1883, mqtts://…, ws://…/mqtt */
  url: string;
  username: string;
  password: string;
  store: string;
  kioskId: string;
  /** Seconds; the broker publishes the last will after 1.5 × keepalive without a word. */
  keepaliveSeconds?: number;
  reconnectPeriodMs?: number;
  /** How long a publish waits for its PUBACK. */
  ackTimeoutMs?: number;
  /** Published (retained) on every connect until setStatus replaces it. */
  initialStatus?: KioskStatusReport;
  /** How long this kiosk's orders stay retained (default ORDER_RETENTION_MS, a day). */
  orderRetentionMs?: number;
  log?: (line: string) => void;
}

/** How often the kiosk looks for its orders older than the retention time. */
const RETENTION_SWEEP_MS = 10 * 60_000;

export const DEFAULT_KEEPALIVE_SECONDS = 10;
export const DEFAULT_ACK_TIMEOUT_MS = 10_000;

type Listener<T> = (value: T) => void;

class Listeners<T> {
  private readonly set = new Set<Listener<T>>();
  add(listener: Listener<T>): () => void {
    this.set.add(listener);
    return () => void this.set.delete(listener);
  }
  emit(value: T): void {
    for (const listener of this.set) listener(value);
  }
}

/** Connects and resolves once the first connection is up and subscribed (later drops are reconnected and reported). */
export async function connectStoreLink(options: StoreLinkOptions): Promise<StoreLink> {
  const { link, ready } = openStoreLink(options);
  try {
    await ready;
  } catch (error) {
    await link.close();
    throw error;
  }
  return link;
}

/**
 * Starts connecting and returns at once, so a kiosk starts and takes orders while
 * the broker is unreachable; `ready` settles on the first connection (rejecting if
 * the broker refuses the credentials or subscriptions), and the link keeps retrying.
 */
export function openStoreLink(options: StoreLinkOptions): { link: StoreLink; ready: Promise<void> } {
  const log = options.log ?? (() => undefined);
  const topics = storeTopics(options.store);
  const statusTopic = topics.kioskStatus(options.kioskId);
  const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  const will: KioskStatusMessage = { state: 'offline', kioskId: options.kioskId, cause: 'connection_lost', at: new Date().toISOString() };

  const clientOptions: IClientOptions = {
    username: options.username,
    password: options.password,
    clientId: options.username,
    protocolVersion: 4,
    // A persistent session: staff updates sent while the kiosk was away are queued by the broker.
    clean: false,
    keepalive: options.keepaliveSeconds ?? DEFAULT_KEEPALIVE_SECONDS,
    reconnectPeriod: options.reconnectPeriodMs ?? 1000,
    connectTimeout: 10_000,
    resubscribe: false,
    will: { topic: statusTopic, payload: Buffer.from(JSON.stringify(will)), qos: 1, retain: true },
  };

  const handoffUpdates = new Listeners<z.infer<typeof handoffMessage>>();
  const orderUpdates = new Listeners<z.infer<typeof orderStatusMessage>>();
  const menus = new Listeners<z.infer<typeof menuMessage>>();
  const availability = new Listeners<z.infer<typeof availabilityMessage>>();
  /** The retained availability arrives right after subscribing, maybe before anyone listens: kept for late listeners. */
  let latestAvailability: z.infer<typeof availabilityMessage> | undefined;
  availability.add((latest) => (latestAvailability = latest));
  const connectionChanges = new Listeners<boolean>();
  let status: KioskStatusReport | undefined = options.initialStatus;
  let servedMenu: KioskMenuReport | undefined;
  let online = false;
  let closing = false;

  const client: MqttClient = connect(options.url, clientOptions);

  /**
   * Publishes every step at once with QoS 1: mqtt.js writes them in call order on the one
   * connection, so many messages (a whole outbox batch) are in flight together and each
   * resolves on its own PUBACK. A step without a PUBACK in time is given up, here and in
   * mqtt.js (no resend of it after a reconnect): the caller still has it and sends it again.
   */
  const publishPlanned = (what: string, plan: PlannedPublish[]): Promise<void> => {
    if (!client.connected) return Promise.reject(new StoreLinkOfflineError(what));
    return Promise.all(
      plan.map(
        (step) =>
          new Promise<void>((resolve, reject) => {
            let messageId: number | undefined;
            const timer = setTimeout(() => {
              reject(new StoreLinkTimeoutError(what, ackTimeoutMs));
              if (messageId !== undefined) client.removeOutgoingMessage(messageId);
            }, ackTimeoutMs);
            const storePut = (): void => {
              // Called synchronously once mqtt.js has given the packet its id (its in-memory store).
              messageId = client.getLastMessageId();
            };
            client.publish(step.topic, step.payload, { qos: 1, retain: step.retain, cbStorePut: storePut }, (error) => {
              clearTimeout(timer);
              // A publish cut off by a dropped connection, or dropped as the link closes, is "unreachable" (retry soon), not a refusal.
              if (error) reject(client.connected && !closing ? new Error(`${what}: ${error.message}`) : new StoreLinkOfflineError(what));
              else resolve();
            });
          }),
      ),
    ).then(() => undefined);
  };

  const retention = createOrderRetention({ store: options.store, kioskId: options.kioskId, publish: (what, plan) => publishPlanned(what, plan), ...(options.orderRetentionMs ? { retentionMs: options.orderRetentionMs } : {}) });
  const sweep = (): void => {
    if (client.connected) retention.sweep().catch((error: unknown) => log(`store bus: old orders not cleared now: ${String(error)}`));
  };
  const sweepTimer = setInterval(sweep, RETENTION_SWEEP_MS);
  sweepTimer.unref?.();

  const publishMenu = (report: KioskMenuReport): Promise<void> => {
    const message: KioskMenuMessage = { kioskId: options.kioskId, ...report, at: new Date().toISOString() };
    return publishPlanned('served menu', [{ topic: topics.kioskMenu(options.kioskId), payload: JSON.stringify(message), retain: true }]);
  };

  const publishStatus = (report: KioskStatusReport): Promise<void> => {
    const message: KioskStatusMessage = { state: 'online', kioskId: options.kioskId, ...report, at: new Date().toISOString() };
    return publishPlanned('kiosk status', [{ topic: statusTopic, payload: JSON.stringify(message), retain: true }]);
  };

  const setOnline = (value: boolean): void => {
    if (online === value) return;
    online = value;
    log(`store bus: ${value ? 'connected to' : 'lost'} ${options.url}`);
    connectionChanges.emit(value);
  };

  let settleReady: { resolve(): void; reject(error: Error): void } | null = null;
  const ready = new Promise<void>((resolve, reject) => (settleReady = { resolve, reject }));
  const failReady = (error: Error): void => {
    settleReady?.reject(error);
    settleReady = null;
  };

  // Subscribing on every connect: a broker restart (the embedded one lives in a
  // kiosk host) forgets sessions; retained state then arrives again, idempotently.
  client.on('connect', () => {
    client.subscribe(
      {
        [topics.handoffFilter(options.kioskId)]: { qos: 1 },
        // Own orders only tell the retention what is retained: QoS 0 spares the broker and this link a
        // PUBACK for the copy of every order it publishes; a copy lost with a dropped connection comes
        // again as retained when this subscription is made on the next connect.
        [topics.order(options.kioskId, '+')]: { qos: 0 },
        [topics.orderStatusFilter(options.kioskId)]: { qos: 1 },
        [topics.menu]: { qos: 1 },
        [topics.availability]: { qos: 1 },
      },
      (error) => {
        // mqtt.js reports a refused filter (SUBACK 0x80) as an error.
        if (error) {
          log(`store bus: the broker refused the subscriptions of ${options.username}: ${error.message}`);
          return failReady(new Error(`the store bus refused the subscriptions of ${options.username}: ${error.message}`));
        }
        setOnline(true);
        settleReady?.resolve();
        settleReady = null;
        // The retained orders arrive with the subscription; those older than a day are cleared.
        setTimeout(sweep, 2000).unref?.();
      },
    );
    if (status) publishStatus(status).catch((error: unknown) => log(`store bus: status not published: ${String(error)}`));
    if (servedMenu) publishMenu(servedMenu).catch((error: unknown) => log(`store bus: served menu not published: ${String(error)}`));
  });
  client.on('error', (error: Error & { code?: unknown }) => {
    log(`store bus: ${error.message}`);
    // CONNACK 4/5: wrong credentials or not authorised; the link keeps retrying, but a caller waiting for ready learns why.
    if (error.code === 4 || error.code === 5) failReady(new Error(`the store bus at ${options.url} refused ${options.username}: ${error.message}`));
  });
  client.on('close', () => setOnline(false));
  client.on('offline', () => setOnline(false));

  const deliver = <S extends z.ZodType>(schema: S, listeners: Listeners<z.infer<S>>, topic: string, text: string): void => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return log(`store bus: ignored a message on ${topic}: not JSON`);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) return log(`store bus: ignored a message on ${topic}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    listeners.emit(parsed.data);
  };

  /** An own retained order: only its time matters here (for clearing it after a day). */
  const placedAtOf = (text: string): string | null => {
    try {
      const placedAt = (JSON.parse(text) as { placedAt?: unknown }).placedAt;
      return typeof placedAt === 'string' ? placedAt : null;
    } catch {
      return null;
    }
  };

  client.on('message', (topic, payload) => {
    const text = payload.toString();
    const parsed = parseTopic(topic);
    if (!parsed || parsed.store !== options.store) return;
    if (parsed.kind === 'order' && parsed.kiosk === options.kioskId) return retention.seenOrder(parsed.orderId, text === '' ? null : placedAtOf(text));
    if (parsed.kind === 'order_status' && parsed.kiosk === options.kioskId) retention.seenStatus(parsed.orderId, text === '');
    if (text === '') return; // a retained message was cleared
    if (parsed.kind === 'handoff' && parsed.kiosk === options.kioskId) return deliver(handoffMessage, handoffUpdates, topic, text);
    if (parsed.kind === 'order_status' && parsed.kiosk === options.kioskId) return deliver(orderStatusMessage, orderUpdates, topic, text);
    if (parsed.kind === 'menu') return deliver(menuMessage, menus, topic, text);
    if (parsed.kind === 'availability') return deliver(availabilityMessage, availability, topic, text);
  });

  const link: StoreLink = {
    store: options.store,
    kioskId: options.kioskId,
    username: options.username,
    get online() {
      return online;
    },
    publishOrder(order) {
      // Checked against orderMessage where it entered the host (the kiosk contract's input); the
      // broker's ACL and every consumer check it again on the bus.
      if (order.storeId !== options.store || order.kioskId !== options.kioskId) {
        return Promise.reject(new Error(`order ${order.orderId} belongs to ${order.storeId}/${order.kioskId}, this link is ${options.store}/${options.kioskId}`));
      }
      return publishPlanned(`order ${order.orderNumber} (${order.orderId})`, orderPublishPlan(order));
    },
    publishEvent(event) {
      const checked = kioskEventMessage.parse(event);
      if (checked.storeId !== options.store || checked.kioskId !== options.kioskId) {
        return Promise.reject(new Error(`event ${checked.eventId} belongs to ${checked.storeId}/${checked.kioskId}, this link is ${options.store}/${options.kioskId}`));
      }
      return publishPlanned(`event ${checked.type} (${checked.eventId})`, [{ topic: topics.event(options.kioskId, checked.eventId), payload: JSON.stringify(checked), retain: false }]);
    },
    publishHandoff(handoff) {
      const checked = handoffMessage.parse(handoff);
      return publishPlanned(`help request ${checked.handoffId}`, handoffPublishPlan(checked));
    },
    setStatus(report) {
      status = report;
      return publishStatus(report);
    },
    setMenu(report) {
      servedMenu = report;
      return publishMenu(report);
    },
    onHandoffUpdate: (listener) => handoffUpdates.add(listener),
    onOrderUpdate: (listener) => orderUpdates.add(listener),
    onMenu: (listener) => menus.add(listener),
    onAvailability: (listener) => {
      if (latestAvailability) listener(latestAvailability);
      return availability.add(listener);
    },
    onConnectionChange: (listener) => connectionChanges.add(listener),
    async close() {
      if (closing) return;
      closing = true;
      clearInterval(sweepTimer);
      if (client.connected) {
        const goodbye: KioskStatusMessage = { state: 'offline', kioskId: options.kioskId, cause: 'shutdown', at: new Date().toISOString() };
        await publishPlanned('kiosk status', [{ topic: statusTopic, payload: JSON.stringify(goodbye), retain: true }]).catch(() => undefined);
      }
      // Publishes still waiting for a PUBACK are given up (their senders keep them and send them
      // again); mqtt.js would otherwise wait for them before it disconnects, forever if one never comes.
      for (const messageId of Object.keys(client.outgoing)) client.removeOutgoingMessage(Number(messageId));
      await new Promise<void>((resolve) => client.end(!client.connected, {}, () => resolve()));
      failReady(new Error('the store link was closed before it connected'));
      setOnline(false);
    },
  };
  ready.catch(() => undefined); // callers that only open the link need not wait for it
  return { link, ready };
}
