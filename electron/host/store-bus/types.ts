// The kiosk host's view of the store bus. The host (and through it the outbox and
// the call-staff flow) talks to this interface, never to MQTT directly.
import type { AvailabilityMessage, HandoffMessage, KioskEventMessage, KioskMenuMessage, KioskOnlineStatus, OrderMessage, OrderStatusMessage } from '../../../common/store-bus/messages';

/** What the kiosk reports about itself; the link adds state, kioskId and time. */
export type KioskStatusReport = Pick<KioskOnlineStatus, 'devices' | 'menuVersion'>;
/** The menu the kiosk serves and the store's locale; the link adds kioskId and time. */
export type KioskMenuReport = Pick<KioskMenuMessage, 'menuVersion' | 'locale' | 'menu'>;

export interface StoreLink {
  readonly store: string;
  readonly kioskId: string;
  /** The MQTT username this kiosk signs in with (staff see it as the actor of kiosk-side changes). */
  readonly username: string;
  /** True while connected to the broker. */
  readonly online: boolean;
  /**
   * Publishes an order (QoS 1). Resolves only when the broker acknowledged it
   * (PUBACK); rejects with StoreLinkOfflineError when not connected, or with
   * StoreLinkTimeoutError when no PUBACK came in time, so the outbox keeps the
   * order and tries again (consumers de-duplicate on orderId). The order is one the
   * caller checked against orderMessage (the kiosk contract checks the page's input).
   */
  publishOrder(order: OrderMessage): Promise<void>;
  /** Publishes a session or staff-action event from the outbox (QoS 1, not retained). Resolves on PUBACK. */
  publishEvent(event: KioskEventMessage): Promise<void>;
  /** Publishes a help request or its new state (retained; cleared when resolved). Resolves on PUBACK. */
  publishHandoff(handoff: HandoffMessage): Promise<void>;
  /** Publishes the retained online status now and again after every reconnect. */
  setStatus(status: KioskStatusReport): Promise<void>;
  /** Publishes the served menu (retained on kiosk/{self}/menu: consoles describe orders and list what can be sold out), again after every reconnect. */
  setMenu(menu: KioskMenuReport): Promise<void>;
  /** Staff acknowledged or resolved one of this kiosk's help requests. */
  onHandoffUpdate(listener: (handoff: HandoffMessage) => void): () => void;
  /** Staff or a POS changed one of this kiosk's orders (e.g. paid at the counter). */
  onOrderUpdate(listener: (update: OrderStatusMessage) => void): () => void;
  /** The operator published a menu (validated against the menu schema by whoever applies it). */
  onMenu(listener: (menu: { menuVersion: string; publishedAt: string; menu: Record<string, unknown> }) => void): () => void;
  onAvailability(listener: (availability: AvailabilityMessage) => void): () => void;
  onConnectionChange(listener: (online: boolean) => void): () => void;
  /** Publishes "offline (shutdown)" if connected, then disconnects. */
  close(): Promise<void>;
}

export class StoreLinkOfflineError extends Error {
  constructor(what: string) {
    super(`${what}: the store bus is not connected; it will be sent after reconnecting`);
    this.name = 'StoreLinkOfflineError';
  }
}

export class StoreLinkTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what}: the broker did not acknowledge it within ${ms / 1000} s`);
    this.name = 'StoreLinkTimeoutError';
  }
}
