// Every screen and dialog in every mode: normal, speech, reach, high contrast, text at 200 %.
// axe finds no violations (with the AAA 7:1 contrast rule in high contrast), every target is at
// least 44 × 44 px; in reach mode every control lies within 380–1220 mm above the floor (from
// the sample store's screen position), measured; at 200 % no text is clipped and no control
// overlaps another. The modes reset with the session.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, KIOSK_VIEWPORT, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { clippedText, controlsOutsideBand, overlappingControls, press, runAxeWithEnhancedContrast, smallTargets } from './accessibility-support';
import { openCategory, openEntry, openGroup } from './ordering-steps';

type Mode = 'normal' | 'speech' | 'reach' | 'high contrast' | 'text 200 %';

// The sample store's screen: its visible area from 820 to 1528 mm above the floor, 708 mm tall.
const SCREEN = { bottomMm: 820, heightMm: 708 };
const pxPerMm = KIOSK_VIEWPORT.height / SCREEN.heightMm;
/** 1220 mm and 380 mm above the floor, in CSS px from the top of the screen (the floor side clamps to the screen). */
const REACH_BAND = {
  top: (SCREEN.bottomMm + SCREEN.heightMm - 1220) * pxPerMm,
  bottom: Math.min(KIOSK_VIEWPORT.height, (SCREEN.bottomMm + SCREEN.heightMm - 380) * pxPerMm),
};

let kiosk: Kiosk;

beforeAll(async () => {
  kiosk = await startKiosk({ env: { COUNTERPART_LOG_LEVEL: 'debug' } });
});
afterAll(async () => {
  await kiosk?.close();
});

async function check(page: Page, mode: Mode, where: string): Promise<void> {
  const label = `${mode}: ${where}`;
  const violations = mode === 'high contrast' ? await runAxeWithEnhancedContrast(page) : await runAxe(page);
  expect(violations, `${label}\n${formatViolations(violations)}`).toEqual([]);
  expect(await smallTargets(page), label).toEqual([]);
  if (mode === 'reach') expect(await controlsOutsideBand(page, REACH_BAND), label).toEqual([]);
  if (mode === 'text 200 %') {
    expect(await clippedText(page), label).toEqual([]);
    expect(await overlappingControls(page), label).toEqual([]);
  }
}

async function turnOn(page: Page, mode: Mode): Promise<void> {
  const banner = page.getByRole('banner');
  switch (mode) {
    case 'normal':
      return;
    case 'speech':
      await press(kiosk, 'F2', /^Speech is on/);
      return;
    case 'reach':
      await banner.getByRole('button', { name: 'Lower screen' }).click();
      await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('reach'))).toBe(true);
      return;
    case 'high contrast':
    case 'text 200 %': {
      await banner.getByRole('button', { name: 'Accessibility' }).click();
      const panel = page.getByRole('dialog', { name: 'Accessibility' });
      await panel.waitFor();
      await check(page, 'normal', 'accessibility panel');
      if (mode === 'high contrast') await panel.getByRole('button', { name: 'High contrast' }).click();
      else await panel.getByRole('group', { name: 'Text size' }).getByRole('button', { name: '200 %' }).click();
      await check(page, mode, 'accessibility panel');
      await panel.getByRole('button', { name: 'Close' }).click();
      await panel.waitFor({ state: 'detached' });
    }
  }
}

/** Attract to confirmation, paying at the counter, with the dialogs on the way; checks each. */
async function walk(page: Page, mode: Mode): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
  await turnOn(page, mode);
  await check(page, mode, 'attract');

  await page.getByRole('button', { name: 'Start order' }).click();
  await page.getByRole('heading', { level: 1, name: 'Where will you eat today?' }).waitFor();
  await check(page, mode, 'service mode');
  await page.getByRole('button', { name: 'Take away', exact: true }).click();
  await page.getByRole('navigation', { name: 'Categories' }).waitFor();
  await check(page, mode, 'menu');

  await page.getByRole('banner').getByRole('button', { name: 'Allergens and diet' }).click();
  const filters = page.getByRole('dialog', { name: 'Allergens and diet' });
  await filters.waitFor();
  await filters.getByRole('button', { name: 'Milk' }).click();
  await check(page, mode, 'allergen filter dialog');
  await filters.getByRole('button', { name: 'Done' }).click();
  await filters.waitFor({ state: 'detached' });
  await check(page, mode, 'menu with a filter');

  await openCategory(page, 'Burgers');
  await openEntry(page, 'Veggie Burger');
  await openGroup(page, 'Extras');
  await page.getByRole('button', { name: 'More Extra cheese' }).click();
  await page.getByRole('alert').filter({ hasText: 'Check your choice' }).waitFor();
  await check(page, mode, 'customiser (item) with a filter warning');
  await page.getByRole('button', { name: 'Fewer Extra cheese' }).click();
  await page.getByRole('button', { name: 'Add to order' }).click();

  await openCategory(page, 'Meals');
  await openEntry(page, 'Chicken Nuggets Meal');
  await check(page, mode, 'customiser (meal)');
  await page.getByRole('button', { name: 'Add to order' }).click();
  await page.getByRole('navigation', { name: 'Categories' }).waitFor();

  await page.getByRole('button', { name: 'Review & pay' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
  await check(page, mode, 'review (lines, total, payment choice)');

  await page.getByRole('button', { name: 'Call staff' }).click();
  const help = page.getByRole('dialog', { name: 'How can we help?' });
  await help.waitFor();
  await check(page, mode, 'call-staff dialog');
  await help.getByRole('button', { name: 'Close' }).click();
  await help.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Pay at the counter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
  await check(page, mode, 'confirmation');
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
}

describe('every screen in every mode', () => {
  for (const mode of ['normal', 'speech', 'reach', 'high contrast', 'text 200 %'] as const) {
    it(`${mode}: axe, 44 px targets${mode === 'reach' ? ', controls within reach' : ''}${mode === 'text 200 %' ? ', nothing clipped or overlapping' : ''}`, { timeout: 400_000 }, async () => {
      const { page } = kiosk;
      await walk(page, mode);
      // The session ended: the next customer starts with every mode off and no filter.
      const root = await page.evaluate(() => [...document.documentElement.classList]);
      expect(root.filter((name) => ['reach', 'high-contrast', 'text-200', 'speech-mode'].includes(name))).toEqual([]);
      expect(await page.getByRole('banner').getByRole('button', { name: 'Allergens and diet' }).getAttribute('aria-pressed')).toBe('false');
      expect(kiosk.pageErrors).toEqual([]);
    });
  }
});

describe('less motion', () => {
  it('stills the moving parts (WCAG 2.3.3), on top of the system setting', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    // The attract screen's featured item comes in with a movement of its own.
    const animation = () => page.locator('.attract-spotlight').evaluate((element) => getComputedStyle(element).animationName);
    expect(await animation()).toBe('attract-fade');
    await page.getByRole('banner').getByRole('button', { name: 'Accessibility' }).click();
    const panel = page.getByRole('dialog', { name: 'Accessibility' });
    await panel.getByRole('button', { name: 'Less motion' }).click();
    await panel.getByRole('button', { name: 'Close' }).click();
    expect(await animation()).toBe('none');
  });
});
