// The customer's whole flow on the sample menu: a customised meal, a drink and a dessert,
// cart edits with undo, review with tax, pay at the counter, the order number and Dexie.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { addAsIs, groupRow, livePrice, openCategory, openEntry, openGroup, orderSummary, plainText, readKioskStore, startOrder } from './ordering-steps';

interface StoredOrder {
  orderId: string;
  orderNumber: string;
  paymentMethod: string;
  status: string;
  serviceMode: string;
  total: number;
  lines: { title: string; details: string[]; total: number; selection: Record<string, unknown> }[];
  taxes: { rateId: string; tax: number }[];
}

describe('ordering at the kiosk', () => {
  let kiosk: Kiosk;
  beforeAll(async () => {
    kiosk = await startKiosk();
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('orders a customised meal, a drink and a dessert, edits the cart and pays at the counter', async () => {
    const { page } = kiosk;
    await startOrder(page, 'Eat in');

    // A Big Burger Meal, large, no onions on the burger, Cola Zero with no ice.
    await openCategory(page, 'Meals');
    await openEntry(page, 'Big Burger Meal');
    await expect.poll(() => livePrice(page).textContent()).toContain('€10.49');
    await openGroup(page, 'Meal size');
    await page.getByRole('radio', { name: /^Large/ }).check();
    await expect.poll(() => livePrice(page).textContent()).toContain('€11.69');
    await openGroup(page, 'Main');
    const onions = page.getByRole('group', { name: 'Options for Big Burger' }).getByRole('checkbox', { name: 'Onions', exact: true });
    await onions.uncheck();
    await expect(onions.isChecked()).resolves.toBe(false);
    await openGroup(page, 'Drink');
    await page.getByRole('radio', { name: /^Orange Juice/ }).check();
    await expect.poll(() => livePrice(page).textContent()).toContain('€12.19');
    await page.getByRole('radio', { name: /^Cola Zero/ }).check();
    await expect.poll(() => livePrice(page).textContent()).toContain('€11.69');
    await page.getByRole('group', { name: 'Options for Cola Zero' }).getByRole('radio', { name: 'No ice' }).check();
    await page.getByRole('button', { name: 'Add to order' }).click();
    await expect.poll(() => plainText(orderSummary(page))).toBe('1 item €11.69');
    // Added: said on screen, with a way back.
    await page.getByRole('region', { name: 'Added' }).getByText(/^Big Burger Meal.* added to your order\.$/).waitFor();

    // A drink and a dessert as they come.
    await addAsIs(page, 'Drinks', 'Orange Juice 0.25 l');
    await addAsIs(page, 'Desserts', 'Apple Pie');

    // The cart: two apple pies, remove the juice, undo the removal.
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^3 items\b/ }).getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    await page.getByRole('button', { name: 'More Apple Pie' }).click();
    await expect.poll(() => page.getByRole('group', { name: /^Apple Pie: / }).getAttribute('aria-label')).toBe('Apple Pie: 2');
    await page.getByRole('button', { name: 'Remove Orange Juice 0.25 l' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Orange Juice 0.25 l' }).count()).toBe(0);
    await page.getByRole('main').getByText('Removed Orange Juice 0.25 l.').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('heading', { level: 2, name: 'Orange Juice 0.25 l' }).waitFor();

    // Edit the meal back in the customiser: it keeps the choices made.
    await page.getByRole('button', { name: /^Edit Big Burger Meal/ }).click();
    await expect(plainText(groupRow(page, 'Meal size'))).resolves.toBe('Meal size: Large');
    await expect(plainText(groupRow(page, 'Main'))).resolves.toBe('Main: Big Burger, no onions');
    await expect(plainText(groupRow(page, 'Drink'))).resolves.toBe('Drink: Cola Zero (Large 0.5 l), no ice');
    await openGroup(page, 'Meal size');
    await expect(page.getByRole('radio', { name: /^Large/ }).isChecked()).resolves.toBe(true);
    await openGroup(page, 'Drink');
    await expect(page.getByRole('radio', { name: /^Cola Zero/ }).isChecked()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Update order' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();

    // Review: every line, tax per rate, the total (11.69 + 2.79 + 2 × 1.99).
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    for (const line of ['Big Burger Meal', 'Orange Juice 0.25 l', 'Apple Pie']) await page.getByRole('heading', { level: 2, name: new RegExp(`^${line}`) }).waitFor();
    await expect(page.getByRole('rowheader', { name: /incl\. VAT 7 %/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('rowheader', { name: /incl\. VAT 19 %/ }).count()).resolves.toBe(1);
    await expect(page.getByRole('row', { name: /^Total/ }).textContent()).resolves.toContain('€18.46');

    await page.getByRole('button', { name: 'Pay at the counter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
    const orderNumber = (await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '';
    expect(orderNumber).toMatch(/^B-\d{3}$/);
    await page.getByRole('main').getByText('Please pay €18.46 at the counter.').waitFor();

    // Dexie holds the order, numbered as shown, awaiting payment at the counter.
    const orders = await readKioskStore<StoredOrder>(page, 'orders');
    expect(orders).toHaveLength(1);
    const order = orders[0]!;
    expect(order).toMatchObject({ orderNumber, paymentMethod: 'counter', serviceMode: 'eat_in', total: 1846 });
    // Awaiting payment at the counter, possibly already queued for or delivered to the store.
    expect(['awaiting_counter_payment', 'queued', 'delivered']).toContain(order.status);
    expect(order.lines.map((line) => line.total)).toEqual([1169, 279, 398]);
    expect(order.lines[0]!.selection).toMatchObject({
      kind: 'meal',
      mealId: 'big-burger-meal',
      sizeId: 'large',
      slots: {
        main: { itemId: 'big-burger', removedIngredientIds: ['onions'] },
        drink: { itemId: 'cola-zero', options: { 'drink-ice': { 'no-ice': 1 } } },
      },
    });
    expect(order.taxes.map((tax) => tax.rateId).sort()).toEqual(['reduced', 'standard']);
    // The draft is gone once the order is placed.
    expect(await readKioskStore(page, 'drafts')).toEqual([]);

    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('keeps "Add to order" disabled with the reason shown until the choice is complete; the first dip is free', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await startOrder(page, 'Eat in');
    await openCategory(page, 'Chicken');
    await openEntry(page, 'Chicken Nuggets');
    const add = page.getByRole('button', { name: 'Add to order' });
    await expect.poll(() => livePrice(page).textContent()).toMatch(/^€4\.49 /);

    await openGroup(page, 'Dips (first one free)');
    await page.getByRole('button', { name: 'Fewer BBQ sauce' }).click();
    await expect.poll(() => add.isDisabled()).toBe(true);
    await page.getByText('Dips (first one free): choose at least 1.').waitFor();
    await expect(add.getAttribute('aria-describedby')).resolves.toBe('customizer-problems');

    await page.getByRole('button', { name: 'More Curry sauce' }).click();
    await expect.poll(() => add.isDisabled()).toBe(false);
    await expect.poll(() => livePrice(page).textContent()).toMatch(/^€4\.49 /);
    await page.getByRole('button', { name: 'More Curry sauce' }).click();
    await expect.poll(() => livePrice(page).textContent()).toMatch(/^€4\.79 /);
    await openGroup(page, 'Size');
    await page.getByRole('radio', { name: /^9 pieces/ }).check();
    await add.click();
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^1 item\b/ }).getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 2, name: /^Chicken Nuggets/ }).waitFor();
    await page.getByRole('button', { name: /^Remove Chicken Nuggets/ }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    // An optional single choice (a shake's topping) can be taken back with "None".
    await page.getByRole('button', { name: 'Add more' }).click();
    await openCategory(page, 'Drinks');
    await openEntry(page, 'Vanilla Shake');
    const base = await livePrice(page).textContent();
    await openGroup(page, 'Topping');
    await page.getByRole('radio', { name: /^Whipped cream \+€0\.40/ }).check();
    await expect.poll(() => livePrice(page).textContent()).not.toBe(base);
    await page.getByRole('group', { name: /^Topping/ }).getByRole('radio', { name: 'None' }).check();
    await expect.poll(() => livePrice(page).textContent()).toBe(base);
    await page.getByRole('button', { name: 'Cancel' }).click();

    // An emptied cart leaves no draft: a reload starts afresh.
    await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
  });

  it('offers the cart back after the page reloads mid-order (crash recovery); continuing restores it', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await startOrder(page, 'Take away');
    await addAsIs(page, 'Drinks', 'Black Tea');
    await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(1);

    await page.reload();
    // The cart is offered, not shown: the person at the kiosk may be someone new.
    const offer = page.getByRole('dialog', { name: 'Continue your order?' });
    await offer.waitFor();
    expect(await offer.getByText(/^Your order has 1 item, €\d+\.\d{2}\.$/).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Continue my order');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    for (const name of ['Continue my order', 'Start over']) {
      const box = await offer.getByRole('button', { name }).boundingBox();
      expect(Math.min(box!.width, box!.height), name).toBeGreaterThanOrEqual(44);
    }
    // Escape keeps the order (an interrupted customer loses nothing by pressing it).
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    expect(await offer.count()).toBe(0);
    await page.getByRole('heading', { level: 2, name: 'Black Tea' }).waitFor();
    await page.getByText('Take away', { exact: true }).waitFor();
  });

  it('"Start over" on the offered cart clears it: the attract screen, no draft, a new order starts empty', async () => {
    const { page } = kiosk;
    await page.reload();
    await page.getByRole('dialog', { name: 'Continue your order?' }).getByRole('button', { name: 'Start over' }).click();
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await expect.poll(async () => (await readKioskStore(page, 'drafts')).length).toBe(0);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await startOrder(page, 'Eat in');
    await expect.poll(() => plainText(orderSummary(page))).toBe('Your order is empty');
    await expect(page.getByRole('button', { name: 'Review & pay' }).isDisabled()).resolves.toBe(true);
  });
});
