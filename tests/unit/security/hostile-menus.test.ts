// Menus and messages written to break a screen: a tax class named after an inherited
// property, currencies Intl cannot format, image paths that climb out of the menu folder
// or follow a symlink out of it, selections keyed "constructor". Each is refused by
// menu:check and by the host with its JSON path, and the pure code never throws a
// TypeError or hands back something that is not data.
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { describeLine } from '../../../common/menu/describe';
import { PricingError, priceLine, priceOrder, selectionProblems } from '../../../common/menu/pricing';
import { currencyCode } from '../../../common/menu/schema';
import { checkMenuAgainstStore, validateMenu, validateStoreConfig } from '../../../common/menu/validate';
import { cartSnapshot, orderMessage } from '../../../common/store-bus/messages';
import { orderDocument } from '../../../common/order/order';
import { ConfigError, loadKioskConfig } from '../../../electron/host/config';
import { createMenuService } from '../../../electron/host/menu-service';
import { lookupStaticFile } from '../../../electron/host/static-files';
import { SAMPLE_DIR, mealLine, sampleMenu, sampleMenuJson, sampleStore, sampleStoreJson } from '../menu/sample';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-hostile-menu-'));
  dirs.push(dir);
  return dir;
};

/** The menu file's JSON, as an operator (or an attacker) edits it. */
type MenuJson = Record<string, unknown> & { version: string; items: Record<string, unknown>[] };
const menuJson = (): MenuJson => sampleMenuJson() as MenuJson;

/** The sample menu and store in a temp folder with their images; `edit` changes the menu JSON. */
function menuFolder(edit: (menu: MenuJson) => void): { dir: string; menuPath: string; storePath: string } {
  const dir = tempDir();
  cpSync(join(SAMPLE_DIR, 'images'), join(dir, 'images'), { recursive: true });
  const menu = menuJson();
  edit(menu);
  const menuPath = join(dir, 'menu.json');
  const storePath = join(dir, 'store.json');
  writeFileSync(menuPath, JSON.stringify(menu));
  writeFileSync(storePath, JSON.stringify(sampleStoreJson()));
  return { dir, menuPath, storePath };
}

const menuCheck = async (...args: string[]): Promise<{ code: number; stderr: string }> => {
  try {
    await promisify(execFile)('npx', ['tsx', 'menu-config/cli/menu-check.ts', ...args], { cwd: REPO_ROOT });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
};

const configProblems = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => `${problem.where}: ${problem.reason}`);
    throw error;
  }
  return [];
};

describe('a tax class named after an inherited property', () => {
  const withConstructor = (menu: MenuJson) => (menu.items[0]!.taxClass = 'constructor');

  it('is refused by the validator, menu:check and the host, with its JSON path', async () => {
    const checked = validateMenu({ ...sampleMenuJson(), items: sampleMenu.items.map((item, index) => (index === 0 ? { ...item, taxClass: 'constructor' } : item)) });
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checkMenuAgainstStore(checked.menu, sampleStore)).toEqual([expect.objectContaining({ path: '$.items[0].taxClass', message: expect.stringMatching(/tax class "constructor" is not defined/) })]);

    const { menuPath, storePath } = menuFolder(withConstructor);
    const cli = await menuCheck(menuPath, '--store', storePath);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`${menuPath}: $.items[0].taxClass: tax class "constructor" is not defined`);
    expect(configProblems(() => loadKioskConfig(storePath, menuPath))).toEqual([expect.stringMatching(/^\$\.items\[0\]\.taxClass: tax class "constructor"/)]);
  }, 60_000);

  it('arriving on the store bus, is refused and the last good menu keeps serving', () => {
    const dir = tempDir();
    const menus = createMenuService({ store: sampleStore, menu: sampleMenu, menuPath: join(SAMPLE_DIR, 'menu.json'), dataDir: dir });
    const hostile = menuJson();
    hostile.version = 'hostile-1';
    hostile.items[0]!.taxClass = 'constructor';
    expect(menus.offer(hostile, 'store bus')).toMatchObject({ outcome: 'refused', problems: [expect.objectContaining({ where: '$.items[0].taxClass' })] });
    expect(menus.current().version).toBe(sampleMenu.version);
    menus.close();
  });

  it('pricing answers with a PricingError, never an inherited value, for keys like "constructor"', () => {
    const store = { ...sampleStore, tax: { ...sampleStore.tax, classes: { ...sampleStore.tax.classes } } };
    const menu = { ...sampleMenu, items: sampleMenu.items.map((item, index) => (index === 0 ? { ...item, taxClass: 'constructor' } : item)) };
    const line = { kind: 'item' as const, itemId: menu.items[0]!.id, removedIngredientIds: [], options: {}, quantity: 1 };
    expect(() => priceOrder(menu, store.tax, 'eat_in', [line], 'en')).toThrow(PricingError);
    // A selection keyed with inherited names: problems and errors, not crashes.
    const meal = mealLine(sampleMenu.meals[0]!.id);
    const hostile = { ...meal, slots: { ...meal.slots, constructor: { itemId: 'constructor', removedIngredientIds: [], options: { toString: { valueOf: 1 } } } } };
    expect(selectionProblems(sampleMenu, hostile).some((problem) => problem.path === 'slots.constructor')).toBe(true);
    expect(() => priceLine(sampleMenu, hostile)).toThrow(PricingError);
    const described = describeLine(sampleMenu, hostile, 'constructor');
    expect(typeof described.title).toBe('string');
    expect(described.details.every((detail) => typeof detail === 'string')).toBe(true);
  });
});

