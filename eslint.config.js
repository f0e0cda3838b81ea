// Layers are allowed edges, enforced here and proven by tests/unit/architecture/layers.test.ts.
// Each source folder is an element; each element lists what it may import (ours, npm packages,
// Node built-ins). Anything not listed is refused ("default: disallow"), so a new edge is a
// deliberate line in this file, not an accident. Tests, benchmarks and config files are unrestricted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import globals from 'globals';

// Elements: the first matching pattern names a file's element, so the specific come first.
// Paths are from the repository root (`partialMatch: false`).
const elements = [
  { type: 'common-menu', pattern: 'common/menu' },
  { type: 'common-order', pattern: 'common/order' },
  { type: 'common-store-bus', pattern: 'common/store-bus' },
  { type: 'common-contract', pattern: 'common/contract' },
  { type: 'common-i18n', pattern: 'common/i18n' },
  { type: 'common-accessibility', pattern: 'common/accessibility' },
  { type: 'common-util', pattern: 'common' }, // common/*.ts: backoff and other small pure helpers
  { type: 'hardware', pattern: 'hardware' },
  { type: 'host', pattern: 'electron/host' },
  { type: 'electron-main', pattern: 'electron/main' },
  { type: 'electron-preload', pattern: 'electron/preload' },
  { type: 'browser-shell', pattern: 'electron/browser-shell' },
  { type: 'node-script', pattern: 'electron/{launch,build}.ts', mode: 'full' },
  { type: 'renderer', pattern: 'renderer' },
  { type: 'staff-console', pattern: 'staff-console' },
  { type: 'status-display', pattern: 'status-display' },
  { type: 'back-office-server', pattern: 'back-office/server' },
  { type: 'back-office-web', pattern: 'back-office/web' },
  { type: 'back-office-shared', pattern: 'back-office/shared' },
  { type: 'menu-config-cli', pattern: 'menu-config/cli' },
].map((element) => (element.mode ? element : { ...element, partialMatch: false }));

const sourceFiles = [...new Set(elements.map(({ pattern }) => `${pattern.endsWith('.ts') ? pattern : `${pattern}/**`}`))];

// Shared code, in its inner order: the menu knows only small helpers (common/*.ts) and the accessibility block; the order document knows the
// menu; store-bus messages know both; the contract knows all three; i18n words all four (error codes included).
const commonOrder = {
  'common-util': [],
  // keypad table and the store config's accessibility block: part of the store config the menu module validates
  'common-accessibility': [],
  'common-menu': ['common-accessibility', 'common-util'],
  'common-order': ['common-menu', 'common-util'],
  'common-store-bus': ['common-menu', 'common-order', 'common-util'],
  'common-contract': ['common-menu', 'common-order', 'common-store-bus', 'common-util', 'common-accessibility'],
  'common-i18n': ['common-menu', 'common-order', 'common-store-bus', 'common-contract', 'common-util', 'common-accessibility'],
};
const common = Object.keys(commonOrder);
const pureLibraries = ['zod', 'jsonc-parser'];

const ours = (...types) => ({ element: { types: types.flat() } });
const packages = (...sources) => ({ module: { origin: 'external', source: sources.flat() } });
const nodeBuiltins = { module: { origin: 'core' } };
const allow = (from, ...to) => ({ from: { element: { type: from } }, allow: { to: to.flat() } });

const policies = [
  ...common.map((type) => allow(type, commonOrder[type].length ? [ours(commonOrder[type])] : [], packages(pureLibraries))),
  // hardware takes the host's logger as a parameter (pino), silent when none is given
  allow('hardware', ours(common), packages('serialport', '@serialport/*', 'node-thermal-printer', 'iconv-lite', 'pino'), nodeBuiltins),
  allow('host', ours(common, 'hardware'), packages(pureLibraries, 'mqtt', 'aedes', 'aedes-persistence', 'ws', 'pino'), nodeBuiltins),
  allow('electron-main', ours(common, 'host', 'back-office-server'), packages('electron'), nodeBuiltins),
  // The preload runs sandboxed, without Node: host code only as types, erased from the bundle.
  allow('electron-preload', ours(common), packages('electron')),
  { from: { element: { type: 'electron-preload' } }, allow: { to: ours('host'), dependency: { kind: 'type' } } },
  allow('browser-shell', ours(common, 'host', 'back-office-server'), packages(pureLibraries, 'ws', 'vite'), nodeBuiltins),
  // `npm start` builds the bundles and falls back to the browser shell where Electron is missing.
  allow('node-script', ours(common, 'host', 'browser-shell', 'node-script'), packages('esbuild'), nodeBuiltins),
  allow('renderer', ours(common), packages(pureLibraries, 'react', 'react-dom', 'zustand', 'dexie', '@tanstack/react-virtual')),
  allow('staff-console', ours(common), packages(pureLibraries, 'react', 'react-dom', 'mqtt')),
  // The order status display reads the store bus like the console, and nothing else.
  allow('status-display', ours(common), packages(pureLibraries, 'react', 'react-dom', 'mqtt')),
  // menu:check runs the host's own image-path check (symlinks resolved), so both refuse the same files
  allow('menu-config-cli', ours(common, 'host'), packages(pureLibraries), nodeBuiltins),
  // back-office/shared: pure like common/, used by its server and its page
  allow('back-office-shared', ours(common), packages(pureLibraries)),
  // The back office: a Node server and a browser page that previews the kiosk's own components.
  {
    from: { element: { type: 'back-office-server' } },
    // and the host's services it builds on (logger, sign-in guard, security headers, static files);
    // the host never imports it back: the app that starts the host hands it startEmbeddedBackOffice
    allow: { to: [ours(common, 'back-office-shared', 'host'), { module: { origin: 'external' } }, nodeBuiltins] },
    disallow: { to: packages('electron', 'react', 'react-dom', 'zustand', 'dexie', 'serialport', '@serialport/*') },
  },
  {
    from: { element: { type: 'back-office-web' } },
    allow: { to: [ours(common, 'back-office-shared', 'renderer'), { module: { origin: 'external' } }] },
    disallow: { to: packages('electron', 'serialport', '@serialport/*', 'node-thermal-printer', 'aedes', 'ws', 'pino', 'pg') },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', '.tmp/**', 'release/**', 'coverage/**', 'bench/out/**', 'menu-config/menu.schema.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'staff-console/**/*.{ts,tsx}', 'status-display/**/*.{ts,tsx}', 'back-office/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: sourceFiles,
    ignores: ['**/*.config.{ts,js,mjs}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/root-path': import.meta.dirname,
      'boundaries/legacy-warnings': false,
      'import/resolver': { typescript: { alwaysTryTypes: true }, node: true },
    },
    rules: {
      'boundaries/dependencies': ['error', {
        default: 'disallow',
        checkAllOrigins: true, // npm packages and Node built-ins are edges too
        checkUnknownLocals: true, // so is a file of ours outside every layer (tests/, sample data)
        policies,
      }],
    },
  },
);
