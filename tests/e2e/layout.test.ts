// The kiosk's layout for a standing customer: the running order in the bar at the bottom, and
// banners (help on the way, offers of help, "added") in their own place above the action bar,
// never over a control: on every screen, at 1080 × 1920 (portrait), 1920 × 1080 and 800 × 1280.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_VIEWPORT, startKiosk, type Kiosk } from '../support/kiosk';
import { clippedText, overlappingControls } from './accessibility-support';
import { bannersOverButtons, spilledOrUnreachable } from './layout-support';
import { openCategory, openEntry, openGroup, orderSummary, plainText, startOrder } from './ordering-steps';

const OTHER_VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 800, height: 1280 },
];

let kiosk: Kiosk;
beforeAll(async () => {
  kiosk = await startKiosk();
});
afterAll(async () => {
  await kiosk?.close();
});

/** At least one banner is shown, and none covers a button; at every viewport size when asked. */
async function noBannerOverAButton(page: Page, where: string, everySize = false): Promise<void> {
  const sizes = everySize ? [KIOSK_VIEWPORT, ...OTHER_VIEWPORTS] : [KIOSK_VIEWPORT];
  for (const size of sizes) {
    await page.setViewportSize(size);
    const { banners, overlaps } = await bannersOverButtons(page);
    const label = `${where} at ${size.width}×${size.height}`;
    expect(banners, `${label}: a banner is shown`).toBeGreaterThan(0);
    expect(overlaps, label).toEqual([]);
  }
  await page.setViewportSize(KIOSK_VIEWPORT);
}

/** The action bar lies in the lower part of the screen, its buttons within the viewport. */
async function actionBarAtTheBottom(page: Page, where: string): Promise<void> {
  const bar = await page.locator('.action-bar').filter({ visible: true }).boundingBox();
  expect(bar, where).not.toBeNull();
  expect(bar!.y + bar!.height, where).toBeGreaterThan(KIOSK_VIEWPORT.height - 2);
  expect(bar!.y + bar!.height, where).toBeLessThanOrEqual(KIOSK_VIEWPORT.height + 1);
}

