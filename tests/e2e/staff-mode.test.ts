// Staff mode at the kiosk, on the embedded store bus: staff reach sign-in by a long
// press on the corner and sign in on the PIN pad by touch, remove an item with a reason
// and change a quantity, hand the whole order to the counter (it reaches the store as a
// counter order and the kiosk resets for the next customer), comp a line (its quantity
// is then fixed), cancel an order (a manager, confirmed with a chosen reason); every
// action reaches the store bus as an event with who and when. Also the kiosk's offer of
// help after going back three times.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeTopics } from '../../common/store-bus/messages';
import { hashPassword } from '../../electron/host/store-bus/credentials';
import { FIXTURE_STORE, formatViolations, REPO_ROOT, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { connectWhenUp } from '../support/store-bus-client';
import { freePort } from '../integration/store-bus/support';

import { addAsIs, openCategory, openEntry, startOrder } from './ordering-steps';
import { longPressStaffCorner, signInByTouch } from './staff-steps';

/** The fixture menu with a second burger: identical lines merge, so two lines need two items. */
const TWO_BURGERS_MENU = join(REPO_ROOT, 'tests/support/fixtures/menu-two-burgers.json');
const STORE_ID = 'test-store';
const topics = storeTopics(STORE_ID);
const STAFF = { username: 'sam', pin: '4711' };
const MANAGER = { username: 'alex', pin: '7395' };

type Published = { topic: string; body: Record<string, unknown> };

describe('staff mode at the kiosk', () => {
  let kiosk: Kiosk;
  let dir: string;
  let bus: MqttClient;
  const published: Published[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'counterpart-staff-mode-'));
    const storePath = join(dir, 'store.json');
    writeFileSync(storePath, readFileSync(FIXTURE_STORE, 'utf8'));
    writeFileSync(
      join(dir, 'store-bus-users.json'),
      JSON.stringify([
        { username: STAFF.username, role: 'staff', store: STORE_ID, passwordHash: await hashPassword(STAFF.pin, { N: 1024, r: 8, p: 1 }) },
        { username: MANAGER.username, role: 'staff', manager: true, store: STORE_ID, passwordHash: await hashPassword(MANAGER.pin, { N: 1024, r: 8, p: 1 }) },
      ]),
    );
    const tcp = await freePort();
    kiosk = await startKiosk({ storeConfigPath: storePath, menuPath: TWO_BURGERS_MENU, env: { COUNTERPART_STORE_BUS_PORT: String(tcp), COUNTERPART_STORE_BUS_WS_PORT: '0' } });
    // A store-side subscriber (a POS or kitchen screen would do the same).
    bus = await connectWhenUp(`mqtt://127.0.0.1:${tcp}`, { username: STAFF.username, password: STAFF.pin, clientId: `${STAFF.username}/test-${randomUUID().slice(0, 8)}`, protocolVersion: 4 });
    bus.on('message', (topic, payload) => {
      if (payload.length > 0) published.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown> });
    });
    await new Promise<void>((resolve, reject) => bus.subscribe(topics.all, { qos: 1 }, (error) => (error ? reject(error) : resolve())));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (bus ? bus.end(true, {}, () => resolve()) : resolve()));
    await kiosk?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const staffActions = () =>
    published.filter((m) => m.topic.startsWith(`${topics.base}/event/kiosk-1/`) && m.body.type === 'staff_action').map((m) => m.body.detail as Record<string, unknown>);

  /** Staff sign in by touch alone: a long press on the top-left corner, then the name keys and the PIN pad. */
  async function openStaffMode(page: Page, who = STAFF): Promise<ReturnType<Page['getByRole']>> {
    await signInByTouch(await longPressStaffCorner(page), who.username, who.pin);
    const staffMode = page.getByRole('dialog', { name: new RegExp(`^Staff mode – ${who.username}`) });
    await staffMode.waitFor();
    return staffMode;
  }

  it('edits the cart with reasons and hands the whole order to the counter; the kiosk resets; the store hears all of it', async () => {
    const { page } = kiosk;
    await startOrder(page);
    // Two different burgers: identical lines merge into one (the cart shows "2 ×").
    await addAsIs(page, 'Burgers', 'Plain Burger');
    await addAsIs(page, 'Burgers', 'Cheese Burger');
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^2 items\b/ }).waitFor();

    const staffMode = await openStaffMode(page);
    expect(formatViolations(await runAxe(page))).toBe('');
    await staffMode.getByLabel('Reason for changes').selectOption('Wrong item');
    await staffMode.getByRole('button', { name: 'Remove Cheese Burger' }).click();
    await expect.poll(() => staffMode.getByRole('button', { name: 'Remove Cheese Burger' }).count()).toBe(0);
    await staffMode.getByRole('button', { name: 'One more Plain Burger' }).click();
    await staffMode.getByText(/^2 × Plain Burger/).waitFor();

    await staffMode.getByRole('button', { name: 'Hand the whole order to the counter' }).click();
    // The kiosk is ready for the next customer.
    await page.getByRole('button', { name: 'Start order' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);

    // The order reached the store as a counter order (through the outbox, on PUBACK).
    await expect.poll(() => published.find((m) => m.topic.startsWith(`${topics.base}/order/kiosk-1/`))?.body, { timeout: 30_000 }).toMatchObject({ paymentMethod: 'counter', lines: [expect.objectContaining({ title: expect.stringContaining('Plain Burger') })] });
    const order = published.find((m) => m.topic.startsWith(`${topics.base}/order/kiosk-1/`))!.body as { orderId: string; orderNumber: string; lines: { selection: { quantity: number } }[] };
    expect(order.lines.map((line) => line.selection.quantity)).toEqual([2]);

    // Every staff action, with who and when, is on the bus.
    await expect.poll(() => staffActions().map((action) => action.action), { timeout: 30_000 }).toEqual(['signed_in', 'item_removed', 'quantity_changed', 'order_handed_to_counter', 'signed_out']);
    for (const action of staffActions()) expect(action).toMatchObject({ staff: STAFF.username, at: expect.stringMatching(/^\d{4}-/) });
    expect(staffActions().find((action) => action.action === 'item_removed')).toMatchObject({ reason: 'Wrong item', title: expect.stringContaining('Cheese Burger') });
    expect(staffActions().find((action) => action.action === 'order_handed_to_counter')).toMatchObject({ orderNumber: order.orderNumber });
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('comps a line with a reason: cart and review show who and why and the lower total; the order on the bus carries the comp', async () => {
    const { page } = kiosk;
    const before = published.length;
    await startOrder(page);
    await addAsIs(page, 'Burgers', 'Plain Burger');
    await addAsIs(page, 'Burgers', 'Cheese Burger');
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^2 items €9\.00/ }).waitFor();

    const staffMode = await openStaffMode(page);
    await staffMode.getByLabel('Reason for a comp').selectOption('Long wait');
    const note = staffMode.getByLabel('Note for the comp (optional)');
    await note.fill('waited 20 minutes');
    // The kiosk's page selects no text, but what staff type stays theirs to select and correct.
    const noteBox = (await note.boundingBox())!;
    await note.dblclick({ position: { x: 16, y: noteBox.height / 2 } });
    expect(await note.evaluate((input: HTMLInputElement) => input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0))).toBe('waited');
    await staffMode.getByRole('button', { name: 'Comp Plain Burger' }).click();
    await staffMode.getByText('Comped by sam: Long wait – waited 20 minutes').waitFor();
    // One comp per line: the comped line offers no second one, and its quantity is fixed.
    expect(await staffMode.getByRole('button', { name: 'Comp Plain Burger' }).count()).toBe(0);
    expect(await staffMode.getByRole('button', { name: 'Comp Cheese Burger' }).count()).toBe(1);
    expect(await staffMode.getByRole('button', { name: 'One more Plain Burger' }).isDisabled()).toBe(true);
    expect(await staffMode.getByRole('button', { name: 'One more Cheese Burger' }).isEnabled()).toBe(true);
    await staffMode.getByText('Comped lines keep their quantity', { exact: false }).waitFor();
    expect(formatViolations(await runAxe(page))).toBe('');
    await staffMode.getByRole('button', { name: 'Exit staff mode' }).click();

    // The customer sees it in the cart (and cannot add more of the free line) and on the review.
    await page.getByRole('region', { name: 'Your order' }).filter({ hasText: /^2 items €4\.50/ }).getByRole('button', { name: 'Review & pay' }).click();
    const cart = page.getByRole('main');
    await cart.getByText('Comped by sam: Long wait – waited 20 minutes').waitFor();
    expect(await cart.getByRole('button', { name: /^Edit Plain Burger/ }).count()).toBe(0);
    expect(await cart.getByRole('button', { name: /^Edit Cheese Burger/ }).count()).toBe(1);
    const review = page.getByRole('table');
    const rows = await cart.locator('.cart-lines > li').allInnerTexts();
    expect(rows.map((row) => row.replace(/\s+/g, ' '))).toEqual([expect.stringMatching(/Plain Burger.*Comped by sam.*€0\.00/), expect.stringMatching(/Cheese Burger.*€4\.50/)]);
    expect((await review.locator('tr.total-row').innerText()).replace(/\s+/g, ' ')).toMatch(/€4\.50$/);
    // One tax row, on the charged burger only: 450 × 7/107 = 29.4 → €0.29.
    expect((await review.locator('tr.tax-row').allInnerTexts()).map((row) => row.replace(/\s+/g, ' '))).toEqual([expect.stringMatching(/VAT 7 %.*€4\.21.*€0\.29$/)]);
    expect(formatViolations(await runAxe(page))).toBe('');

    // Staff hand it to the counter: the order document on the bus carries the comp and the lower total.
    const again = await openStaffMode(page);
    await again.getByRole('button', { name: 'Hand the whole order to the counter' }).click();
    await page.getByRole('button', { name: 'Start order' }).waitFor();
    const orderMessage = () => published.slice(before).find((m) => m.topic.startsWith(`${topics.base}/order/kiosk-1/`))?.body;
    await expect.poll(orderMessage, { timeout: 30_000 }).toBeDefined();
    const order = orderMessage() as { total: number; taxes: { gross: number }[]; lines: { total: number; unitPrice: number; comp?: Record<string, unknown> }[] };
    expect(order.total).toBe(450);
    expect(order.taxes.map((tax) => tax.gross)).toEqual([450]);
    expect(order.lines[0]).toMatchObject({ unitPrice: 0, total: 0, comp: { by: STAFF.username, reason: 'long_wait', note: 'waited 20 minutes', waivedTotal: 450, at: expect.stringMatching(/^\d{4}-/) } });
    expect(order.lines[1]).toMatchObject({ total: 450 });
    expect(order.lines[1]!.comp).toBeUndefined();
    await expect
      .poll(() => staffActions().filter((action) => action.action === 'item_comped'), { timeout: 30_000 })
      .toEqual([expect.objectContaining({ staff: STAFF.username, reason: 'long_wait: waited 20 minutes', waivedTotal: 450, title: expect.stringContaining('Plain Burger') })]);
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('cancels an order only when a manager confirms it with a chosen reason, and exits to a fresh kiosk', async () => {
    const { page } = kiosk;
    await startOrder(page);
    await addAsIs(page, 'Burgers', 'Plain Burger');
    // No reason is chosen for staff.
    let staffMode = await openStaffMode(page);
    expect(await staffMode.getByLabel('Reason for changes').inputValue()).toBe('');
    expect(await staffMode.getByLabel('Reason for a comp').inputValue()).toBe('');

    // Staff who are not a manager are told, and cannot confirm.
    await staffMode.getByRole('button', { name: 'Cancel the order' }).tap();
    let confirm = page.getByRole('alertdialog', { name: 'Cancel this order?' });
    await confirm.getByText('a manager must sign in for this').waitFor();
    expect(await confirm.getByRole('button', { name: 'Yes, cancel the order' }).isDisabled()).toBe(true);
    await confirm.getByRole('button', { name: 'No, keep the order' }).tap();
    await staffMode.getByRole('button', { name: 'Exit staff mode' }).tap();
    await staffMode.waitFor({ state: 'detached' });

    // A manager: confirmation with no reason chosen; the reason they choose is logged.
    staffMode = await openStaffMode(page, MANAGER);
    await staffMode.getByRole('button', { name: 'Cancel the order' }).tap();
    confirm = page.getByRole('alertdialog', { name: 'Cancel this order?' });
    const yes = confirm.getByRole('button', { name: 'Yes, cancel the order' });
    for (const radio of await confirm.getByRole('radio').all()) expect(await radio.isChecked()).toBe(false);
    expect(await yes.isDisabled()).toBe(true);
    expect(formatViolations(await runAxe(page))).toBe('');
    await confirm.getByRole('radio', { name: 'Customer left' }).tap();
    await yes.tap();
    await page.getByRole('button', { name: 'Start order' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => staffActions().filter((action) => action.action === 'order_cancelled'), { timeout: 30_000 }).toEqual([expect.objectContaining({ staff: MANAGER.username, reason: 'customer_left' })]);
    expect(kiosk.pageErrors).toEqual([]);
  });

  it('offers help after going back three times without adding anything; the customer can say no thanks and keep ordering', async () => {
    const { page } = kiosk;
    await startOrder(page);
    await openCategory(page, 'Burgers');
    for (let round = 0; round < 3; round++) {
      await openEntry(page, 'Plain Burger');
      await page.getByRole('main').getByRole('button', { name: 'Cancel' }).click();
      await page.getByRole('navigation', { name: 'Categories' }).waitFor();
    }
    const offer = page.getByRole('region', { name: 'Offer of help' });
    await offer.getByText('Having trouble finding something?', { exact: false }).waitFor();
    // Not modal: the menu stays usable, focus is not taken.
    expect(await page.evaluate(() => document.activeElement?.closest('.help-offer'))).toBeNull();
    expect(formatViolations(await runAxe(page))).toBe('');
    await offer.getByRole('button', { name: 'No thanks' }).click();
    await expect.poll(() => offer.getByRole('button').count()).toBe(0);
    await addAsIs(page, 'Burgers', 'Plain Burger');
    await expect.poll(() => published.filter((m) => m.topic.includes('/event/') && m.body.type === 'help_offer_declined').length, { timeout: 30_000 }).toBe(1);
  });
});
