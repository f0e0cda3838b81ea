// The display's MQTT connection (mqtt.js over WebSocket), read only: it signs in as a store
// bus user with the role "display" (acl.ts lets it subscribe to orders and their status, nothing
// else) and, once signed in, keeps reconnecting for as long as the screen is on.
import mqtt, { type MqttClient } from 'mqtt';
import { storeTopics } from '../common/store-bus/messages';
import { keepSignedIn } from '../common/store-bus/keep-signed-in';

/** What the display reads: orders and their status changes (all its role may read). */
export const displayFilters = (store: string): string[] => [storeTopics(store).orderFilter, storeTopics(store).orderStatusFilter()];

export type SignInError = 'wrong_pin' | 'refused' | 'unreachable';

export interface Credentials {
  name: string;
  password: string;
}

/** Resolves once signed in; rejects with a SignInError the page turns into words. */
export function connectDisplay(brokerUrl: string, credentials: Credentials): Promise<MqttClient> {
  const client = mqtt.connect(brokerUrl, {
    username: credentials.name,
    password: credentials.password,
    clientId: `${credentials.name}/display-${crypto.randomUUID().slice(0, 8)}`,
    protocolVersion: 4,
    clean: true,
    keepalive: 10,
    // No retries until the password was accepted.
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
  return new Promise((resolve, reject) => {
    client.once('connect', () => {
      client.removeAllListeners('error');
      keepSignedIn(client);
      resolve(client);
    });
    client.once('error', (error: Error & { code?: number }) => {
      client.end(true);
      reject(error.code === 4 ? 'wrong_pin' : error.code === 5 ? 'refused' : 'unreachable');
    });
    client.once('close', () => {
      if (!client.connected) reject('unreachable');
    });
  });
}

/** The broker's WebSocket endpoint: ?broker=… or the page's own server at /mqtt. */
export function brokerUrlFor(location: Location): string {
  const given = new URLSearchParams(location.search).get('broker');
  if (given) return given;
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/mqtt`;
}

/**
 * An unattended screen signs in by itself: its start address carries the display's name and
 * password in the fragment (`#name=counter-screen&password=…`), which browsers never send to a server.
 */
export function credentialsFromFragment(hash: string): Credentials | null {
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const name = fragment.get('name');
  const password = fragment.get('password');
  return name && password ? { name, password } : null;
}
