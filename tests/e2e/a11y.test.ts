// axe-core on every screen and dialog of the ordering flow, plus what axe cannot see:
// touch target sizes, keyboard-only use, Escape and focus return in dialogs.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, REPO_ROOT, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { addAsIs, openCategory, openEntry, startOrder } from './ordering-steps';

const SHORT_INACTIVITY_STORE = join(REPO_ROOT, 'tests/e2e/fixtures/store-short-inactivity.json');

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${screen}:\n${formatViolations(violations)}`).toEqual([]);
}

/** Every visible control (or the label that is its target) is at least 44 × 44 CSS px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const targets = [...document.querySelectorAll<HTMLElement>('button, a[href], label.choice, [role="button"]')];
    return targets
      .filter((element) => element.getClientRects().length > 0 && !element.closest('.visually-hidden'))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width < 44 || box.height < 44;
      })
      .map((element) => `${element.tagName.toLowerCase()} "${element.textContent?.trim()}" ${Math.round(element.getBoundingClientRect().width)}×${Math.round(element.getBoundingClientRect().height)}`);
  });
}

async function checkScreen(page: Page, screen: string): Promise<void> {
  await expectNoViolations(page, screen);
  expect(await smallTargets(page), screen).toEqual([]);
}

describe('accessibility of every screen', () => {
  let kiosk: Kiosk;
  beforeAll(async () => {
    kiosk = await startKiosk();
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('has no axe violations and only large targets from attract to confirmation', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await checkScreen(page, 'attract');

    await page.getByRole('button', { name: 'Start order' }).click();
    await page.getByRole('heading', { level: 1, name: 'Where will you eat today?' }).waitFor();
    await checkScreen(page, 'service mode');

    await page.getByRole('button', { name: 'Eat in', exact: true }).click();
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
    await checkScreen(page, 'menu');

    // Larger text for the rest of the walk: everything still fits the rules.
    const largeText = page.getByRole('button', { name: 'Larger text' });
    await largeText.click();
    await expect(largeText.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).resolves.toBe('23px');
    await checkScreen(page, 'menu with larger text');

    await openCategory(page, 'Burgers');
    await openEntry(page, 'Cheeseburger');
    await checkScreen(page, 'customiser (item)');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await openCategory(page, 'Meals');
    await openEntry(page, 'Chicken Nuggets Meal');
    await checkScreen(page, 'customiser (meal)');
    await page.getByRole('button', { name: 'Add to order' }).click();
    await addAsIs(page, 'Drinks', 'Black Tea');

    await page.getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    await checkScreen(page, 'review (lines, total, payment choice)');
    await page.getByRole('button', { name: 'Remove Black Tea' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    await checkScreen(page, 'review with undo');

    await page.getByRole('button', { name: 'Pay at the counter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
    await checkScreen(page, 'confirmation');

    await page.getByRole('button', { name: 'Call staff' }).click();
    const dialog = page.getByRole('dialog', { name: 'How can we help?' });
    await dialog.waitFor();
    await checkScreen(page, 'call-staff dialog');
    await dialog.getByRole('button', { name: 'Help with my order' }).click();
    await checkScreen(page, 'call-staff dialog, a reason chosen');
    await dialog.getByRole('button', { name: 'Call staff now' }).click();
    // Either answer is honest: staff notified over the store bus, or ask at the counter when it is unreachable.
    await dialog.getByText(/Help is on the way|ask a team member at the counter/).first().waitFor();
    await checkScreen(page, 'call-staff dialog answered');
    await dialog.getByRole('button', { name: /^(Keep ordering|Close)$/ }).click();
    await page.getByRole('button', { name: 'Done' }).click();
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('works by keyboard alone: visible focus, Escape closes dialogs and focus returns', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Where will you eat today?' }).waitFor();

    // Tab reaches "Take away" and Enter chooses it.
    for (let presses = 0; presses < 10; presses += 1) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Take away') break;
    }
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();

    const callStaff = page.getByRole('button', { name: 'Call staff' });
    await callStaff.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'How can we help?' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null)).toBe(true);
    // Focus stays inside the modal however far one tabs.
    for (let presses = 0; presses < 8; presses += 1) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement === document.body || document.activeElement?.closest('dialog') !== null)).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await callStaff.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('keeps the menu behind the customiser out of reach: not focused by Tab, not read, not tapped', async () => {
    const { page } = kiosk;
    const startButton = page.getByRole('button', { name: 'Start order' });
    await startButton.or(page.getByRole('navigation', { name: 'Categories' })).first().waitFor();
    if (await startButton.isVisible()) await startOrder(page);
    await openCategory(page, 'Burgers');
    const cardBox = await page.getByRole('button', { name: /^Cheeseburger/ }).first().boundingBox();
    await openEntry(page, 'Cheeseburger');
    const menuBehind = page.locator('main.menu-screen');
    for (let presses = 0; presses < 40; presses += 1) {
      await page.keyboard.press('Tab');
      expect(await menuBehind.evaluate((menu) => menu.contains(document.activeElement))).toBe(false);
    }
    const tree = await page.locator('body').ariaSnapshot();
    expect(tree).toContain('Customise: Cheeseburger');
    expect(tree).not.toContain('navigation "Categories"');
    // A tap where the menu's card was lands on the customiser, never on the menu under it.
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('main')?.className ?? '', { x: cardBox!.x + cardBox!.width / 2, y: cardBox!.y + cardBox!.height / 2 });
    expect(hit).toContain('customizer');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
    expect(await page.locator('body').ariaSnapshot()).toContain('navigation "Categories"');
  });
});

describe('accessibility of the inactivity prompt', () => {
  let kiosk: Kiosk;
  beforeAll(async () => {
    kiosk = await startKiosk({ storeConfigPath: SHORT_INACTIVITY_STORE });
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('has no axe violations', async () => {
    const { page } = kiosk;
    await startOrder(page, 'Eat in');
    const prompt = page.getByRole('alertdialog', { name: 'Do you need more time?' });
    await prompt.waitFor({ timeout: 15_000 });
    await expectNoViolations(page, 'inactivity dialog');
    await prompt.getByRole('button', { name: 'Yes, more time' }).click();
  });
});
