// Loads the store config and the menu from JSON files at host start. Bad input
// stops the host with a message naming the file, the JSON path and the reason,
// so an operator can fix the file without reading code.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { z } from 'zod';
import { menu, storeConfig, type Menu, type StoreConfig } from '../../menu-config/src/schema';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const DEFAULT_STORE_PATH = join(REPO_ROOT, 'menu-config/sample/store.json');
export const DEFAULT_MENU_PATH = join(REPO_ROOT, 'menu-config/sample/menu.json');

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file} is not valid:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `$.items[3].price` for the path ['items', 3, 'price']. */
export const jsonPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    '$',
  );

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [code === 'ENOENT' ? 'file not found' : `cannot read the file (${code ?? String(error)})`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${describeJsonError(text, error)}`]);
  }
}

// JSON.parse reports a character offset; people look for a line and column.
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}

function parseWith<S extends z.ZodType>(schema: S, file: string, data: unknown): z.output<S> {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => `${jsonPath(issue.path)}: ${issue.message}`),
    );
  }
  return parsed.data;
}

export function loadStoreConfig(file: string): StoreConfig {
  return parseWith(storeConfig, file, readJson(file));
}

export function loadMenu(file: string): Menu {
  return parseWith(menu, file, readJson(file));
}

/** Menu image paths ("images/fries.svg") are relative to the menu file; only images/ is served. */
export const menuImageDir = (menuPath: string): string => join(dirname(menuPath), 'images');
