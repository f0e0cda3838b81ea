// A store-side MQTT client (a POS, a kitchen screen, a test's observer) that connects as one does
// in a store: the kiosk's embedded broker starts after the kiosk page has loaded, so it retries
// until the broker is there, and fails with a clear message only after `withinMs`.
import { connect, type IClientOptions, type MqttClient } from 'mqtt';

export function connectWhenUp(url: string, options: IClientOptions, withinMs = 20_000): Promise<MqttClient> {
  const client = connect(url, { reconnectPeriod: 200, ...options });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new Error(`the store bus broker at ${url} did not accept a connection within ${withinMs / 1000} s`));
    }, withinMs);
    client.once('connect', () => {
      clearTimeout(timer);
      resolve(client);
    });
  });
}
