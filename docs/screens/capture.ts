// Screenshots of every customer screen at 1080 × 1920, with normal and larger text, for the
// README (docs/screens/*.png). Builds the pages, starts the kiosk in Chromium (/usr/bin/chromium,
// through playwright-core, as the end-to-end tests do) and walks one order.
//   npx tsx docs/screens/capture.ts [only-this-screen-prefix]
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildPages } from '../../electron/browser-shell/renderer-build';
import { REPO_ROOT, startKiosk } from '../../tests/support/kiosk';

const OUT = join(REPO_ROOT, 'docs/screens');
const only = process.argv[2];

async function shoot(page: Page, name: string): Promise<void> {
  if (only && !name.startsWith(only)) return;
  // Let pictures load and transitions settle.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, `${name}.png`) });
  console.log(`docs/screens/${name}.png`);
}

async function walk(page: Page, suffix: string, largeText: boolean): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
  if (largeText) await page.getByRole('banner').getByRole('button', { name: 'Larger text' }).click();
  await shoot(page, `01-attract${suffix}`);
  await page.getByRole('button', { name: 'Start order' }).click();
  await page.getByRole('heading', { level: 1, name: 'Where will you eat today?' }).waitFor();
  await shoot(page, `02-service${suffix}`);
  await page.getByRole('button', { name: 'Eat in', exact: true }).click();
  await page.getByRole('navigation', { name: 'Categories' }).waitFor();
  await shoot(page, `03-menu${suffix}`);
  await page.getByRole('main').getByRole('button', { name: /^Big Burger Meal / }).click();
  await page.getByRole('heading', { level: 1, name: /Big Burger Meal$/ }).waitFor();
  await shoot(page, `04-customise-meal${suffix}`);
  await page.getByRole('button', { name: 'Add to order' }).click();
  await page.getByRole('navigation', { name: 'Categories' }).waitFor();
  await shoot(page, `05-menu-added${suffix}`);
  await page.getByRole('navigation', { name: 'Categories' }).getByRole('button', { name: 'Burgers', exact: true }).click();
  await page.getByRole('main').getByRole('button', { name: /^Add Classic Burger, / }).click();
  await page.getByRole('region', { name: 'Suggestion' }).waitFor();
  await shoot(page, `06-menu-suggestion${suffix}`);
  await page.getByRole('region', { name: 'Suggestion' }).getByRole('button', { name: 'No thanks' }).click();
  await page.getByRole('button', { name: 'Review & pay' }).click();
  await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
  await shoot(page, `07-review${suffix}`);
  await page.getByRole('button', { name: 'Pay at the counter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
  await shoot(page, `08-confirmation${suffix}`);
  await page.getByRole('button', { name: 'Done' }).click();
}

async function main(): Promise<void> {
  process.env.NODE_ENV = 'production';
  await buildPages('production');
  const kiosk = await startKiosk({ env: { COUNTERPART_STORE_BUS_PORT: '0', COUNTERPART_STORE_BUS_WS_PORT: '0' } });
  try {
    await walk(kiosk.page, '', false);
    await walk(kiosk.page, '-larger-text', true);
    if (kiosk.pageErrors.length > 0) throw new Error(`page errors: ${kiosk.pageErrors.join('; ')}`);
  } finally {
    await kiosk.close();
  }
}

await main();
