// Suggestions from the menu model: "Make it a meal?" when a burger is added on its own, "Add a
// drink?" on the review when the order has none. Accepted and dismissed in one tap, each shown at
// most once per order, recorded as analytics events, and never over a button.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { bannersOverButtons } from './layout-support';
import { openCategory, orderSummary, plainText, readKioskStore, startOrder } from './ordering-steps';

let kiosk: Kiosk;
beforeAll(async () => {
  kiosk = await startKiosk();
});
afterAll(async () => {
  await kiosk?.close();
});

const suggestion = (page: Page) => page.getByRole('region', { name: 'Suggestion' });
const quickAdd = (page: Page, name: string) => page.getByRole('main').getByRole('button', { name: new RegExp(`^Add ${name}( \\(|, )`) });

async function suggestionEvents(page: Page): Promise<string[]> {
  const events = await readKioskStore<{ type: string; at: string; detail?: { kind?: string } }>(page, 'events');
  return events
    .filter((event) => event.type.startsWith('suggestion_'))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((event) => `${event.type} ${event.detail?.kind}`);
}

async function payAtTheCounterAndFinish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Pay at the counter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
}

describe('suggestions', () => {
  it('"Make it a meal?" turns the burger just added into its meal, keeping its choices; never offered twice in an order', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    const before = (await suggestionEvents(page)).length;
    await startOrder(page, 'Eat in');
    await openCategory(page, 'Burgers');
    await quickAdd(page, 'Big Burger').click();
    await suggestion(page).getByText('Make it a meal?').waitFor();
    await suggestion(page).getByText(/^Big Burger Meal \(Medium\) with .*Fries.*Cola.*€10\.49\./).waitFor();
    expect((await bannersOverButtons(page)).overlaps).toEqual([]);
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    await suggestion(page).getByRole('button', { name: 'Make it a meal' }).click();
    await expect.poll(() => suggestion(page).isHidden()).toBe(true);
    await expect.poll(() => plainText(orderSummary(page))).toBe('1 item €10.49');

    // Another burger in the same order: no second offer.
    await quickAdd(page, 'Classic Burger').click();
    await expect.poll(() => plainText(orderSummary(page))).toMatch(/^2 items /);
    expect(await suggestion(page).isHidden()).toBe(true);

    await page.getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 2, name: /^Big Burger Meal/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Classic Burger', exact: true }).waitFor();
    // The meal has a drink: no "Add a drink?".
    expect(await suggestion(page).isHidden()).toBe(true);
    await expect.poll(async () => (await suggestionEvents(page)).slice(before)).toEqual(['suggestion_shown make_it_a_meal', 'suggestion_accepted make_it_a_meal']);
    await payAtTheCounterAndFinish(page);
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('dismisses both in one tap, and neither comes back in that order', async () => {
    const { page } = kiosk;
    const before = (await suggestionEvents(page)).length;
    await startOrder(page, 'Take away');
    await openCategory(page, 'Burgers');
    await quickAdd(page, 'Veggie Burger').click();
    await suggestion(page).getByText('Make it a meal?').waitFor();
    await suggestion(page).getByRole('button', { name: 'No thanks' }).click();
    await expect.poll(() => suggestion(page).isHidden()).toBe(true);
    await expect.poll(() => plainText(orderSummary(page))).toMatch(/^1 item /);

    await page.getByRole('button', { name: 'Review & pay' }).click();
    await suggestion(page).getByText('Add a drink?').waitFor();
    expect((await bannersOverButtons(page)).overlaps).toEqual([]);
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await suggestion(page).getByRole('button', { name: 'No thanks' }).click();
    await expect.poll(() => suggestion(page).isHidden()).toBe(true);

    // Back to the menu and another burger, back to the review: neither is offered again.
    await page.getByRole('button', { name: 'Add more' }).click();
    await openCategory(page, 'Burgers');
    await quickAdd(page, 'Bacon BBQ Burger').click();
    await expect.poll(() => plainText(orderSummary(page))).toMatch(/^2 items /);
    expect(await suggestion(page).isHidden()).toBe(true);
    await page.getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    expect(await suggestion(page).isHidden()).toBe(true);
    await expect
      .poll(async () => (await suggestionEvents(page)).slice(before))
      .toEqual(['suggestion_shown make_it_a_meal', 'suggestion_dismissed make_it_a_meal', 'suggestion_shown add_a_drink', 'suggestion_dismissed add_a_drink']);
    await payAtTheCounterAndFinish(page);
  });

  it('"Add a drink?" adds the drink chosen, as it comes, in one tap; a new order may be offered again', async () => {
    const { page } = kiosk;
    const before = (await suggestionEvents(page)).length;
    await startOrder(page, 'Eat in');
    await openCategory(page, 'Desserts');
    await quickAdd(page, 'Apple Pie').click();
    await page.getByRole('button', { name: 'Review & pay' }).click();
    await suggestion(page).getByText('Add a drink?').waitFor();
    await suggestion(page).getByRole('button', { name: /^Add Still Water 0\.5 l, €/ }).click();
    await expect.poll(() => suggestion(page).isHidden()).toBe(true);
    await page.getByRole('heading', { level: 2, name: 'Still Water 0.5 l' }).waitFor();
    await expect.poll(async () => (await suggestionEvents(page)).slice(before)).toEqual(['suggestion_shown add_a_drink', 'suggestion_accepted add_a_drink']);
    await payAtTheCounterAndFinish(page);
    expect(kiosk.pageErrors).toEqual([]);
  });
});
