// Layers are enforced here, not by memory (VS Code style):
//   common  – pure TypeScript: menu model, pricing, contract, order domain. No UI, no I/O.
//   browser – the renderer: React, Zustand, Dexie. Never Node or Electron.
//   node    – host services, hardware, browser shell, CLIs. Never React or Electron.
//   electron-main / preload – the only places that may import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http', 'https',
  'net', 'os', 'path', 'process', 'readline', 'stream', 'timers', 'tls', 'url', 'util', 'worker_threads', 'zlib',
];
const noNode = [{ group: ['node:*', ...nodeBuiltins], message: 'This layer must not use Node APIs.' }];
// A regex, so that relative paths into our own electron/ folder are not mistaken for the package.
const noElectron = [{ regex: '^electron(/.*)?$', message: 'Only electron/main and electron/preload may import electron.' }];
const noUi = [{ group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'dexie'], message: 'This layer must not depend on UI or browser storage.' }];
const noDevicesOrNetwork = [{ group: ['serialport', '@serialport/*', 'node-thermal-printer', 'mqtt', 'aedes', 'ws'], message: 'This layer must not touch devices or the network.' }];
const noHostCode = [{ group: ['**/hardware/**', '**/electron/host/**', '**/electron/main/**', '**/electron/browser-shell/**', '**/menu-config/cli/**'], message: 'The renderer reaches the host only through the kiosk contract.' }];
const noRendererCode = [{ group: ['**/renderer/**'], message: 'Host-side code must not import renderer code.' }];

const restrict = (...groups) => ({ 'no-restricted-imports': ['error', { patterns: groups.flat() }] });

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'release/**', 'coverage/**', 'bench/out/**', 'menu-config/menu.schema.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // common: pure
  {
    files: ['common/**'],
    rules: restrict(noNode, noElectron, noUi, noDevicesOrNetwork, noHostCode, []),
  },
  {
    files: ['common/**'],
    rules: restrict(noNode, noElectron, noUi, noDevicesOrNetwork, noHostCode, noRendererCode),
  },
  // browser: the renderer
  {
    files: ['renderer/**/*.{ts,tsx}', 'staff-console/**/*.{ts,tsx}'],
    ignores: ['**/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(noNode, noElectron, noHostCode, [{ group: ['serialport', '@serialport/*', 'node-thermal-printer', 'aedes', 'ws'], message: 'The renderer must not touch devices.' }]),
    },
  },
  // node: host services, hardware, browser shell, CLIs
  {
    files: ['hardware/**', 'electron/host/**', 'electron/browser-shell/**', 'menu-config/cli/**'],
    rules: restrict(noElectron, noUi, noRendererCode),
  },
  // back office: its server is node, its page is browser (it may show the kiosk's own
  // renderer/ui components in its preview), and back-office/shared is pure like common/
  {
    files: ['back-office/server/**'],
    rules: restrict(noElectron, noUi, noRendererCode, [{ group: ['**/back-office/web/**'], message: 'The server must not import the page.' }]),
  },
  {
    files: ['back-office/shared/**'],
    rules: restrict(noNode, noElectron, noUi, noDevicesOrNetwork, noHostCode, noRendererCode, [{ group: ['**/back-office/server/**', '**/back-office/web/**'], message: 'back-office/shared is pure.' }]),
  },
  {
    files: ['back-office/web/**/*.{ts,tsx}'],
    ignores: ['**/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(noNode, noElectron, noHostCode, noDevicesOrNetwork, [{ group: ['**/back-office/server/**'], message: 'The page reaches the server only over its HTTP API.' }]),
    },
  },
  // electron-main and preload: may import electron, never the renderer
  {
    files: ['electron/main/**', 'electron/preload/**'],
    rules: restrict(noUi, noRendererCode),
  },
);
