import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJsonText } from '../../../common/menu/json-text';
import { checkMenuAgainstStore, jsonPath, validateMenu, validateStoreConfig } from '../../../common/menu/validate';
import { SAMPLE_DIR, sampleMenu, sampleMenuJson, sampleStore, sampleStoreJson } from './sample';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is edited freely

const errorsOf = (json: unknown) => {
  const result = validateMenu(json);
  return result.ok ? [] : result.errors;
};

/** The sample menu with a handful of realistic mistakes, and the exact errors each must produce. */
function brokenSampleMenu(): Json {
  const menu: Json = sampleMenuJson();
  menu.items[3].optionGroupIds.push('sauces'); // a group that does not exist
  menu.items[13].defaultSizeId = 'jumbo'; // fries have no such size
  menu.items[1].name = { en: 'Cheeseburger' }; // German text missing
  menu.items.push({ ...menu.items[0] }); // duplicate id
  menu.meals[0].slots[1].defaultItemId = 'cola'; // not a side choice
  menu.meals[0].slots[2].choices.push({ itemId: 'classic-burger-meal' }); // a meal inside a meal
  menu.meals[1].sizes[1].slotSizes = { side: 'large', drink: 'xl', dessert: 'large' };
  menu.categories[1].entryIds[0] = 'hamburgr'; // typo
  menu.optionGroups[5].max = 2; // single choice with max 2
  menu.optionGroups[4].min = 4; // nugget sauces: min above max
  menu.items[40].availability.scheduleIds = ['brunch'];
  menu.defaultLocale = 'fr';
  return menu;
}

