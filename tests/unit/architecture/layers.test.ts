// The layers in eslint.config.js are allowed edges: each wrong import below once passed the
// old forbid-list; now ESLint refuses it with the boundaries rule, and the edges a layer
// needs still pass. Each probe is linted as if it were a new file in that folder.
import { ESLint } from 'eslint';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

const RULE = 'boundaries/dependencies';
let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: REPO_ROOT });
  await eslint.lintText('', { filePath: join(REPO_ROOT, 'common/probe.ts') }); // loads the config and plugins once
}, 60_000);

/** The boundaries messages for `source` linted as the file `path` (relative to the repository). */
async function layerErrors(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(REPO_ROOT, path) });
  return result!.messages.filter((message) => message.ruleId === RULE || message.fatal).map((message) => message.message);
}

const probe = (specifier: string) => `import * as probe from '${specifier}';\nexport { probe };\n`;

describe('layers: the five wrong imports of issue 9 are refused', () => {
  it.each([
    ['the kiosk renderer importing mqtt', 'renderer/ui/probe.tsx', 'mqtt'],
    ['hardware importing the host dispatcher', 'hardware/serial/probe.ts', '../../electron/host/dispatcher'],
    ['the host importing Electron main IPC', 'electron/host/probe.ts', '../main/ipc'],
    ['the order domain importing renderer state', 'common/order/probe.ts', '../../renderer/state/store'],
    ['the menu model importing the kiosk contract', 'common/menu/probe.ts', '../contract/index'],
  ])('%s', async (_name, path, specifier) => {
    expect(await layerErrors(path, probe(specifier))).toEqual([expect.stringMatching(/^There is no policy allowing/)]);
  });
});

describe('layers: more edges that are not on the list', () => {
  it.each([
    ['common code importing a Node built-in', 'common/menu/probe.ts', 'node:fs'],
    ['the renderer importing a Node built-in', 'renderer/state/probe.ts', 'node:path'],
    ['the renderer importing host code', 'renderer/api/probe.ts', '../../electron/host/kiosk-host'],
    ['the host importing electron', 'electron/host/probe.ts', 'electron'],
    ['the host importing React', 'electron/host/probe.ts', 'react'],
    ['the staff console importing the kiosk renderer', 'staff-console/probe.tsx', '../renderer/state/store'],
    ['the order status display importing the staff console', 'status-display/probe.tsx', '../staff-console/console-state'],
    ['the order status display importing Node', 'status-display/probe.tsx', 'node:fs'],
    ['the preload importing host code at run time (it runs without Node)', 'electron/preload/probe.ts', '../host/dispatcher'],
    ['common code importing test support', 'common/order/probe.ts', '../../tests/support/kiosk'],
    ['the back-office page importing the back-office server', 'back-office/web/probe.tsx', '../server/reports'],
  ])('%s', async (_name, path, specifier) => {
    expect(await layerErrors(path, probe(specifier))).toEqual([expect.stringMatching(/^There is no policy allowing/)]);
  });
});

it('re-exports and dynamic imports are edges too', async () => {
  const source = "export { connect } from 'mqtt';\nexport const load = () => import('node:fs');\n";
  expect(await layerErrors('renderer/ui/probe.ts', source)).toEqual([
    expect.stringMatching(/^There is no policy allowing/),
    expect.stringMatching(/^There is no policy allowing/),
  ]);
});

describe('layers: the edges each layer needs are allowed', () => {
  it.each([
    ['the renderer importing common code, React, Zustand and Dexie', 'renderer/ui/probe.tsx', ['../../common/menu/pricing', 'react', 'zustand', 'dexie']],
    ['the staff console importing mqtt and the store-bus messages', 'staff-console/probe.tsx', ['mqtt', '../common/store-bus/messages']],
    ['the order status display importing mqtt, React and the store-bus messages', 'status-display/probe.tsx', ['mqtt', 'react', '../common/store-bus/order-progress']],
    ['the contract importing the menu, the order and the store-bus messages', 'common/contract/probe.ts', ['../menu/schema', '../order/order', '../store-bus/messages', 'zod']],
    ['the order importing the menu and backoff', 'common/order/probe.ts', ['../menu/schema', '../backoff']],
    ['hardware importing common code, serialport and Node', 'hardware/serial/probe.ts', ['../../common/backoff', 'serialport', 'node:fs']],
    ['the host importing hardware, common code, mqtt and Node', 'electron/host/probe.ts', ['../../hardware/devices', '../../common/contract/index', 'mqtt', 'node:path']],
    ['Electron main importing electron and the host', 'electron/main/probe.ts', ['electron', '../host/kiosk-host']],
    ['the back-office page previewing the kiosk (its components on its store)', 'back-office/web/probe.tsx', ['../../renderer/ui/components/Stepper', '../../renderer/state/store', '../../common/menu/pricing']],
    ['the back-office server importing the host-free common code and Node', 'back-office/server/probe.ts', ['../../common/order/order', 'node:http']],
  ])('%s', async (_name, path, specifiers) => {
    for (const specifier of specifiers) expect(await layerErrors(path, probe(specifier)), specifier).toEqual([]);
  });

  it('hardware may import pino (its silent default logger)', async () => {
    expect(await layerErrors('hardware/printer/probe.ts', "import type { Logger } from 'pino';\nexport type Log = Logger;\n")).toEqual([]);
  });

  it('tests are not a layer: they may import anything', async () => {
    expect(await layerErrors('tests/unit/probe.test.ts', probe('../../electron/main/ipc'))).toEqual([]);
  });
});
