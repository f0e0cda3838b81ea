// A staff console or order status display that was signed in keeps coming back after the broker
// restarts, even when the broker refuses its first attempts (its sign-in limit, busy with every
// screen of the store reconnecting at once): mqtt.js gives up after a refused CONNACK unless told.
import { createServer, type Server } from 'node:net';
import type { Aedes, AuthenticateError } from 'aedes';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { connectDisplay } from '../../../status-display/bus';
import { signIn } from '../../../staff-console/bus';
import { freePort } from './support';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A real MQTT broker (Aedes) on `port` that refuses the next `refusals` sign-ins, as busy (CONNACK 5,
 * as the embedded broker's sign-in limit does) or, `wrongPassword`, as a password changed since (4).
 */
async function broker(port: number, refusals: number, wrongPassword = false): Promise<{ attempts: () => number; close(): Promise<void> }> {
  const { Aedes: AedesBroker } = await import('aedes');
  let attempts = 0;
  const aedes: Aedes = await AedesBroker.createBroker({
    authenticate(_client, _username, _password, done) {
      attempts += 1;
      if (attempts <= refusals) {
        const refusal = wrongPassword ? { message: 'wrong username or password', returnCode: 4 } : { message: 'too many sign-in attempts; try again later', returnCode: 5 };
        return done(Object.assign(new Error(refusal.message), { returnCode: refusal.returnCode }) as AuthenticateError, false);
      }
      done(null, true);
    },
  });
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    attempts: () => attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        aedes.close();
      }),
  };
}

const ended = (client: MqttClient) => () => new Promise<void>((resolve) => client.end(true, {}, () => resolve()));

describe('screens signed in to the store bus', () => {
  it.each([
    ['the order status display', (url: string) => connectDisplay(url, { name: 'counter-screen', password: 'display-secret' })],
    ['the staff console', async (url: string) => (await signIn(url, 'anna', '4711')).client],
  ])('%s reconnects after a broker restart that refuses its first attempts', async (_, connect) => {
    const port = await freePort();
    let running = await broker(port, 0);
    cleanups.push(() => running.close());
    const client = await connect(`mqtt://127.0.0.1:${port}`);
    cleanups.push(ended(client));
    expect(client.connected).toBe(true);

    await running.close();
    await expect.poll(() => client.connected).toBe(false);
    running = await broker(port, 2);
    await expect.poll(() => client.connected, { timeout: 20_000, interval: 200 }).toBe(true);
    expect(running.attempts()).toBe(3);
  });

  it.each([
    ['the order status display', (url: string) => connectDisplay(url, { name: 'counter-screen', password: 'display-secret' })],
    ['the staff console', async (url: string) => (await signIn(url, 'anna', '4711')).client],
  ])('%s stops asking when its password is refused as wrong after a restart (it would only lock the name out)', async (_, connect) => {
    const port = await freePort();
    let running = await broker(port, 0);
    cleanups.push(() => running.close());
    const client = await connect(`mqtt://127.0.0.1:${port}`);
    cleanups.push(ended(client));
    await running.close();
    running = await broker(port, 100, true);
    await expect.poll(() => running.attempts(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => client.disconnected, { timeout: 5_000 }).toBe(true);
    // Several reconnect periods later, still one attempt.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(running.attempts()).toBe(1);
  });
});
