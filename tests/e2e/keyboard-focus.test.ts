// A keyboard or keypad user is never dropped on the page's body: a control that takes itself off
// the screen when used (Remove, Undo, No thanks, a suggested drink) hands focus on, to the Undo the
// change shows or to the screen's heading, so the next Tab continues where they were.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKiosk, type Kiosk } from '../support/kiosk';
import { openCategory, startOrder } from './ordering-steps';

let kiosk: Kiosk;
beforeAll(async () => {
  kiosk = await startKiosk();
});
afterAll(async () => {
  await kiosk?.close();
});

/** What has focus: its role-ish tag and text, or "body". */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return !element || element === document.body ? 'body' : `${element.tagName.toLowerCase()} ${element.textContent?.trim() ?? ''}`;
  });

/** Focuses a control and presses Enter on it, as a keyboard user does. */
async function pressEnterOn(page: Page, name: string | RegExp): Promise<void> {
  const control = page.getByRole('button', { name }).first();
  await control.focus();
  await page.keyboard.press('Enter');
}

describe('focus after a control leaves the screen', () => {
  it('goes to the heading after "No thanks", "Undo" and a suggested drink, and to Undo after removing a line', async () => {
    const { page } = kiosk;
    await startOrder(page, 'Take away');
    await openCategory(page, 'Burgers');
    await pressEnterOn(page, /^Add Big Burger, /);
    await page.getByRole('region', { name: 'Suggestion' }).getByRole('button', { name: 'No thanks' }).waitFor();
    await pressEnterOn(page, 'No thanks');
    await expect.poll(() => focused(page)).toBe('h1 Menu');

    await openCategory(page, 'Drinks');
    await pressEnterOn(page, /^Add Cola \(Medium/);
    await pressEnterOn(page, 'Undo');
    await expect.poll(() => focused(page)).toBe('h1 Menu');

    await page.getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    const drink = page.getByRole('region', { name: 'Suggestion' }).getByRole('button', { name: /^Add Cola \(/ });
    await drink.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('h1 Your order');

    await pressEnterOn(page, /^Remove Cola/);
    await expect.poll(() => focused(page)).toBe('button Undo');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('h1 Your order');
    expect(kiosk.pageErrors).toEqual([]);
  });
});
