// A staff console or order status display, once signed in, stays signed in for as long as its
// screen is on: it reconnects on its own, also when the broker refuses it for a moment (a restart,
// its sign-in limit busy with every screen coming back; mqtt.js gives up after a refused CONNACK
// unless told). A wrong password now (changed or removed since) ends it instead: asking again
// every few seconds would only lock the name out for everyone.

/** The part of an mqtt.js client this needs (common/ imports no MQTT library). */
export interface ReconnectingClient {
  options: { reconnectPeriod?: number; reconnectOnConnackError?: boolean };
  on(event: 'error', listener: (error: Error & { code?: number }) => void): unknown;
  end(force?: boolean): unknown;
}

export const RECONNECT_PERIOD_MS = 2000;

export function keepSignedIn(client: ReconnectingClient): void {
  client.options.reconnectPeriod = RECONNECT_PERIOD_MS;
  client.options.reconnectOnConnackError = true;
  client.on('error', (error) => {
    if (error.code !== 4) return; // shown through 'offline'/'connect'
    client.options.reconnectOnConnackError = false;
    client.end(true);
  });
}
