// The parts of the kiosk the attract screen does not need, each in a chunk of its own, so the
// attract screen starts with the least code. preloadKioskParts() loads them all while the attract
// screen waits for a touch; once a part is loaded it renders synchronously, so no tap waits for a
// chunk. A part needed before its chunk arrived suspends (React.lazy) until it has, and a chunk
// that failed to load is asked for again on the next render.
import { createElement, lazy, type ComponentType, type LazyExoticComponent } from 'react';

interface LazyPart<P extends object> {
  Part: ComponentType<P>;
  preload(): Promise<unknown>;
}

function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = (): Promise<ComponentType<P>> =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined;
        Suspending = suspending();
        throw error;
      },
    ));
  const suspending = (): LazyExoticComponent<ComponentType<P>> => lazy(async () => ({ default: await preload() }));
  let Suspending = suspending();
  const Part = (props: P) => createElement(loaded ?? Suspending, props);
  return { Part, preload };
}

const parts = {
  service: lazyPart(() => import('./screens/ServiceModeScreen').then((module) => module.ServiceModeScreen)),
  menu: lazyPart(() => import('./screens/MenuScreen').then((module) => module.MenuScreen)),
  customize: lazyPart(() => import('./screens/CustomizerScreen').then((module) => module.CustomizerScreen)),
  review: lazyPart(() => import('./screens/ReviewScreen').then((module) => module.ReviewScreen)),
  payment: lazyPart(() => import('./screens/PaymentScreen').then((module) => module.PaymentScreen)),
  confirmation: lazyPart(() => import('./screens/ConfirmationScreen').then((module) => module.ConfirmationScreen)),
  staffMode: lazyPart(() => import('./staff-mode/StaffMode').then((module) => module.StaffMode)),
};

export const ServiceModeScreen = parts.service.Part;
export const MenuScreen = parts.menu.Part;
export const CustomizerScreen = parts.customize.Part;
export const ReviewScreen = parts.review.Part;
export const PaymentScreen = parts.payment.Part;
export const ConfirmationScreen = parts.confirmation.Part;
export const StaffMode = parts.staffMode.Part;

/** Loads every lazy part at once; one that fails is asked for again when it is rendered. */
export function preloadKioskParts(): Promise<void> {
  return Promise.all(Object.values(parts).map((part) => part.preload().catch(() => undefined))).then(() => undefined);
}
