// The staff console's MQTT connection (mqtt.js over WebSocket). The staff name
// and PIN are the MQTT username and password: the broker checks them and locks
// a name out after repeated wrong PINs.
import mqtt, { type MqttClient } from 'mqtt';
import type { PlannedPublish } from '../common/store-bus/messages';
import { keepSignedIn } from '../common/store-bus/keep-signed-in';

export type SignInError = 'wrong_pin' | 'refused' | 'unreachable';

export interface ConsoleConnection {
  client: MqttClient;
  publish(plan: PlannedPublish[]): Promise<void>;
  close(): void;
}

/** Resolves once signed in; rejects with a SignInError the page turns into words. */
export function signIn(brokerUrl: string, username: string, pin: string): Promise<ConsoleConnection> {
  const client = mqtt.connect(brokerUrl, {
    username,
    password: pin,
    clientId: `${username}/console-${crypto.randomUUID().slice(0, 8)}`,
    protocolVersion: 4,
    clean: true,
    keepalive: 10,
    // No retries until the PIN was accepted (each retry would count as a wrong PIN).
    reconnectPeriod: 0,
    connectTimeout: 10_000,
  });
  return new Promise((resolve, reject) => {
    client.once('connect', () => {
      client.removeAllListeners('error');
      keepSignedIn(client);
      // A publish cut off by a closed connection is not sent again on reconnect: if the broker
      // refused it (it closes the connection, MQTT 3.1.1), sending it again would only close the
      // next connection too. It fails instead; staff see it, and the refusal's reason arrives on
      // refused/{username} once connected again.
      client.on('close', () => {
        for (const [id, entry] of Object.entries(client.outgoing)) if (!entry.volatile) client.removeOutgoingMessage(Number(id));
      });
      resolve({
        client,
        publish: (plan) =>
          Promise.all(
            plan.map(
              (step) =>
                new Promise<void>((done, fail) =>
                  client.publish(step.topic, step.payload, { qos: 1, retain: step.retain }, (error) => (error ? fail(error) : done())),
                ),
            ),
          ).then(() => undefined),
        close: () => void client.end(true),
      });
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
