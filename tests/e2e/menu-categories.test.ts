// The menu's categories as a customer moves between them. The kiosk keeps the other categories'
// cards built and laid out, hidden (then parked), so a category opens as a repaint: nothing of a hidden one may
// be reached, read out or clash with the one shown, each opens at its top, in the language chosen,
// the pictures are drawn once as bitmaps and the allergen pictograms come from their font, as the
// page's security policy allows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLERGENS } from '../../common/menu/allergens';
import { startKiosk, type Kiosk } from '../support/kiosk';
import { openCategory, openEntry, startOrder } from './ordering-steps';

const SAMPLE_CATEGORIES = 7;
const PICTOGRAMS = join(import.meta.dirname, '../../renderer/ui/components/allergen-icons');

/** Every category's section, as laid out now: shown or not, read out or not. */
const sections = (page: Page) =>
  page.locator('section.entries').evaluateAll((all) =>
    all.map((section) => ({
      heading: section.querySelector('h2')?.textContent ?? '',
      shown: section.querySelector('h2')?.checkVisibility({ visibilityProperty: true }) ?? false,
      hiddenFromReaders: section.getAttribute('aria-hidden') === 'true',
      parked: getComputedStyle(section).contentVisibility === 'hidden',
      cards: section.querySelectorAll('.entry-grid > li').length,
    })),
  );

/** Opens a category and scrolls its section to the end. */
async function scrollToEnd(page: Page, category: string): Promise<void> {
  await openCategory(page, category);
  const shown = page.locator('section.entries:not(.stowed)');
  await shown.evaluate((section) => section.scrollTo(0, section.scrollHeight));
  await expect.poll(() => shown.evaluate((section) => section.scrollTop)).toBeGreaterThan(0);
}

const duplicateIds = (page: Page) =>
  page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return ids.filter((id, index) => ids.indexOf(id) !== index);
  });

