// Small pieces every group's choices share: a price difference in words, a choice's class, DOM ids.
import type { I18n } from '../../i18n/useI18n';

/** "+€0.50", "−€0.30", or nothing for no difference. */
export const signedPrice = (i18n: I18n, delta: number) =>
  delta > 0 ? i18n.t.priceDelta(i18n.money(delta)) : delta < 0 ? i18n.t.priceReduction(i18n.money(-delta)) : '';

export const domId = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('-');

/** A choice's class; the checked one is marked by React (a `:has(input:checked)` selector restyles the whole group on every change). */
export const choiceClass = (checked: boolean) => (checked ? 'choice choice-checked' : 'choice');
