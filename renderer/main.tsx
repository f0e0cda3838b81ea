// The kiosk renderer's entry: wires the kiosk contract (api/) and Dexie (data/) into
// the store, then renders the ordering flow.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getKioskApi } from './api';
import type { KioskData } from './data';
import { startMenuRefresh, startupFromHostOrCache } from './state/menu-refresh';
import { createKioskStore } from './state/store';
import { StoreProvider } from './state/StoreProvider';
import type { StaffDeps } from './state/staff-deps';
import type { KioskDeps, Startup } from './state/types';
import { watchForHelpOffers } from './services/help-offers';
import { paymentDeps } from './services/payment-link';
import { holdSessionWhileHelped } from './services/session-hold';
import { followAvailability } from './services/availability-link';
import { connectHeadphones, speechDeps } from './services/speech-link';
import { App } from './ui/App';
import { preloadKioskParts } from './ui/lazy-parts';
import './styles.css';
import { markStart } from './state/start-marks';
import { afterNextPaint } from './state/after-paint';

markStart('script');

// The data layer (Dexie, with zod for its records and the menu check) and the store-bus link that
// uses it are a chunk of their own, fetched now: the first script is React, the screens and the
// contract's call names, and the data layer compiles while the host answers getStartup.
const dataLayer = import('./data');
const storeBusLink = () => import('./services/store-bus-link');

// The data layer numbers orders with the kiosk's prefix, so it opens once the store config is known
// (the one cached from the last start, while the host answers; again if the host's differs).
let data: Promise<KioskData> | undefined;
let dataOpenedFor: string | undefined;
const kioskData = (): Promise<KioskData> => {
  if (!data) throw new Error('The kiosk data is opened by getStartup first');
  return data;
};

const speech = speechDeps(getKioskApi);

const deps: KioskDeps = {
  // The host's menu is cached in Dexie; without an answer from the host the kiosk starts from that cache.
  getStartup: (): Promise<Startup> =>
    startupFromHostOrCache({
      fromHost: async (cachedMenuVersion) => {
        const startup = await getKioskApi().getStartup(cachedMenuVersion ? { cachedMenuVersion } : {});
        markStart('host-answered');
        return startup;
      },
      openCache(store) {
        const identity = JSON.stringify([store.kioskId, store.orderPrefix, store.timezone]);
        if (data && dataOpenedFor !== identity) {
          void data.then((stale) => stale.close(), () => undefined);
          data = undefined;
        }
        if (!data) {
          dataOpenedFor = identity;
          const opening = dataLayer.then(({ openKioskData }) => openKioskData({ kioskId: store.kioskId, orderPrefix: store.orderPrefix, timeZone: store.timezone }));
          data = opening;
          opening.then(
            () => markStart('data-open'),
            () => {
              if (data === opening) data = undefined;
            },
          );
        }
        return data;
      },
    }),
  placeOrder: async (order, method) => (await kioskData()).placeOrder(order, method),
  saveDraft: async (draft) => (await kioskData()).saveDraft(draft),
  loadDraft: async () => (await kioskData()).loadDraft(),
  clearDraft: async () => (await kioskData()).clearDraft(),
  // Written after the tap's frame has painted (in the order recorded): the event's check, its
  // IndexedDB transaction and the outbox's wake-up stay out of that frame. Its time is a frame later.
  recordEvent: async (event) => {
    await new Promise<void>((painted) => afterNextPaint(painted));
    return (await kioskData()).recordEvent(event);
  },
  staff: staffOnceLoaded(),
  payments: paymentDeps(getKioskApi, kioskData),
  speech,
  now: () => new Date(),
  newId: () => crypto.randomUUID(),
};

/** Staff mode's calls, each answered by the store-bus link's once its chunk has loaded. */
function staffOnceLoaded(): StaffDeps {
  const link = async () => (await storeBusLink()).staffDeps(getKioskApi, kioskData);
  return {
    callStaff: async (input) => (await link()).callStaff(input),
    cancelHelpRequest: async (handoffId, outcome) => (await link()).cancelHelpRequest(handoffId, outcome),
    getHelpRequest: async () => (await link()).getHelpRequest(),
    verifyStaffPin: async (username, pin) => (await link()).verifyStaffPin(username, pin),
    endStaffSession: async (staffSessionId) => (await link()).endStaffSession(staffSessionId),
    logStaffAction: async (input) => (await link()).logStaffAction(input),
    resolveHelpRequest: async (input) => (await link()).resolveHelpRequest(input),
    transitionOrder: async (orderId, event) => (await link()).transitionOrder(orderId, event),
  };
}

const store = createKioskStore(deps);
// Offers of help after trouble, and no timeout while a customer is being helped.
watchForHelpOffers(store);
holdSessionWhileHelped(store);
// What staff mark sold out on the console applies to the menu on screen at once.
followAvailability(getKioskApi(), store);
// Then recovery at start: payments in doubt resolved with the terminal, missing receipts printed,
// an order whose confirmation was not seen shown again, and a recent cart offered back.
void store.getState().loadStartup();
// Once the kiosk data is open, its outbox goes to the store over the host's store bus (exactly once per order id).
let storeBusConnected = false;
const stopWatchingStartup = store.subscribe((state) => {
  if (storeBusConnected || state.status !== 'ready' || !data) return;
  storeBusConnected = true;
  stopWatchingStartup();
  void Promise.all([data, storeBusLink()]).then(([opened, link]) => link.connectStoreBus(getKioskApi(), opened, store));
});
// The other screens, staff mode and speech mode load once the attract screen has painted, before the first touch.
const stopWatchingForPreload = store.subscribe((state) => {
  if (state.status !== 'ready') return;
  stopWatchingForPreload();
  requestAnimationFrame(() => setTimeout(() => void preloadKioskParts()));
});
// A headphone plug in the kiosk's own socket starts speech mode (store config accessibility.speechStart).
connectHeadphones(store, speech);
// New menus from the host reach the screen between customers, never mid-order.
startMenuRefresh({ store, getMenu: () => getKioskApi().getMenu({}), onEvent: (listener) => getKioskApi().onEvent(listener), cache: kioskData });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