describe('layout', () => {
  it('keeps the running order and "Review & pay" at the bottom of the menu', async () => {
    const { page } = kiosk;
    await startOrder(page, 'Eat in');
    await expect.poll(() => plainText(orderSummary(page))).toBe('Your order is empty');
    await expect(page.getByRole('button', { name: 'Review & pay' }).isDisabled()).resolves.toBe(true);
    await actionBarAtTheBottom(page, 'menu');
    // The header holds no order controls; it stays one compact band.
    const header = await page.getByRole('banner').boundingBox();
    expect(header!.height).toBeLessThan(KIOSK_VIEWPORT.height / 10);
    await openCategory(page, 'Drinks');
    await openEntry(page, 'Cola');
    await actionBarAtTheBottom(page, 'customiser');
    await page.getByRole('button', { name: 'Add to order' }).click();
    await expect.poll(() => plainText(orderSummary(page))).toMatch(/^1 item €\d+\.\d{2}$/);
    await page.getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    await actionBarAtTheBottom(page, 'review');
    await page.getByRole('button', { name: 'Add more' }).click();
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('never lets an offer of help or the "added" notice cover a button, on any screen', async () => {
    const { page } = kiosk;
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
    // Going back three times without adding anything brings the offer of help.
    for (let backs = 0; backs < 3; backs += 1) {
      await openCategory(page, 'Meals');
      await openEntry(page, 'Big Burger Meal');
      await page.getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('navigation', { name: 'Categories' }).waitFor();
    }
    const offer = page.getByRole('region', { name: 'Offer of help' });
    await offer.getByRole('button', { name: 'No thanks' }).waitFor();
    await noBannerOverAButton(page, 'menu with an offer', true);

    await openEntry(page, 'Big Burger Meal');
    await noBannerOverAButton(page, 'customiser (meal) with an offer', true);
    await page.getByRole('button', { name: 'Add to order' }).click();
    await page.getByRole('region', { name: 'Added' }).getByRole('button', { name: 'Undo' }).waitFor();
    await noBannerOverAButton(page, 'menu with an offer and the added notice', true);

    await page.getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    await noBannerOverAButton(page, 'review (with the payment choice) with an offer', true);
    await offer.getByRole('button', { name: 'No thanks' }).click();
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('never lets the help banner cover a button, on any screen', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    await page.getByRole('button', { name: 'Call staff' }).click();
    const dialog = page.getByRole('dialog', { name: 'How can we help?' });
    await dialog.getByRole('button', { name: 'Help with my order' }).click();
    await dialog.getByRole('button', { name: 'Call staff now' }).click();
    await dialog.getByText(/Help is on the way|ask a team member at the counter/).first().waitFor();
    await dialog.getByRole('button', { name: /^(Keep ordering|Close)$/ }).click();
    await page.getByRole('region', { name: 'Your request for help' }).getByRole('button').waitFor();

    await noBannerOverAButton(page, 'review with the help banner', true);
    await page.getByRole('button', { name: 'Add more' }).click();
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
    await noBannerOverAButton(page, 'menu with the help banner', true);
    await openCategory(page, 'Chicken');
    await openEntry(page, 'Chicken Nuggets');
    await noBannerOverAButton(page, 'customiser (item) with the help banner', true);
    await page.getByRole('button', { name: 'Add to order' }).click();
    await noBannerOverAButton(page, 'menu with the help banner and the added notice', true);
    await page.getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    await noBannerOverAButton(page, 'review (with the payment choice) with the help banner and a line more', true);
    await page.getByRole('button', { name: 'Pay at the counter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
    await noBannerOverAButton(page, 'confirmation with the help banner', true);
    expect(kiosk.pageErrors).toEqual([]);
  });

  for (const size of ['Normal text', 'Larger text', '200 %'] as const) {
    it(`reflows every screen with ${size === '200 %' ? 'text at 200 %' : size.toLowerCase()}, at every screen size: nothing clipped or out of reach, no control over another`, async () => {
      const { page } = kiosk;
      await page.getByRole('heading', { level: 1, name: 'Thank you!' }).or(page.getByRole('heading', { level: 1, name: 'Order here' })).first().waitFor();
      // The confirmation resets itself after a while: 'Done' may go between seeing it and clicking it.
      const done = page.getByRole('button', { name: 'Done' });
      if (await done.count()) await done.click({ timeout: 5_000 }).catch(() => undefined);
      await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
      if (size === 'Larger text') {
        await page.getByRole('banner').getByRole('button', { name: 'Larger text' }).click();
      } else if (size === '200 %') {
        await page.getByRole('banner').getByRole('button', { name: 'Accessibility' }).click();
        const panel = page.getByRole('dialog', { name: 'Accessibility' });
        await panel.getByRole('group', { name: 'Text size' }).getByRole('button', { name: '200 %' }).click();
        await panel.getByRole('button', { name: 'Close' }).click();
        await panel.waitFor({ state: 'detached' });
      }
      const fits = async (where: string) => {
        for (const viewport of [KIOSK_VIEWPORT, ...OTHER_VIEWPORTS]) {
          await page.setViewportSize(viewport);
          const label = `${size}: ${where} at ${viewport.width}×${viewport.height}`;
          expect(await clippedText(page), label).toEqual([]);
          expect(await overlappingControls(page), label).toEqual([]);
          expect(await spilledOrUnreachable(page), label).toEqual([]);
        }
        await page.setViewportSize(KIOSK_VIEWPORT);
      };
      await fits('attract');
      await page.getByRole('button', { name: 'Start order' }).click();
      await page.getByRole('heading', { level: 1, name: 'Where will you eat today?' }).waitFor();
      await fits('service mode');
      await page.getByRole('button', { name: 'Eat in', exact: true }).click();
      await page.getByRole('navigation', { name: 'Categories' }).waitFor();
      await fits('menu');
      await openCategory(page, 'Meals');
      await openEntry(page, 'Big Burger Meal');
      await fits('customiser (meal)');
      await openGroup(page, 'Drink');
      await fits('customiser (meal) with the drink open');
      await page.getByRole('button', { name: 'Add to order' }).click();
      await page.getByRole('region', { name: 'Added' }).waitFor();
      await fits('menu with the added notice');
      await openCategory(page, 'Burgers');
      await page.getByRole('main').getByRole('button', { name: /^Add Classic Burger, / }).click();
      await page.getByRole('region', { name: 'Suggestion' }).waitFor();
      await fits('menu with a suggestion');
      await page.getByRole('button', { name: 'Review & pay' }).click();
      await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
      await fits('review');
      await page.getByRole('button', { name: 'Pay at the counter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
      await fits('confirmation');
      await page.getByRole('button', { name: 'Done' }).click();
      expect(kiosk.pageErrors).toEqual([]);
    });
  }
});
