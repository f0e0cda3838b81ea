import { useMemo } from 'react';
import type { LocalizedText } from '../../common/menu/schema';
import { localize } from '../../common/menu/describe';
import { useKiosk } from '../state/StoreProvider';
import { createFormatters, messagesFor, type Formatters, type Messages } from './index';

export interface I18n extends Formatters {
  locale: string;
  t: Messages;
  /** Menu text in the customer's language, falling back to the menu's default language. */
  text(value: LocalizedText | undefined): string;
}

export const useI18n = (): I18n => {
  const locale = useKiosk((state) => state.locale);
  const currency = useKiosk((state) => state.store?.currency ?? state.menu?.currency ?? 'EUR');
  const fallback = useKiosk((state) => state.menu?.defaultLocale ?? 'en');
  return useMemo(() => {
    const t = messagesFor(locale);
    return {
      locale,
      t,
      ...createFormatters(locale, currency, t),
      text: (value) => (value ? localize(value, locale, fallback) : ''),
    };
  }, [locale, currency, fallback]);
};
