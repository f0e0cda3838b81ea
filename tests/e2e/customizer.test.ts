// The customiser in one screen height: on a meal at 1080 × 1920 every group's row (with its
// current choice) and the action bar are on screen at once; a group opens in place below its
// row and closes the one open before; the header and "Add to order" stay put; with any one group
// open the meal fits without scrolling; the choice made is on the row once it is closed.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, KIOSK_VIEWPORT, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { groupRow, openCategory, openEntry, plainText, startOrder } from './ordering-steps';

let kiosk: Kiosk;
beforeAll(async () => {
  kiosk = await startKiosk();
});
afterAll(async () => {
  await kiosk?.close();
});

const MEAL_ROWS = ['Meal size', 'Main', 'Side', 'Drink'];

const rowNames = (page: Page) => page.getByRole('main').locator('button[aria-expanded]').evaluateAll((rows) => rows.map((row) => row.textContent?.replace(/\s+/g, ' ').trim()));
const expanded = (page: Page) =>
  page
    .getByRole('main')
    .locator('button[aria-expanded="true"]')
    .evaluateAll((rows) => rows.map((row) => row.textContent?.split(':')[0]));
const box = async (page: Page, selector: string) => {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not on screen`);
  return found;
};
/** How far the customiser's scrolling part would scroll (0: everything fits). */
const overflow = (page: Page) => page.locator('.customizer-body').evaluate((body) => body.scrollHeight - body.clientHeight);

describe('customiser groups', () => {
  it('shows every group of a meal with its choice and the action bar in one screen height; one group open at a time, nothing moves', async () => {
    const { page } = kiosk;
    await page.setViewportSize(KIOSK_VIEWPORT);
    await startOrder(page, 'Eat in');
    await openCategory(page, 'Meals');
    await openEntry(page, 'Big Burger Meal');

    expect(await rowNames(page)).toEqual(['Meal size: Medium', 'Main: Big Burger', 'Side: Fries (Medium)', 'Drink: Cola (Medium 0.4 l)']);
    // On arrival the burger's options are open: "no onions" is one tap.
    expect(await expanded(page)).toEqual(['Main']);
    await page.getByRole('group', { name: 'Options for Big Burger' }).getByRole('checkbox', { name: 'Onions', exact: true }).waitFor();

    const add = page.getByRole('button', { name: 'Add to order' });
    const header = await box(page, 'header.header');
    const addBox = (await add.boundingBox())!;
    const bar = await box(page, '.action-bar');
    for (const name of MEAL_ROWS) {
      const row = (await groupRow(page, name).boundingBox())!;
      expect(row.y, `${name} row below the header`).toBeGreaterThanOrEqual(header.y + header.height - 1);
      expect(row.y + row.height, `${name} row above the action bar`).toBeLessThanOrEqual(bar.y + 1);
    }
    expect(addBox.y + addBox.height).toBeLessThanOrEqual(KIOSK_VIEWPORT.height);
    expect(await overflow(page), 'the meal with its main item open fits without scrolling').toBeLessThanOrEqual(0);

    // Each group in turn: it opens in place, the one before closes, the header and "Add to order" stay put, it all fits.
    for (const name of MEAL_ROWS) {
      await groupRow(page, name).click();
      await expect.poll(() => expanded(page)).toEqual([name]);
      expect(await overflow(page), `the meal with ${name} open fits without scrolling`).toBeLessThanOrEqual(0);
      expect(await box(page, 'header.header'), `header with ${name} open`).toEqual(header);
      expect(await add.boundingBox(), `"Add to order" with ${name} open`).toEqual(addBox);
    }
    // Closed groups render no inputs: only the drink's choices are in the page now.
    expect(await page.getByRole('checkbox', { name: 'Onions', exact: true }).count()).toBe(0);
    expect(await page.getByRole('radio', { name: /^Large/ }).count()).toBe(0);
    expect(formatViolations(await runAxe(page))).toBe('');

    // The choice made shows on its row once the group is closed again.
    await page.getByRole('radio', { name: /^Orange Juice/ }).check();
    await groupRow(page, 'Drink').click();
    await expect.poll(() => expanded(page)).toEqual([]);
    expect(await page.locator(`#${await groupRow(page, 'Drink').getAttribute('aria-controls')}`).isHidden()).toBe(true);
    expect(await plainText(groupRow(page, 'Drink'))).toBe('Drink: Orange Juice 0.25 l');

    // The rows are buttons: the keyboard opens them too.
    await groupRow(page, 'Meal size').focus();
    await page.keyboard.press('Enter');
    await page.getByRole('radio', { name: /^Large/ }).check();
    await groupRow(page, 'Meal size').focus();
    await page.keyboard.press('Space');
    await expect.poll(() => expanded(page)).toEqual([]);
    expect(await rowNames(page)).toEqual(['Meal size: Large', 'Main: Big Burger', 'Side: Fries (Large)', 'Drink: Orange Juice 0.25 l']);

    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('opens the group a reason for "Add to order" being disabled is about, and marks its row', async () => {
    const { page } = kiosk;
    await openCategory(page, 'Chicken');
    await openEntry(page, 'Chicken Nuggets');
    expect(await expanded(page)).toEqual(['Size']);
    await groupRow(page, 'Dips (first one free)').click();
    await page.getByRole('button', { name: 'Fewer BBQ sauce' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Add to order' }).isDisabled()).toBe(true);
    await expect.poll(() => plainText(groupRow(page, 'Dips (first one free)'))).toBe('Dips (first one free): none yet — choose 1 Choose here');

    await groupRow(page, 'Size').click();
    await page.getByRole('button', { name: 'Dips (first one free): choose at least 1.' }).click();
    await expect.poll(() => expanded(page)).toEqual(['Dips (first one free)']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-controls'))).toBe(await groupRow(page, 'Dips (first one free)').getAttribute('aria-controls'));
    await page.getByRole('button', { name: 'More Curry sauce' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Add to order' }).isDisabled()).toBe(false);
    expect(await plainText(groupRow(page, 'Dips (first one free)'))).toBe('Dips (first one free): Curry sauce');
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('selects no text when a finger presses, slides or taps three times: a press is only ever a tap', async () => {
    const { page } = kiosk;
    await openCategory(page, 'Desserts');
    await openEntry(page, 'Sundae');
    const selected = () => page.evaluate(() => window.getSelection()?.toString() ?? '');
    const heading = (await page.getByRole('heading', { level: 1 }).boundingBox())!;
    // Sliding along the heading and down over the groups' names, as a finger does on the glass.
    await page.mouse.move(heading.x + 2, heading.y + heading.height / 2);
    await page.mouse.down();
    await page.mouse.move(heading.x + heading.width - 2, heading.y + heading.height / 2, { steps: 5 });
    await page.mouse.move(heading.x + heading.width - 2, heading.y + 400, { steps: 5 });
    await page.mouse.up();
    expect(await selected()).toBe('');
    await page.getByRole('heading', { level: 1 }).click({ clickCount: 3 });
    expect(await selected()).toBe('');
    await page.getByText('Toppings', { exact: false }).first().click({ clickCount: 3 });
    expect(await selected()).toBe('');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
    expect(kiosk.pageErrors).toEqual([]);
  });
});
