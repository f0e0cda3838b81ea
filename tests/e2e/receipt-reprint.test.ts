// A receipt cut short by the end of the paper, end to end: the host prints on a real serial port
// (socat pty pair, the printer simulator on the far end). The paper ends mid-receipt, the customer
// is told why (out of paper, not "not working"), the paper is refilled, staff sign in and print the
// ticket again – and the decoded bytes show the whole receipt, marked as a reprint, once.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../electron/host/store-bus/credentials';
import { startSimulatedDevices, type SimulatedDevices } from '../../hardware/simulators';
import { REPO_ROOT, startKiosk, type Kiosk, writeStoreConfigWithDevices } from '../support/kiosk';
import { addAsIs, startOrder } from './ordering-steps';
import { longPressStaffCorner, signInByTouch } from './staff-steps';

const STAFF = { username: 'sam', pin: '4711' };

let devices: SimulatedDevices;
let kiosk: Kiosk;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'counterpart-reprint-e2e-'));
  devices = await startSimulatedDevices({ directory });
  const storeConfigPath = writeStoreConfigWithDevices(directory, devices);
  const storeId = (JSON.parse(readFileSync(storeConfigPath, 'utf8')) as { storeId: string }).storeId;
  writeFileSync(join(directory, 'store-bus-users.json'), JSON.stringify([{ username: STAFF.username, role: 'staff', store: storeId, passwordHash: await hashPassword(STAFF.pin, { N: 1024, r: 8, p: 1 }) }]));
  kiosk = await startKiosk({ storeConfigPath, menuPath: join(REPO_ROOT, 'menu-config/sample/menu.json') });
});

afterAll(async () => {
  await kiosk?.close();
  await devices?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('receipt reprint after the paper ran out', () => {
  it('paper ends mid-receipt, the customer is told why, paper refilled, staff reprint: the whole receipt, marked, once', async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await startOrder(page, 'Eat in');
    await addAsIs(page, 'Desserts', 'Apple Pie');
    await addAsIs(page, 'Drinks', 'Orange Juice 0.25 l');
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^2 items\b/ }).getByRole('button', { name: 'Review & pay' }).click();

    // The roll ends a dozen lines into the receipt.
    devices.printer.runOutOfPaperAfter(12);
    await page.getByRole('button', { name: 'Pay by card' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor({ timeout: 60_000 });
    const orderNumber = ((await page.getByRole('region', { name: 'Your order number' }).locator('.order-number').textContent()) ?? '').trim();
    await expect.poll(() => devices.printer.documents().length, { timeout: 30_000 }).toBe(1);
    const cut = devices.printer.documents()[0]!;
    expect(cut.complete).toBe(false);
    expect(devices.terminal.charges()).toHaveLength(1);

    // The offer of help names the cause.
    const offer = page.getByRole('region', { name: 'Offer of help' });
    await offer.getByText('The receipt printer is out of paper. A team member can help you finish.').waitFor({ timeout: 30_000 });

    devices.printer.refill();
    // Nothing of the cut receipt comes out by itself after the refill.
    expect(devices.printer.documents()).toHaveLength(1);

    await offer.getByRole('button', { name: 'Call staff' }).click();
    await page.getByRole('dialog', { name: 'How can we help?' }).getByText('Help is on the way', { exact: false }).waitFor({ timeout: 30_000 });
    // Staff at the kiosk: a long press on the corner, then the PIN pad.
    await signInByTouch(await longPressStaffCorner(page), STAFF.username, STAFF.pin);
    const staffMode = page.getByRole('dialog', { name: `Staff mode – ${STAFF.username}` });
    await staffMode.getByRole('button', { name: 'Print the ticket again' }).click();

    await expect.poll(() => devices.printer.documents().length, { timeout: 30_000 }).toBe(2);
    const reprint = devices.printer.documents()[1]!;
    expect(reprint).toMatchObject({ complete: true, continuation: false });
    // Marked at the top and the bottom; between them the whole receipt, from its first line on.
    expect(reprint.text[0]).toBe('*** REPRINT ***');
    expect(reprint.text.filter((line) => line === '*** REPRINT ***')).toHaveLength(2);
    const body = reprint.text.slice(1);
    expect(body.slice(0, cut.text.length)).toEqual(cut.text);
    expect(body).toContain(orderNumber);
    expect(body.join('\n')).toMatch(/TOTAL\s+4,78 €/);
    expect(body).toContain('Thank you!');
    expect(body).toContain('Zahlung erfolgt / Approved');
    expect(reprint.qrCodes).toHaveLength(1);
    // Once: the reprint is the only complete receipt, and the card was charged once.
    expect(devices.printer.documents().filter((document) => document.complete)).toHaveLength(1);
    expect(devices.terminal.charges()).toHaveLength(1);
  });
});
