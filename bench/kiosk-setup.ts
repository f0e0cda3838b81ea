// The menus the UI suites run on: the sample menu as shipped, and the generated
// large menu written with a store config and its image next to it, as an operator would.
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../tests/support/kiosk';
import type { Menu } from '../common/menu/schema';
import { generateLargeMenu } from './large-menu';

export const SAMPLE_STORE = join(REPO_ROOT, 'menu-config/sample/store.json');
export const SAMPLE_MENU = join(REPO_ROOT, 'menu-config/sample/menu.json');

/**
 * Every kiosk the bench starts runs its embedded store bus broker, on ports of its own: the
 * kiosk as deployed (its outbox delivering in the background), never clashing with another on 1883.
 */
export const BENCH_HOST_ENV = { COUNTERPART_STORE_BUS_PORT: '0', COUNTERPART_STORE_BUS_WS_PORT: '0' };

export interface MenuFiles {
  menuPath: string;
  storeConfigPath: string;
  remove(): void;
}

/** The large menu (1,000 items × 10 option groups, or the one given) in a temp folder, with the sample store config, its brand files and one image. */
export function writeLargeMenu(menu: Menu = generateLargeMenu()): MenuFiles {
  const folder = mkdtempSync(join(tmpdir(), 'counterpart-bench-menu-'));
  mkdirSync(join(folder, 'images'));
  // Every generated item and category shows images/burgers.svg.
  copyFileSync(join(REPO_ROOT, 'menu-config/sample/images/burger.svg'), join(folder, 'images/burgers.svg'));
  writeFileSync(join(folder, 'menu.json'), JSON.stringify(menu));
  copyFileSync(SAMPLE_STORE, join(folder, 'store.json'));
  // The store's theme (logo, fonts) is read next to its config, as an operator's folder has it.
  cpSync(join(dirname(SAMPLE_STORE), 'brand'), join(folder, 'brand'), { recursive: true });
  return { menuPath: join(folder, 'menu.json'), storeConfigPath: join(folder, 'store.json'), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The customer's controls, found by role and accessible name as a screen reader would. */
export const controls = (page: Page) => ({
  startOrder: () => page.getByRole('button', { name: 'Start order' }),
  serviceMode: (name: 'Eat in' | 'Take away') => page.getByRole('button', { name, exact: true }),
  categories: () => page.getByRole('navigation', { name: 'Categories' }),
  category: (name: string) => page.getByRole('navigation', { name: 'Categories' }).getByRole('button', { name, exact: true }),
  categoryHeading: (name: string) => page.getByRole('heading', { level: 2, name, exact: true }),
  /** A menu card; its button is named "<name> <price> <kcal>". */
  entry: (name: string) => page.getByRole('main').getByRole('button', { name: new RegExp(`^${escapeRegExp(name)} (from )?€`) }),
  customizerHeading: (name: string) => page.getByRole('heading', { level: 1, name: new RegExp(`${escapeRegExp(name)}$`) }),
  /** A customiser group's row, a disclosure named "<group>: <current choice>"; its choices show below it once opened. */
  group: (name: string) => page.getByRole('main').getByRole('button', { name: new RegExp(`^${escapeRegExp(name)}:`), expanded: false }),
  addToOrder: () => page.getByRole('button', { name: 'Add to order' }),
  /** A card's own "Add" for an item that needs no choice; named "Add <name> (<size>), <price>". */
  quickAdd: (name: string) => page.getByRole('main').getByRole('button', { name: new RegExp(`^Add ${escapeRegExp(name)}( \\(|, )`) }),
  /** The order bar's main action: to the one review screen before payment. */
  reviewAndPay: () => page.getByRole('button', { name: 'Review & pay' }),
  cartHeading: () => page.getByRole('heading', { level: 1, name: 'Your order' }),
  addMore: () => page.getByRole('button', { name: 'Add more' }),
  payAtCounter: () => page.getByRole('button', { name: 'Pay at the counter' }),
  payByCard: () => page.getByRole('button', { name: /card/i }),
  thankYou: () => page.getByRole('heading', { level: 1, name: 'Thank you!' }),
  done: () => page.getByRole('button', { name: 'Done' }),
  attractHeading: () => page.getByRole('heading', { level: 1, name: 'Order here' }),
});

/** One item the latency suite orders: its category, its card, the group to open (closed on arrival) and a single choice in it to change (the start of its label). */
export interface OrderTarget {
  category: string;
  entry: string;
  group: string;
  option: string;
}

export const SAMPLE_TARGETS: OrderTarget[] = [
  { category: 'Drinks', entry: 'Cola', group: 'Ice', option: 'No ice' },
  { category: 'Desserts', entry: 'Sundae', group: 'Toppings', option: 'Sprinkles' },
];

export const LARGE_TARGETS: OrderTarget[] = [
  { category: 'Category 1', entry: 'Item 1', group: 'Choice 5', option: 'Option 2' },
  { category: 'Category 20', entry: 'Item 951', group: 'Choice 3', option: 'Option 4' },
];