describe('moving between the menu categories', () => {
  let kiosk: Kiosk;
  const policyViolations: string[] = [];

  beforeAll(async () => {
    kiosk = await startKiosk();
    kiosk.page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
  });
  afterAll(async () => {
    await kiosk?.close();
  });

  it('builds the other categories while idle, hidden and out of reach, with no id twice', async () => {
    const { page } = kiosk;
    await startOrder(page);
    await expect.poll(async () => (await sections(page)).length, { timeout: 20_000 }).toBe(SAMPLE_CATEGORIES);
    const laidOut = await sections(page);
    expect(laidOut.filter((section) => section.shown)).toEqual([{ heading: 'Meals', shown: true, hiddenFromReaders: false, parked: false, cards: 6 }]);
    for (const hidden of laidOut.filter((section) => !section.shown)) {
      expect(hidden.hiddenFromReaders).toBe(true);
      expect(hidden.cards).toBeGreaterThan(0);
    }
    // Once built and laid out, the hidden ones are parked: style, layout and paint skip them.
    await expect.poll(async () => (await sections(page)).filter((section) => !section.shown && !section.parked).length, { timeout: 20_000 }).toBe(0);
    expect(await duplicateIds(page)).toEqual([]);
    // Only what is shown can be found by role (what a screen reader and the tests reach).
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Meals']);
    expect(await page.getByRole('main').getByRole('button', { name: /^Cheeseburger €/ }).count()).toBe(0);
    // Nor by Tab, nor by a tap: the parked sections lie in the same place, under the one shown.
    for (let presses = 0; presses < 30; presses += 1) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('section.entries.stowed') ?? null)).toBeNull();
    }
    const tapped = await page.locator('section.entries:not(.stowed) .entry-button').first().evaluate((button) => {
      const box = button.getBoundingClientRect();
      return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.closest('button') === button;
    });
    expect(tapped).toBe(true);

    await openCategory(page, 'Burgers');
    await openEntry(page, 'Cheeseburger');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 2, name: 'Burgers' }).waitFor();
    expect((await sections(page)).filter((section) => section.shown).map((section) => section.heading)).toEqual(['Burgers']);
  });

  it('opens a category at its top, however far down it was left', async () => {
    const { page } = kiosk;
    await scrollToEnd(page, 'Drinks');
    await openCategory(page, 'Sides');
    await openCategory(page, 'Drinks');
    await expect.poll(() => page.locator('section.entries:not(.stowed)').evaluate((section) => section.scrollTop)).toBe(0);
  });

  it('opens a category at its top when the customer comes straight back to it', async () => {
    const { page } = kiosk;
    await scrollToEnd(page, 'Drinks');
    // Away and back before the page is ever idle: Drinks is tapped again as soon as its section is hidden.
    await page.getByRole('main').evaluate(async (main) => {
      const drinksSection = main.querySelector('section.entries:not(.stowed)') as HTMLElement;
      const button = (name: string) => [...main.querySelectorAll('nav button')].find((candidate) => candidate.textContent?.trim() === name) as HTMLElement;
      await new Promise<void>((resolve) => {
        const observer = new MutationObserver(() => {
          if (!drinksSection.classList.contains('stowed')) return;
          observer.disconnect();
          button('Drinks').click();
          resolve();
        });
        observer.observe(drinksSection, { attributes: true, attributeFilter: ['class'] });
        button('Sides').click();
      });
    });
    const shown = page.locator('section.entries:not(.stowed)');
    await expect.poll(() => shown.evaluate((section) => [section.querySelector('h2')?.textContent, section.scrollTop])).toEqual(['Drinks', 0]);
  });

  it('shows every category in the language chosen since, hidden ones included', async () => {
    const { page } = kiosk;
    await page.getByRole('banner').getByRole('group', { name: 'Language' }).getByRole('button', { name: 'Deutsch' }).click();
    await page.getByRole('heading', { level: 2, name: 'Getränke' }).waitFor();
    await expect.poll(async () => (await sections(page)).length, { timeout: 20_000 }).toBe(SAMPLE_CATEGORIES);
    await page.getByRole('navigation', { name: 'Kategorien' }).getByRole('button', { name: 'Beilagen', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Beilagen' }).waitFor();
    await page.getByRole('main').getByRole('button', { name: /^Pommes/ }).first().waitFor();
    expect((await sections(page)).map((section) => section.heading)).toEqual(['Menüs', 'Burger', 'Chicken', 'Beilagen', 'Getränke', 'Desserts', 'Frühstück']);
    expect(await duplicateIds(page)).toEqual([]);
    await page.getByRole('banner').getByRole('group', { name: 'Sprache' }).getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Sides' }).waitFor();
  });

  it('draws the menu pictures once as bitmaps and the allergen pictograms from their font, allowed by the page policy', async () => {
    const { page } = kiosk;
    const picture = page.locator('section.entries:not(.stowed) .entry-picture').first();
    await openCategory(page, 'Burgers');
    await expect.poll(() => picture.evaluate((element) => getComputedStyle(element).backgroundImage), { timeout: 20_000 }).toMatch(/^url\("blob:/);
    // The bitmap is the picture: as large as a card needs, and drawn (not blank).
    const drawn = await picture.evaluate(async (element) => {
      const url = /^url\("(.*)"\)$/.exec(getComputedStyle(element).backgroundImage)?.[1] ?? '';
      const image = new Image();
      image.src = url;
      await image.decode();
      const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) painted++;
      return { width: image.naturalWidth, height: image.naturalHeight, painted: painted / (pixels.length / 4) };
    });
    expect(Math.max(drawn.width, drawn.height)).toBeGreaterThanOrEqual(512);
    expect(drawn.painted).toBeGreaterThan(0.2);
    // Once every picture is drawn the page says so (bench/interaction.ts measures an order after it).
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('kiosk:pictures-drawn').length), { timeout: 20_000 }).toBe(1);
    // The allergen pictograms: glyphs of their font, in the text's colour, each like its own drawing.
    const icon = page.locator('section.entries:not(.stowed) .allergen-badge').first();
    const colours = await icon.evaluate((badge) => [getComputedStyle(badge.querySelector('.allergen-icon')!, '::before').color, getComputedStyle(badge).color]);
    expect(colours[0]).toBe(colours[1]);
    const drawings = ALLERGENS.map((allergen) => readFileSync(join(PICTOGRAMS, `${allergen}.svg`), 'utf8'));
    const likeness = await page.evaluate(async (drawings) => {
      const size = 48;
      const family = getComputedStyle(document.querySelector('.allergen-icon')!).fontFamily;
      await document.fonts.load(`${size}px ${family}`, '\ue000');
      // Where a drawing covers a pixel (alpha over one half), as a list of booleans.
      const cover = (draw: (context: CanvasRenderingContext2D) => void) => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = size;
        const context = canvas.getContext('2d')!;
        draw(context);
        const pixels = context.getImageData(0, 0, size, size).data;
        return Array.from({ length: size * size }, (_, index) => pixels[index * 4 + 3]! > 127);
      };
      const glyphs = drawings.map((_, index) =>
        cover((context) => {
          context.font = `${size}px ${family}`;
          // The em square is the drawing's box, its baseline at four fifths of it (make-font.py).
          context.fillText(String.fromCharCode(0xe000 + index), 0, size * 0.8);
        }),
      );
      const svgs = await Promise.all(
        drawings.map(async (svg) => {
          const image = new Image();
          image.src = `data:image/svg+xml,${encodeURIComponent(svg)}`;
          await image.decode();
          return cover((context) => context.drawImage(image, 0, 0, size, size));
        }),
      );
      // The font's line metrics, which place a glyph in its 18 px box on the page.
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${size}px ${family}`;
      const { fontBoundingBoxAscent: ascent, fontBoundingBoxDescent: descent } = context.measureText('\ue000');
      // Intersection over union of each glyph with each drawing.
      const overlaps = glyphs.map((glyph) =>
        svgs.map((svg) => {
          let both = 0;
          let either = 0;
          glyph.forEach((covered, index) => {
            if (covered && svg[index]) both++;
            if (covered || svg[index]) either++;
          });
          return either === 0 ? 0 : both / either;
        }),
      );
      return { overlaps, ascent: ascent / size, descent: descent / size };
    }, drawings);
    // The em square is the drawing's box, and the line: a glyph fills its box, not set low or high.
    expect(likeness.ascent).toBeCloseTo(0.8, 1);
    expect(likeness.descent).toBeCloseTo(0.2, 1);
    ALLERGENS.forEach((allergen, index) => {
      const row = likeness.overlaps[index]!;
      expect({ allergen, own: row[index]! > 0.7, best: row.indexOf(Math.max(...row)) === index }).toEqual({ allergen, own: true, best: true });
    });
    expect(policyViolations).toEqual([]);
    expect(kiosk.pageErrors).toEqual([]);
  });
});
