// Switching language mid-order keeps the cart and its prices; only the words and number formats change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk, type Kiosk } from '../support/kiosk';
import { addAsIs, livePrice, openCategory, openEntry, openGroup, orderSummary, plainText, startOrder } from './ordering-steps';

describe('language switch', () => {
  let kiosk: Kiosk;
  beforeAll(async () => {
    kiosk = await startKiosk();
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('switches English → German → English mid-order and keeps the cart and prices', async () => {
    const { page } = kiosk;
    const language = page.getByRole('banner').getByRole('group', { name: /^(Language|Sprache)$/ });
    await expect(language.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await startOrder(page, 'Take away');
    await addAsIs(page, 'Desserts', 'Apple Pie');
    await openCategory(page, 'Meals');
    await openEntry(page, 'Classic Burger Meal');
    await openGroup(page, 'Meal size');
    await page.getByRole('radio', { name: /^Large/ }).check();

    // Mid-customisation: the choices stay, the words change.
    await language.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { level: 1, name: 'Anpassen: Classic Burger Menü' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('de');
    await expect(page.getByRole('radio', { name: /^Groß/ }).isChecked()).resolves.toBe(true);
    await expect(plainText(livePrice(page))).resolves.toMatch(/^10,19 € [\d.]+ kcal$/);
    await page.getByRole('button', { name: 'Zur Bestellung hinzufügen' }).click();

    await expect.poll(() => plainText(orderSummary(page))).toBe('2 Artikel 12,18 €');
    await page.getByRole('button', { name: 'Prüfen & bezahlen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ihre Bestellung' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Apfeltasche' }).waitFor();
    await expect(plainText(page.getByRole('main').locator('.total'))).resolves.toBe('Gesamt 12,18 €');

    await language.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Apple Pie' }).waitFor();
    await expect(plainText(page.getByRole('main').locator('.total'))).resolves.toBe('Total €12.18');
    expect(kiosk.pageErrors).toEqual([]);
  });
});
