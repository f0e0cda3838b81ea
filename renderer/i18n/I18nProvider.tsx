// The page's one subscription to the customer's language (useI18n.ts says why it is one).
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { KioskStore } from '../state/store';
import { I18nContext, selectI18n } from './useI18n';

export const I18nProvider = ({ store, children }: { store: KioskStore; children: ReactNode }) => (
  <I18nContext.Provider value={useStore(store, selectI18n)}>{children}</I18nContext.Provider>
);
