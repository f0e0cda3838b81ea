// Sold out now: the store's retained `availability` message (staff tap it on the console)
// applies to the menu on screen at once, mid-order too: items, meals, options and whole
// categories become sold out in the menu and the customiser (common/store-bus/availability.ts).
// A new menu from the host is applied on top of the same message when it arrives. What was
// already in a cart is not removed: the cart and review say so (SoldOutNotice) before payment.
import { applyAvailability } from '../../common/store-bus/availability';
import type { AvailabilityMessage } from '../../common/store-bus/messages';
import type { Menu } from '../../common/menu/schema';
import type { KioskApi } from '../api';
import type { KioskStore } from '../state/store';

export function followAvailability(api: KioskApi, store: KioskStore): () => void {
  let availability: AvailabilityMessage | null = null;
  /** The host's menu each menu on screen came from (the one availability is applied to). */
  const baseOf = new WeakMap<Menu, Menu>();

  const show = (): void => {
    const onScreen = store.getState().menu;
    if (!onScreen) return;
    const base = baseOf.get(onScreen) ?? onScreen;
    const applied = applyAvailability(base, availability);
    baseOf.set(applied, base);
    if (applied !== onScreen) store.setState({ menu: applied });
  };

  const stopMenus = store.subscribe((state, previous) => {
    // A menu from elsewhere (startup, a new version between customers): availability goes on top of it.
    if (state.menu !== previous.menu && state.menu && !baseOf.has(state.menu)) show();
  });
  const stopEvents = api.onEvent((event) => {
    if (event.type !== 'storeBus.availability') return;
    availability = event.availability;
    show();
  });
  // The message seen before this page listened (retained on the bus, kept by the host).
  api
    .getAvailability({})
    .then((answer) => {
      if (!answer.availability || availability) return;
      availability = answer.availability;
      show();
    })
    .catch(() => undefined);
  return () => {
    stopMenus();
    stopEvents();
  };
}
