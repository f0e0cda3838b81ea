// A category of thousands of items, as a customer meets it: the grid renders only the cards on
// screen (and a few rows around them), yet every item can be scrolled to, seen and ordered.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHugeCategoryMenu, HUGE_CATEGORY } from '../../bench/large-menu';
import { REPO_ROOT, startKiosk, type Kiosk } from '../support/kiosk';
import { overlappingControls } from './accessibility-support';
import { openCategory, openEntry, startOrder } from './ordering-steps';

const ITEMS = 2_000;

describe('a category of 2,000 items', () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-large-category-'));
  let kiosk: Kiosk;

  beforeAll(async () => {
    mkdirSync(join(dir, 'images'));
    // Every generated item and category shows images/burgers.svg.
    copyFileSync(join(REPO_ROOT, 'menu-config/sample/images/burger.svg'), join(dir, 'images/burgers.svg'));
    writeFileSync(join(dir, 'menu.json'), JSON.stringify(generateHugeCategoryMenu(ITEMS)));
    kiosk = await startKiosk({ menuPath: join(dir, 'menu.json'), storeConfigPath: join(REPO_ROOT, 'menu-config/sample/store.json') });
  });
  afterAll(async () => {
    await kiosk?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders the cards on screen only, and scrolls to the last item, which can be ordered', async () => {
    const { page } = kiosk;
    await startOrder(page);
    await openCategory(page, HUGE_CATEGORY);
    const cards = page.locator('section.entries:not(.stowed) .entry-grid > li');
    await page.getByRole('button', { name: /^Item 1 €/ }).waitFor();
    const rendered = await cards.count();
    expect(rendered).toBeGreaterThan(1);
    expect(rendered).toBeLessThan(100);
    expect(await page.getByRole('button', { name: new RegExp(`^Item ${ITEMS} €`) }).count()).toBe(0);

    // Down to the end, as a finger would take it: the items' list scrolls on its own.
    const entries = page.locator('section.entries:not(.stowed)');
    const last = page.getByRole('button', { name: new RegExp(`^Item ${ITEMS} €`) });
    for (let step = 0; step < 50 && (await last.count()) === 0; step++) {
      await entries.evaluate((section) => section.scrollBy(0, section.scrollHeight));
      await page.waitForTimeout(100);
    }
    await last.waitFor();
    expect(await cards.count()).toBeLessThan(100);
    expect(await page.getByRole('button', { name: /^Item 1 €/ }).count()).toBe(0);

    await openEntry(page, `Item ${ITEMS}`);
    await page.getByRole('button', { name: 'Add to order' }).click();
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^1 item\b/ }).waitFor();

    // Back on the menu, the customer is where they were (the menu stayed laid out behind the
    // customiser), its heading has the focus again, and its rows sit where they belong.
    await last.waitFor();
    expect(await page.getByRole('button', { name: /^Item 1 €/ }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => `${document.activeElement?.tagName} ${document.activeElement?.textContent}`)).toBe('H1 Menu');
    expect(await overlappingControls(page)).toEqual([]);

    // Back to the top, and again once text at 200 % changes the columns and what scrolls.
    await entries.evaluate((section) => section.scrollTo(0, 0));
    await page.getByRole('button', { name: /^Item 1 €/ }).waitFor();
    expect(await overlappingControls(page)).toEqual([]);
    await page.getByRole('banner').getByRole('button', { name: 'Accessibility' }).click();
    const panel = page.getByRole('dialog', { name: 'Accessibility' });
    await panel.getByRole('group', { name: 'Text size' }).getByRole('button', { name: '200 %' }).click();
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Item 1 €/ }).waitFor();
    await expect.poll(() => overlappingControls(page)).toEqual([]);
    expect(await cards.count()).toBeLessThan(100);
    expect(kiosk.pageErrors).toEqual([]);
  });
});
