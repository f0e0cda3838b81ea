// The kiosk in the store's brand and an attract screen that sells, in Chromium against the
// browser shell with the sample store: its theme's colours, font and logo are on the page
// (served from the store config's folder), a low-contrast theme stops the host with a clear
// error naming the field and the ratio, and the attract screen shows the operator's featured
// items in a gentle loop (still with reduced motion), "Touch to order" in every language the
// store offers, and one touch starts an order.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatViolations, REPO_ROOT, runAxe, startHostProcess, startKiosk, type Kiosk } from '../support/kiosk';

const featured = () => kiosk.page.getByRole('region', { name: 'Our favourites' });
let kiosk: Kiosk;

beforeAll(async () => {
  kiosk = await startKiosk();
  await kiosk.page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
});
afterAll(async () => {
  await kiosk?.close();
});

describe('brand theme', () => {
  it('puts the store\'s colours, font and logo on the kiosk', async () => {
    const { page } = kiosk;
    const root = await page.evaluate(() => {
      const style = getComputedStyle(document.documentElement);
      return { themed: document.documentElement.classList.contains('themed'), paper: style.getPropertyValue('--paper').trim(), background: style.backgroundColor, font: style.fontFamily };
    });
    expect(root).toEqual({ themed: true, paper: '#fffaf2', background: 'rgb(255, 250, 242)', font: expect.stringMatching(/^"Open Sans"/) });
    // The main actions (eat in / take away start the order) wear the accent colour.
    expect(await page.getByRole('group').getByRole('button', { name: 'Eat in' }).evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(164, 40, 28)');
    // The font files come from the store config's folder, through the host.
    await expect.poll(() => page.evaluate(async () => (await document.fonts.load('700 16px "Open Sans"')).length)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.fonts.check('700 16px "Open Sans"'))).toBe(true);
    expect(await page.locator('img.attract-logo').evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  });

  it('refuses a theme whose text is below 4.5:1: the host stops with the field and the ratio', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counterpart-low-contrast-'));
    try {
      const store = JSON.parse(readFileSync(join(REPO_ROOT, 'menu-config/sample/store.json'), 'utf8')) as { theme: { colors: Record<string, string> } };
      store.theme.colors.text = '#999999';
      const storePath = join(dir, 'store.json');
      writeFileSync(storePath, JSON.stringify(store));
      const started = startHostProcess({ port: 0, env: { COUNTERPART_STORE: storePath, COUNTERPART_DATA: join(dir, 'data'), COUNTERPART_STORE_BUS_PORT: '0', COUNTERPART_STORE_BUS_WS_PORT: '0', COUNTERPART_BACK_OFFICE_PORT: '0' } });
      const refusal = await started.then(
        () => 'started',
        (error: Error) => error.message,
      );
      expect(refusal).toContain('The kiosk configuration is not valid:');
      expect(refusal).toContain(`${storePath}: $.theme.colors.text: text #999999 on background #fffaf2 has a contrast ratio of 2.`);
      expect(refusal).toMatch(/\$\.theme\.colors\.text: text #999999 on background #fffaf2 has a contrast ratio of \d\.\d\d:1; text needs at least 4\.5:1 \(WCAG 1\.4\.3\)/);
      expect(refusal).toMatch(/\$\.theme\.colors\.text: text #999999 on surface #f7e6cc has a contrast ratio of \d\.\d\d:1/);
      expect(refusal).not.toContain('    at '); // an operator's message, not a stack trace
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('attract screen', () => {
  it('shows the featured items with a price, loops gently through them, and says "Touch to order" in every language', async () => {
    const { page } = kiosk;
    expect(await featured().getByRole('listitem').allTextContents()).toEqual(['Big Burger Meal', 'Veggie Burger', 'Crispy Chicken Burger', 'Chocolate Shake']);
    const spotlight = featured().locator('figcaption');
    const first = await spotlight.textContent();
    expect(first).toMatch(/^(Big Burger Meal|Veggie Burger|Crispy Chicken Burger|Chocolate Shake) €\d+\.\d\d$/);
    await expect.poll(() => spotlight.textContent(), { timeout: 15_000 }).not.toBe(first); // the loop moves on
    const languages = await page.locator('.attract-touch span').evaluateAll((spans) => spans.map((span) => `${span.getAttribute('lang')}: ${span.textContent}`));
    expect(languages).toEqual(['en: Touch to order', 'de: Zum Bestellen berühren']);
    expect(formatViolations(await runAxe(page))).toBe('');
  });

  it('holds still with reduced motion', async () => {
    const { page } = kiosk;
    await page.emulateMedia({ reducedMotion: 'reduce' });
    try {
      await page.locator('main.attract.still').waitFor();
      expect(await featured().locator('figure').evaluate((figure) => getComputedStyle(figure).animationName)).toBe('none');
    } finally {
      await page.emulateMedia({ reducedMotion: null });
    }
  });

  it('starts an order with one touch on a featured item', async () => {
    const { page } = kiosk;
    await featured().locator('figure').tap();
    await page.getByRole('heading', { level: 1, name: 'Where will you eat today?' }).waitFor();
    expect(kiosk.pageErrors).toEqual([]);
  });
});