describe('validateMenu', () => {
  it('accepts the sample menu', () => {
    const result = validateMenu(sampleMenuJson());
    expect(result.ok).toBe(true);
    expect(result.ok && result.menu).toEqual(sampleMenu);
  });

  it('reports schema errors with their JSON path and a plain reason', () => {
    const menu = sampleMenuJson() as Json;
    menu.items[0].price = -1;
    menu.items[2].price = 2.5;
    menu.items[3].colour = 'red';
    delete menu.items[4].taxClass;
    menu.items[5].allergens = ['gluten', 'nutz'];
    menu.items[6].id = 'Veggie Burger';
    menu.optionGroups[0].selection = 'many';
    menu.schedules[0].from = '6:00';
    expect(errorsOf(menu)).toEqual([
      { path: '$.schedules[0].from', message: 'must be a 24-hour time "HH:MM"' },
      { path: '$.optionGroups[0].selection', message: 'must be one of "single", "multiple"' },
      { path: '$.items[0].price', message: 'must not be negative' },
      { path: '$.items[2].price', message: 'must be a whole number of minor units (cents)' },
      { path: '$.items[3].colour', message: 'unknown property "colour"' },
      { path: '$.items[4].taxClass', message: 'is required (string)' },
      { path: '$.items[5].allergens[1]', message: expect.stringMatching(/^must be one of "gluten", "crustaceans", .*"molluscs"$/) },
      { path: '$.items[6].id', message: 'must be lower-case letters, digits and dashes, e.g. "big-burger"' },
    ]);
  });

  it('reports every broken reference of a broken copy of the sample menu precisely', () => {
    expect(errorsOf(brokenSampleMenu())).toEqual([
      { path: '$.defaultLocale', message: '"fr" is not one of the menu\'s locales (en, de)' },
      { path: '$.items[46].id', message: 'duplicate id "hamburger" (also at $.items[0].id; items and meals share one set of ids)' },
      { path: '$.optionGroups[4].min', message: 'min (4) is greater than max (3)' },
      { path: '$.optionGroups[5].max', message: 'a single-choice group has max 1, not 2' },
      { path: '$.items[1].name', message: 'missing the "de" text' },
      { path: '$.items[3].optionGroupIds[1]', message: expect.stringMatching(/^unknown option group "sauces" \(known: burger-extras, /) },
      { path: '$.items[13].defaultSizeId', message: '"jumbo" is not one of the item\'s sizes (known: small, medium, large)' },
      { path: '$.items[40].availability.scheduleIds[0]', message: 'unknown schedule "brunch" (known: breakfast)' },
      { path: '$.meals[0].slots[1].defaultItemId', message: '"cola" is not one of the slot\'s choices (known: fries, sweet-potato-fries, side-salad, onion-rings)' },
      { path: '$.meals[0].slots[2].choices[9].itemId', message: '"classic-burger-meal" is a meal; a slot offers items' },
      {
        path: '$.meals[1].sizes[1].slotSizes.drink',
        message: 'size "xl" is missing from "cola", "cola-zero", "orange-soda", "lemonade", "iced-tea", "chocolate-shake", "vanilla-shake"',
      },
      { path: '$.meals[1].sizes[1].slotSizes.dessert', message: 'the meal has no slot "dessert" (known: main, side, drink)' },
      { path: '$.categories[1].entryIds[0]', message: 'unknown item or meal "hamburgr"' },
    ]);
  });

  it('reports duplicates, default counts, mealOnly items in categories and slot sizes no item has', () => {
    const menu = sampleMenuJson() as Json;
    menu.optionGroups[0].options[1].id = 'bacon';
    menu.optionGroups[5].options[1].isDefault = true;
    menu.items[17].mealOnly = true; // apple slices, listed under sides
    menu.items[0].ingredients[3].id = 'onions';
    menu.meals[6].sizes[0].slotSizes = { side: 'large', drink: 'medium' }; // the hash brown has no sizes
    menu.categories[0].entryIds.push('big-burger-meal');
    expect(errorsOf(menu)).toEqual([
      { path: '$.optionGroups[0].options[1].id', message: 'duplicate option id "bacon" (first at $.optionGroups[0].options[0])' },
      { path: '$.optionGroups[5].options', message: '2 options are marked isDefault but at most 1 can be chosen' },
      { path: '$.items[0].ingredients[3].id', message: 'duplicate ingredient id "onions" (first at $.items[0].ingredients[2])' },
      { path: '$.meals[6].sizes[0].slotSizes.side', message: 'none of the items in slot "side" has sizes' },
      { path: '$.categories[0].entryIds[6]', message: 'duplicate entry "big-burger-meal" (first at $.categories[0].entryIds[1])' },
      { path: '$.categories[3].entryIds[4]', message: '"apple-slices" is mealOnly and cannot be listed on its own' },
    ]);
  });

  it('reports a value that is not a menu at all', () => {
    expect(errorsOf([])).toEqual([{ path: '$', message: 'must be an object, not a list' }]);
  });

  it('explains wrong types and bad keys in texts and maps', () => {
    const menu = sampleMenuJson() as Json;
    menu.items[0].name = { EN: 'Hamburger', de: 'Hamburger' };
    menu.items[1].name = 'Cheeseburger';
    menu.items[3].optionGroupIds = 'burger-extras';
    menu.meals[0].sizes[0].slotSizes = { Side: 'large' };
    expect(errorsOf(menu)).toEqual([
      { path: '$.items[0].name.EN', message: 'invalid key: must be a locale code such as "en" or "de-DE"' },
      { path: '$.items[1].name', message: 'must be an object, not a string' },
      { path: '$.items[3].optionGroupIds', message: 'must be a list, not a string' },
      { path: '$.meals[0].sizes[0].slotSizes.Side', message: 'invalid key: must be lower-case letters, digits and dashes, e.g. "big-burger"' },
    ]);
  });

  it('writes JSON paths the way jq and editors do', () => {
    expect(jsonPath([])).toBe('$');
    expect(jsonPath(['items', 3, 'optionGroupIds', 1])).toBe('$.items[3].optionGroupIds[1]');
    expect(jsonPath(['meals', 0, 'sizes', 1, 'slotSizes', 'side dish'])).toBe('$.meals[0].sizes[1].slotSizes["side dish"]');
  });
});

describe('validateStoreConfig and checkMenuAgainstStore', () => {
  it('accepts the sample store config, which fits the sample menu', () => {
    const result = validateStoreConfig(sampleStoreJson());
    expect(result).toEqual({ ok: true, store: sampleStore });
    expect(checkMenuAgainstStore(sampleMenu, sampleStore)).toEqual([]);
  });

  it('reports unknown rates, duplicate rate ids and unknown time zones', () => {
    const store = sampleStoreJson() as Json;
    store.tax.classes['milk-drink'].take_away = 'half';
    store.tax.rates.push({ ...store.tax.rates[0] });
    store.timezone = 'Europe/Berlim';
    expect(validateStoreConfig(store)).toEqual({
      ok: false,
      errors: [
        { path: '$.tax.rates[2].id', message: 'duplicate tax rate id "reduced" (first at $.tax.rates[0])' },
        { path: '$.tax.classes.milk-drink.take_away', message: 'unknown tax rate "half" (known: reduced, standard)' },
        { path: '$.timezone', message: 'unknown time zone "Europe/Berlim" (use an IANA name such as "Europe/Berlin")' },
      ],
    });
  });

  it('reports a currency, locale or tax class the store does not have', () => {
    const store = { ...sampleStore, currency: 'CHF', locale: 'fr', tax: { ...sampleStore.tax, classes: { food: sampleStore.tax.classes.food! } } };
    const errors = checkMenuAgainstStore(sampleMenu, store);
    expect(errors.slice(0, 3)).toEqual([
      { path: '$.currency', message: 'the menu is priced in EUR but the store config uses CHF' },
      { path: '$.locales', message: 'the store\'s locale "fr" is not one of the menu\'s locales (en, de)' },
      { path: '$.items[19].taxClass', message: 'tax class "beverage" is not defined in the store config (known: food)' },
    ]);
    expect(errors.filter((error) => error.message.includes('"milk-drink"')).map((error) => error.path)).toEqual([
      '$.items[29].taxClass',
      '$.items[30].taxClass',
      '$.items[31].taxClass',
      '$.items[32].taxClass',
      '$.items[33].taxClass',
    ]);
  });
});

describe('parseJsonText', () => {
  it('parses valid JSON', () => {
    expect(parseJsonText('{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it('says where the JSON breaks, as line and column', () => {
    expect(parseJsonText('{\n  "a": 1,\n  "b": }\n')).toEqual({ ok: false, line: 3, column: 8, message: 'expected a value' });
    expect(parseJsonText('{\n  "a": 1,\n}')).toEqual({ ok: false, line: 3, column: 1, message: 'expected a property name in double quotes' });
    expect(parseJsonText('{"a" 1}')).toEqual({ ok: false, line: 1, column: 6, message: "expected ':' after the property name" });
    expect(parseJsonText('[1, 2')).toEqual({ ok: false, line: 1, column: 6, message: "expected ']' to close the array" });
    expect(parseJsonText('{"a": 1} // done')).toEqual({ ok: false, line: 1, column: 10, message: 'comments are not allowed in JSON' });
    expect(parseJsonText('  \n')).toEqual({ ok: false, line: 1, column: 1, message: 'the file is empty' });
  });
});

// Each case starts `npx tsx` as a child process: slow on a busy machine, hence the generous timeout.
describe('menu:check CLI', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'menu-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'menu-config/cli/menu-check.ts', ...args], { cwd: REPO_ROOT });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const lines = (text: string) => text.split('\n').filter((line) => line !== '' && !line.startsWith('npm warn'));

  it('passes the sample menu with its store config and prints a one-line summary', async () => {
    const result = await run('menu-config/sample/menu.json', '--store', 'menu-config/sample/store.json');
    expect(lines(result.stderr)).toEqual([]);
    expect(lines(result.stdout)).toEqual([`ok: 7 categories, 46 items, 7 meals, version ${sampleMenu.version} (checked against store "berlin-mitte")`]);
    expect(result.code).toBe(0);
  });

  it('works as `npm run menu:check FILE --store STORE`, without `--`', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'menu:check', 'menu-config/sample/menu.json', '--store', 'menu-config/sample/store.json'], {
      cwd: REPO_ROOT,
    });
    expect(lines(stdout)).toEqual([`ok: 7 categories, 46 items, 7 meals, version ${sampleMenu.version} (checked against store "berlin-mitte")`]);
  });

  it('fails a broken copy with one line per error: file, JSON path, reason', async () => {
    cpSync(join(SAMPLE_DIR, 'images'), join(dir, 'images'), { recursive: true });
    const file = join(dir, 'broken-menu.json');
    writeFileSync(file, JSON.stringify(brokenSampleMenu(), null, 2));
    const result = await run(file);
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual([]);
    const printed = lines(result.stderr);
    expect(printed).toHaveLength(13);
    expect(printed).toEqual(
      expect.arrayContaining([
        `${file}: $.items[3].optionGroupIds[1]: unknown option group "sauces" (known: burger-extras, chicken-extras, muffin-extras, dip-sauces, nugget-sauces, drink-ice, coffee-milk, drink-syrup, shake-topping, sundae-sauce, sundae-toppings, salad-dressing, …)`,
        `${file}: $.meals[0].slots[1].defaultItemId: "cola" is not one of the slot's choices (known: fries, sweet-potato-fries, side-salad, onion-rings)`,
        `${file}: $.categories[1].entryIds[0]: unknown item or meal "hamburgr"`,
      ]),
    );
  });

  it('names the file, line and column of invalid JSON, and missing images and files', async () => {
    const badJson = join(dir, 'bad.json');
    writeFileSync(badJson, '{\n  "schemaVersion": 1,\n  "id": "x",,\n}\n');
    const noImages = join(dir, 'no-images', 'menu.json');
    cpSync(join(SAMPLE_DIR, 'menu.json'), noImages);
    const [json, images, missing] = await Promise.all([run(badJson), run(noImages), run(join(dir, 'nope.json'))]);
    expect({ code: json.code, out: lines(json.stderr) }).toEqual({ code: 1, out: [`${badJson}:3:13: not valid JSON: expected a property name in double quotes`] });
    expect(images.code).toBe(1);
    expect(lines(images.stderr)[0]).toBe(`${noImages}: $.categories[0].image: image not found: ${join(dir, 'no-images', 'images', 'meal.svg')}`);
    expect({ code: missing.code, out: lines(missing.stderr) }).toEqual({ code: 1, out: [`${join(dir, 'nope.json')}: file not found`] });
  });

  it('reports store config errors under the store file, and menu/store mismatches under the menu file', async () => {
    const store = sampleStoreJson() as Json;
    store.currency = 'USD';
    store.tax.classes.food.eat_in = 'zero';
    const storeFile = join(dir, 'store.json');
    writeFileSync(storeFile, JSON.stringify(store));
    const broken = await run('menu-config/sample/menu.json', '--store', storeFile);
    expect(broken.code).toBe(1);
    expect(lines(broken.stderr)).toEqual([`${storeFile}: $.tax.classes.food.eat_in: unknown tax rate "zero" (known: reduced, standard)`]);
    store.tax.classes.food.eat_in = 'reduced';
    writeFileSync(storeFile, JSON.stringify(store));
    const mismatch = await run('menu-config/sample/menu.json', '--store', storeFile);
    expect(lines(mismatch.stderr)).toEqual(['menu-config/sample/menu.json: $.currency: the menu is priced in EUR but the store config uses USD']);
    expect(mismatch.code).toBe(1);
  });

  it('explains its usage when called without a file', async () => {
    const result = await run();
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual(['usage: npm run menu:check MENU.json [--store STORE.json] [--stamp]']);
  });
});
