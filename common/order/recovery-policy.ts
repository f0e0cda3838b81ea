// How long after a crash or restart the customer who was using the kiosk may still be standing at it.
//
// One rule for everything recovery brings back to the screen: a draft cart (offered with
// "Continue your order?"), an order whose confirmation the customer never dismissed, and a payment
// in doubt. Why a fixed 15 minutes and not the inactivity times (prompt + reset, about 90 s): those
// time a customer who stopped touching a running kiosk; after a crash the customer was interrupted
// and waits through the restart, which alone can take longer than the inactivity reset. Erring long
// is cheap because nothing comes back silently: a cart is offered (a new customer taps "Start over")
// and a confirmation closes on its own. Erring short would lose a waiting customer's order or number.
export const CUSTOMER_MAY_STILL_BE_HERE_MINUTES = 15;

/** Whether something last changed at `changedAt` (ISO time) may still belong to the customer at the kiosk. */
export const customerMayStillBeHere = (changedAt: string, now: Date): boolean => {
  const age = now.getTime() - Date.parse(changedAt);
  return Number.isFinite(age) && age >= 0 && age <= CUSTOMER_MAY_STILL_BE_HERE_MINUTES * 60_000;
};

/** The event recorded when the customer leaves the confirmation (Done, or it closed on its own): the number was seen. */
export const CONFIRMATION_DISMISSED_EVENT = 'confirmation_dismissed';
