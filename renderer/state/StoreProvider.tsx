import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { I18nProvider } from '../i18n/I18nProvider';
import type { KioskStore } from './store';
import type { KioskState } from './types';

const StoreContext = createContext<KioskStore | null>(null);

/** The kiosk's store, and the customer's language read from it once for the whole page. */
export const StoreProvider = ({ store, children }: { store: KioskStore; children: ReactNode }) => (
  <StoreContext.Provider value={store}>
    <I18nProvider store={store}>{children}</I18nProvider>
  </StoreContext.Provider>
);

export const useKioskStore = (): KioskStore => {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useKiosk must be used inside <StoreProvider>');
  return store;
};

/** Reads a slice of kiosk state; select primitives or stable references to avoid re-renders. */
export const useKiosk = <T,>(selector: (state: KioskState) => T): T => useStore(useKioskStore(), selector);