describe('currencies', () => {
  it('are ISO 4217 codes in every schema: "EURO" and "XYZ" are refused, "EUR" and "CHF" pass', () => {
    for (const bad of ['EURO', 'XYZ', 'eur', '€']) expect(currencyCode.safeParse(bad).success).toBe(false);
    for (const good of ['EUR', 'CHF', 'USD', 'JPY']) expect(currencyCode.safeParse(good).success).toBe(true);

    expect(validateMenu({ ...sampleMenuJson(), currency: 'EURO' })).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ path: '$.currency' })]) });
    expect(validateStoreConfig({ ...sampleStoreJson(), currency: 'XYZ' })).toMatchObject({ ok: false, errors: expect.arrayContaining([expect.objectContaining({ path: '$.currency' })]) });
    expect(cartSnapshot.safeParse({ currency: 'EURO', lines: [], total: 0 }).success).toBe(false);
    const order = { orderId: '6f1c7a55-0d7e-4a53-9a57-6d7b0d8f2b11', orderNumber: 'B-1', storeId: 's', kioskId: 'k', menuVersion: '1', locale: 'en', serviceMode: 'eat_in', currency: 'EURO', lines: [], taxes: [], total: 0, paymentMethod: 'counter', status: 'placed', placedAt: 'x', updatedAt: 'x' };
    expect(orderMessage.safeParse(order).error?.issues.some((issue) => issue.path[0] === 'currency')).toBe(true);
    expect(orderDocument.safeParse(order).error?.issues.some((issue) => issue.path[0] === 'currency')).toBe(true);
  });
});

describe('image paths', () => {
  it('that climb out of the menu folder are refused by the schema, with the JSON path', () => {
    for (const image of ['images/../store.json.svg', '../secret.svg', 'images//a.svg', '/etc/a.svg', './images/a.svg']) {
      const menu = menuJson();
      menu.items[0]!.image = image;
      expect(validateMenu(menu), image).toMatchObject({ ok: false, errors: [expect.objectContaining({ path: '$.items[0].image' })] });
    }
  });

  it('that follow a symlink out of the menu folder are refused by menu:check and the host, and never served', async () => {
    const outside = tempDir();
    writeFileSync(join(outside, 'secret.svg'), '<svg>secret</svg>');
    const { dir, menuPath, storePath } = menuFolder((menu) => (menu.items[0]!.image = 'images/escape.svg'));
    symlinkSync(join(outside, 'secret.svg'), join(dir, 'images', 'escape.svg'));
    mkdirSync(join(dir, 'linked'));
    symlinkSync(outside, join(dir, 'linked', 'out'));

    const cli = await menuCheck(menuPath, '--store', storePath);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`${menuPath}: $.items[0].image: image "images/escape.svg" resolves to ${join(outside, 'secret.svg')}, outside the menu folder`);
    expect(configProblems(() => loadKioskConfig(storePath, menuPath))).toEqual([expect.stringMatching(/^\$\.items\[0\]\.image: image "images\/escape.svg" resolves to .*outside the menu folder/)]);

    const roots = { rendererDir: tempDir(), assetDir: dir };
    expect(lookupStaticFile('/menu-assets/images/escape.svg', roots)).toEqual({ notFound: '/menu-assets/images/escape.svg leads outside the served folders' });
    expect(lookupStaticFile('/menu-assets/linked/out/secret.svg', roots)).toEqual({ notFound: '/menu-assets/linked/out/secret.svg leads outside the served folders' });
    expect(lookupStaticFile('/menu-assets/images/burger.svg', roots)).toMatchObject({ contentType: 'image/svg+xml' });
  }, 60_000);
});
