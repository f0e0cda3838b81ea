// npm run menu:check FILE [--store STORE.json] [--stamp]   (or: npm run menu:check -- FILE --store STORE.json)
// Checks a menu (and optionally the store config it runs with) and prints every problem
// as `FILE: $.json.path: reason`, and likely mistakes as `FILE: $.path: warning: …`.
// --stamp gives the file a version from its content ("c-…"), so an edited file always
// reaches the kiosks under a new version. Exit 0 when valid, 1 when not, 2 for wrong usage.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { applyEdits, modify } from 'jsonc-parser';
import { contentVersion } from '../../common/menu/content-version';
import { menuWarnings } from '../../common/menu/warnings';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseJsonText } from '../../common/menu/json-text';
import { checkMenuAgainstStore, jsonPath, validateMenu, validateStoreConfig, type ValidationError } from '../../common/menu/validate';

const USAGE = 'usage: npm run menu:check MENU.json [--store STORE.json] [--stamp]';

/** The file's JSON, or the lines to print when it cannot be read or parsed. */
function readJsonFile(file: string): { ok: true; value: unknown } | { ok: false; message: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read the file (${code ?? String(error)})`;
    return { ok: false, message: `${file}: ${reason}` };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, message: `${file}:${parsed.line}:${parsed.column}: not valid JSON: ${parsed.message}` };
  return { ok: true, value: parsed.value };
}

const print = (file: string, errors: ValidationError[]) => errors.forEach((error) => console.error(`${file}: ${error.path}: ${error.message}`));

function main(argv: string[]): number {
  let args: ReturnType<typeof parseArgs<{ options: { store: { type: 'string' }; help: { type: 'boolean' }; stamp: { type: 'boolean' } }; allowPositionals: true }>>;
  try {
    args = parseArgs({ args: argv, options: { store: { type: 'string' }, help: { type: 'boolean' }, stamp: { type: 'boolean' } }, allowPositionals: true });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (args.values.help) {
    console.log(USAGE);
    return 0;
  }
  const positionals = [...args.positionals];
  let storeFile = args.values.store;
  // `npm run menu:check FILE --store STORE` without `--`: npm keeps --store for itself
  // (npm_config_store=true) and passes STORE on as a second positional.
  if (!storeFile && process.env.npm_config_store === 'true' && positionals.length === 2) storeFile = positionals.pop();
  const [menuFile, ...extra] = positionals;
  if (!menuFile || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }

  let failed = false;
  const menuJson = readJsonFile(menuFile);
  if (!menuJson.ok) {
    console.error(menuJson.message);
    failed = true;
  }
  let store;
  if (storeFile) {
    const storeJson = readJsonFile(storeFile);
    if (!storeJson.ok) {
      console.error(storeJson.message);
      failed = true;
    } else {
      const checked = validateStoreConfig(storeJson.value);
      if (checked.ok) store = checked.store;
      else {
        print(storeFile, checked.errors);
        failed = true;
      }
    }
  }
  if (!menuJson.ok) return 1;

  const checked = validateMenu(menuJson.value);
  if (!checked.ok) {
    print(menuFile, checked.errors);
    return 1;
  }
  const menu = checked.menu;
  const errors: ValidationError[] = [];
  if (store) errors.push(...checkMenuAgainstStore(menu, store));
  // Images are relative to the menu file; the kiosk serves them from there.
  const base = dirname(resolve(menuFile));
  const entries = [
    ...menu.categories.map((entry, index) => ({ entry, path: ['categories', index, 'image'] })),
    ...menu.items.map((entry, index) => ({ entry, path: ['items', index, 'image'] })),
    ...menu.meals.map((entry, index) => ({ entry, path: ['meals', index, 'image'] })),
  ];
  for (const { entry, path } of entries) {
    if (!existsSync(resolve(base, entry.image))) errors.push({ path: jsonPath(path), message: `image not found: ${resolve(base, entry.image)}` });
  }
  if (errors.length > 0) {
    print(menuFile, errors);
    return 1;
  }
  if (failed) return 1;
  for (const warning of menuWarnings(menu)) console.error(`${menuFile}: ${warning.path}: warning: ${warning.message}`);
  const fromContent = contentVersion(menu);
  if (args.values.stamp && menu.version !== fromContent) {
    const text = readFileSync(menuFile, 'utf8');
    writeFileSync(menuFile, applyEdits(text, modify(text, ['version'], fromContent, { formattingOptions: { insertSpaces: true, tabSize: 2 } })));
    console.log(`${menuFile}: version "${menu.version}" → "${fromContent}" (from the content)`);
    menu.version = fromContent;
  } else if (/^c-[0-9a-f]{12}$/.test(menu.version) && menu.version !== fromContent) {
    console.error(`${menuFile}: $.version: warning: "${menu.version}" is the version of other content (this content is "${fromContent}"); a kiosk refuses a changed menu under its old version: run with --stamp`);
  }
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  console.log(
    `ok: ${count(menu.categories.length, 'category').replace(/categorys$/, 'categories')}, ${count(menu.items.length, 'item')}, ${count(menu.meals.length, 'meal')}, version ${menu.version}` +
      (store ? ` (checked against store "${store.storeId}")` : ''),
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
