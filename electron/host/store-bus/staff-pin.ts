// Staff sign-in at a kiosk (staff mode): the staff name and PIN are the staff
// member's store bus credentials. With the embedded broker the host checks them
// against the same users and sign-in limits as MQTT sign-in (as the kiosk's own
// screen, a source of its own: a tablet under attack does not lock staff out here);
// with an external broker it signs in to that broker, which then owns the check.
import { randomUUID } from 'node:crypto';
import { connect } from 'mqtt';
import { KioskCallError } from '../../../common/contract/index';
import { storeTopics } from '../../../common/store-bus/messages';
import type { EmbeddedBroker } from './broker';
import { KIOSK_SCREEN } from './login-guard';

const refusedMessage = (username: string, reason: 'wrong' | 'locked' | 'busy' | 'not_staff'): string =>
  ({
    wrong: `staff sign-in refused for ${username}: wrong name or PIN`,
    locked: `staff sign-in refused for ${username}: locked out after repeated wrong PINs, try again later`,
    busy: `staff sign-in refused for ${username}: locked out for now after too many sign-in attempts here, try again later`,
    not_staff: `${username} is not a staff member of this store`,
  })[reason];

export function embeddedStaffPinCheck(broker: Pick<EmbeddedBroker, 'verifyStaffPin'>, store: string) {
  return async (username: string, pin: string): Promise<{ manager: boolean }> => {
    const checked = await broker.verifyStaffPin(username, pin, store, KIOSK_SCREEN);
    if (!checked.ok) throw new KioskCallError(checked.reason === 'locked' || checked.reason === 'busy' ? 'locked_out' : 'wrong_pin', refusedMessage(username, checked.reason));
    return { manager: checked.manager };
  };
}

/**
 * Signs in to the external broker as the staff member and leaves again. Reading
 * every kiosk's help requests is what staff may do and a kiosk may not, so a
 * broker that refuses subscriptions (SUBACK 0x80) also rejects non-staff users;
 * Mosquitto grants and filters instead, so there only the password is checked.
 * The kiosk has no users file then, so nobody signs in as a manager here (docs/call-staff.md).
 */
export function externalStaffPinCheck(url: string, store: string, kioskId: string) {
  return (username: string, pin: string): Promise<{ manager: boolean }> =>
    new Promise((resolve, reject) => {
      const client = connect(url, { username, password: pin, clientId: `${username}/kiosk-${kioskId}-${randomUUID().slice(0, 8)}`, protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 10_000, clean: true });
      client.once('connect', () => {
        client.subscribe(storeTopics(store).handoffFilter(), { qos: 0 }, (error) => {
          client.end(true);
          if (error) reject(new KioskCallError('wrong_pin', refusedMessage(username, 'not_staff')));
          else resolve({ manager: false });
        });
      });
      client.once('error', (error: Error & { code?: unknown }) => {
        client.end(true);
        // CONNACK return codes (MQTT 3.1.1): 4 bad user name or password, 5 not authorized.
        const refused = error.code === 4 || error.code === 5;
        reject(refused ? new KioskCallError('wrong_pin', refusedMessage(username, 'wrong')) : new KioskCallError('unavailable', `staff sign-in could not reach the store bus: ${error.message}`));
      });
    });
}
