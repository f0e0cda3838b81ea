// Loads the store config and the menu from JSON files at host start, with the
// same checks as `npm run menu:check`. Bad input stops the host with every problem
// as `FILE: $.json.path: reason`, so an operator can fix the file without reading code.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseJsonText } from '../../common/menu/json-text';
import type { Menu, StoreConfig } from '../../common/menu/schema';
import { REPO_ROOT } from './paths';
import { checkMenuAgainstStore, validateMenu, validateStoreConfig, type ValidationError } from '../../common/menu/validate';
import { menuImageProblems } from './menu-images';

export { REPO_ROOT };
export const DEFAULT_STORE_PATH = resolve(REPO_ROOT, 'menu-config/sample/store.json');
export const DEFAULT_MENU_PATH = resolve(REPO_ROOT, 'menu-config/sample/menu.json');
/** The sample store's staff (demo PINs in README.md): for trying the kiosk, never for a real store. */
export const DEMO_USERS_PATH = resolve(REPO_ROOT, 'menu-config/sample/store-bus-users.json');

export interface ConfigProblem {
  file: string;
  /** A JSON path such as `$.items[3].price`, or `line 4, column 7` for text that is not JSON. */
  where?: string;
  reason: string;
}

export const formatProblem = (problem: ConfigProblem): string =>
  `${problem.file}: ${problem.where ? `${problem.where}: ` : ''}${problem.reason}`;

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`The kiosk configuration is not valid:\n${problems.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Read = { ok: true; value: unknown } | { ok: false; problem: ConfigProblem };

function readJson(file: string): Read {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read the file (${code ?? String(error)})`;
    return { ok: false, problem: { file, reason } };
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return { ok: false, problem: { file, where: `line ${parsed.line}, column ${parsed.column}`, reason: `not valid JSON: ${parsed.message}` } };
  return { ok: true, value: parsed.value };
}

const inFile = (file: string) => (error: ValidationError): ConfigProblem => ({ file, where: error.path, reason: error.message });

/**
 * Reads and checks both files; throws one ConfigError listing every problem in either.
 * `imageDir` is where the menu's images are served from (the menu file's folder by default):
 * an image path that resolves outside it, through a symlink too, is a problem.
 */
export function loadKioskConfig(storeConfigPath: string, menuPath: string, imageDir = dirname(menuPath)): { store: StoreConfig; menu: Menu } {
  const problems: ConfigProblem[] = [];
  let store: StoreConfig | undefined;
  let menu: Menu | undefined;

  const storeJson = readJson(storeConfigPath);
  if (!storeJson.ok) problems.push(storeJson.problem);
  else {
    const checked = validateStoreConfig(storeJson.value);
    if (checked.ok) store = checked.store;
    else problems.push(...checked.errors.map(inFile(storeConfigPath)));
  }

  const menuJson = readJson(menuPath);
  if (!menuJson.ok) problems.push(menuJson.problem);
  else {
    const checked = validateMenu(menuJson.value);
    if (checked.ok) menu = checked.menu;
    else problems.push(...checked.errors.map(inFile(menuPath)));
  }

  if (store && menu) problems.push(...checkMenuAgainstStore(menu, store).map(inFile(menuPath)));
  if (menu) problems.push(...menuImageProblems(menu, imageDir, { requireExisting: false }).map(inFile(menuPath)));
  if (problems.length > 0 || !store || !menu) throw new ConfigError(problems);
  return { store, menu };
}

/**
 * A packaged kiosk is a real store's: it refuses the sample store and the demo users (their PINs are
 * published) unless started with the demo flag. Each problem says how to configure a real store.
 */
export function demoConfigProblems(storeConfigPath: string, env: NodeJS.ProcessEnv): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const howTo = 'set COUNTERPART_STORE and COUNTERPART_MENU to your store\'s files (see README "Configuration"), or start with --demo to try the sample store';
  if (resolve(storeConfigPath) === DEFAULT_STORE_PATH) problems.push({ file: storeConfigPath, reason: `this is the sample store; ${howTo}` });
  const usersFile = env.COUNTERPART_STORE_BUS_USERS;
  if (usersFile && resolve(usersFile) === DEMO_USERS_PATH) {
    problems.push({ file: usersFile, reason: 'these are the demo staff users, whose PINs are published; give the store its own users file (COUNTERPART_STORE_BUS_USERS), or start with --demo' });
  }
  return problems;
}

/** The demo flag: `--demo` on the command line or COUNTERPART_DEMO=1. */
export const demoRequested = (argv: readonly string[], env: NodeJS.ProcessEnv): boolean => argv.includes('--demo') || env.COUNTERPART_DEMO === '1';
