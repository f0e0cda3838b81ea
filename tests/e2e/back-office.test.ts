// The back office as an operator uses it, with a kiosk (browser shell) on the same
// embedded broker: change a price, add an option, add an item with an image, publish;
// the kiosk shows it to the next customer, never mid-order; roll back; an invalid edit
// cannot be published and the error names the field; every page passes axe.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import type { Page } from 'playwright-core';
import { storeTopics } from '../../common/store-bus/messages';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, formatViolations, runAxe, startKiosk, type Kiosk } from '../support/kiosk';
import { addAsIs, openCategory, openGroup } from './ordering-steps';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('back office', () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-back-office-'));
  let kiosk: Kiosk;
  let office: Page;
  let officeUrl: string;

  beforeAll(async () => {
    // The sample store with its demo users (operator ops), its menu and images, in a folder of the test's own.
    cpSync(join(REPO_ROOT, 'menu-config/sample'), dir, { recursive: true });
    kiosk = await startKiosk({ storeConfigPath: join(dir, 'store.json'), menuPath: join(dir, 'menu.json') });
    officeUrl = await kiosk.host.printed(/Back office: (\S+)/);
    office = await kiosk.context.newPage();
    await office.setViewportSize({ width: 1600, height: 1100 });
  });
  afterAll(async () => {
    await kiosk?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const expectNoAxeViolations = async (page: Page) => {
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  };
  const kioskPage = () => kiosk.page;
  const entryButton = (name: string) => kioskPage().getByRole('main').getByRole('button', { name: new RegExp(`^${name} `) });
  const finishAtCounter = async () => {
    const page = kioskPage();
    await page.getByRole('button', { name: 'Review & pay' }).click();
    await page.getByRole('button', { name: 'Pay at the counter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thank you!' }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
  };
  const startCustomer = async () => {
    const page = kioskPage();
    await page.getByRole('button', { name: 'Start order' }).click();
    await page.getByRole('button', { name: 'Take away', exact: true }).click();
    await page.getByRole('navigation', { name: 'Categories' }).waitFor();
  };

  it('signs in as an operator (wrong password refused), and the sign-in page is accessible', async () => {
    await office.goto(officeUrl);
    await office.getByRole('heading', { name: 'Back office sign-in' }).waitFor();
    await expectNoAxeViolations(office);
    await office.getByLabel('Name').fill('ops');
    await office.getByLabel('Password').fill('wrong');
    await office.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => office.getByRole('alert').textContent()).toContain('wrong name or password');
    await office.getByLabel('Password').fill('demo-operator-2026');
    await office.getByRole('button', { name: 'Sign in' }).click();
    await office.getByRole('navigation', { name: 'Menu entries' }).waitFor();
    await expect.poll(() => office.getByText(/store bus connected/).count(), { timeout: 20_000 }).toBe(1);
  });

  it('publishes a changed price, a new option and a new item with an image; the kiosk shows them to the next customer only', async () => {
    // A customer is ordering on the old menu.
    await kioskPage().getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    await startCustomer();
    await addAsIs(kioskPage(), 'Burgers', 'Hamburger');

    const entries = office.getByRole('navigation', { name: 'Menu entries' });
    await entries.getByRole('region', { name: 'Items' }).getByRole('button', { name: 'Hamburger', exact: true }).click();
    const price = office.getByLabel('Price (EUR)');
    await price.fill('3.19');
    await expectNoAxeViolations(office);

    await entries.getByRole('region', { name: 'Option groups' }).getByRole('button', { name: 'Extras', exact: true }).first().click();
    await office.getByRole('button', { name: 'Add to options' }).click();
    await office.getByLabel('Option id').last().fill('pickled-onions');
    await office.getByLabel('Option name (en)').last().fill('Pickled onions');
    await office.getByLabel('Option name (de)').last().fill('Eingelegte Zwiebeln');
    await office.getByLabel('Option price (EUR)').last().fill('0.40');
    await office.getByLabel('Option diet').last().selectOption({ label: 'Vegan (and so vegetarian)' });

    await entries.getByRole('button', { name: 'New item' }).click();
    await office.getByLabel('Id', { exact: true }).fill('spicy-wrap');
    await office.getByLabel('Name (en)', { exact: true }).fill('Spicy Wrap');
    await office.getByLabel('Name (de)', { exact: true }).fill('Scharfer Wrap');
    await office.getByLabel('Price (EUR)').fill('6.49');
    await office.getByLabel('Diet', { exact: true }).selectOption({ label: 'Vegetarian' });
    await office.getByLabel(/^Image/).setInputFiles({ name: 'Spicy Wrap.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => office.getByText('images/spicy-wrap.png').count()).toBe(1);
    // In no category yet: a warning.
    await expect.poll(() => office.getByLabel('Warnings').textContent()).toContain('"Spicy Wrap" is in no category');
    await entries.getByRole('region', { name: 'Categories' }).getByRole('button', { name: 'Burgers', exact: true }).click();
    await office.getByLabel('Add to this category').selectOption({ label: 'Spicy Wrap' });
    await office.getByRole('button', { name: 'Add', exact: true }).click();
    // No warning left (a failure shows the ones there are).
    const warnings = office.getByLabel('Warnings');
    await expect.poll(async () => ((await warnings.count()) === 0 ? '' : await warnings.textContent())).toBe('');
    // The operator features it on the attract screen.
    await entries.getByRole('region', { name: 'Items' }).getByRole('button', { name: 'Spicy Wrap', exact: true }).click();
    await office.getByRole('checkbox', { name: 'Featured on the attract screen' }).check();

    await office.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => office.getByRole('status').filter({ hasText: 'Published version' }).textContent(), { timeout: 20_000 }).toMatch(
      /Published version \d{4}-\d{2}-\d{2}\.1: Hamburger: €2\.99 → €3\.19; new item Spicy Wrap; Extras: new option Pickled onions \(\+€0\.40\)/,
    );
    await expect.poll(() => kiosk.host.output(), { timeout: 20_000 }).toMatch(/menu: now serving version \d{4}-\d{2}-\d{2}\.1 from store bus/);

    // The customer who is ordering keeps the menu they started with.
    await openCategory(kioskPage(), 'Burgers');
    await expect.poll(() => entryButton('Hamburger').textContent()).toContain('€2.99');
    expect(await entryButton('Spicy Wrap').count()).toBe(0);
    await finishAtCounter();

    // The next customer gets the new menu, and the attract screen sells what the operator featured.
    await expect.poll(() => kioskPage().getByRole('region', { name: 'Our favourites' }).getByRole('listitem').allTextContents(), { timeout: 20_000 }).toEqual([
      'Big Burger Meal',
      'Veggie Burger',
      'Crispy Chicken Burger',
      'Chocolate Shake',
      'Spicy Wrap',
    ]);
    await startCustomer();
    await openCategory(kioskPage(), 'Burgers');
    await expect.poll(() => entryButton('Hamburger').textContent(), { timeout: 20_000 }).toContain('€3.19');
    await expect.poll(() => entryButton('Spicy Wrap').textContent()).toContain('€6.49');
    await entryButton('Hamburger').click();
    // The new option is in the Extras group, one row of the customiser: opened in place.
    await openGroup(kioskPage(), 'Extras');
    await kioskPage().getByText('Pickled onions').first().waitFor();
    await kioskPage().getByRole('button', { name: 'Add to order' }).click();
    await kioskPage().getByRole('navigation', { name: 'Categories' }).waitFor();
    await finishAtCounter();

    // The publish view: the kiosk runs the new version.
    await office.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Publish and kiosks' }).click();
    await expect.poll(() => office.getByText(/Kiosks running \S+: 1 of 1 online/).count(), { timeout: 20_000 }).toBe(1);
    await expectNoAxeViolations(office);
  });

  it('rolls back to the menu before, and the kiosk shows it to the next customer', async () => {
    await office.getByRole('button', { name: /^Roll back to 2026-11-25\.1$/ }).click();
    await expect.poll(() => office.getByRole('status').filter({ hasText: 'is published again' }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => kiosk.host.output(), { timeout: 20_000 }).toMatch(/menu: now serving version 2026-11-25\.1 from store bus/);
    const page = kioskPage();
    await startCustomer();
    await openCategory(page, 'Burgers');
    await expect.poll(() => entryButton('Hamburger').textContent(), { timeout: 20_000 }).toContain('€2.99');
    expect(await entryButton('Spicy Wrap').count()).toBe(0);
    // The editor starts from the menu published now: the next publish cannot bring back what was rolled back.
    await office.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Menu' }).click();
    const entries = office.getByRole('navigation', { name: 'Menu entries' });
    await entries.getByRole('region', { name: 'Items' }).getByRole('button', { name: 'Hamburger', exact: true }).click();
    expect(await office.getByLabel('Price (EUR)').inputValue()).toBe('2.99');
    expect(await entries.getByRole('button', { name: 'Spicy Wrap' }).count()).toBe(0);
  });

  it('cannot publish an invalid edit, and says which field is wrong', async () => {
    await office.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Menu' }).click();
    const entries = office.getByRole('navigation', { name: 'Menu entries' });
    await entries.getByRole('region', { name: 'Items' }).getByRole('button', { name: 'Hamburger', exact: true }).click();
    const before = await office.getByLabel('Price (EUR)').inputValue();
    await office.getByLabel('Price (EUR)').fill('-1');
    await expect.poll(() => office.getByLabel('Price (EUR)').getAttribute('aria-invalid')).toBe('true');
    await office.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect.poll(() => office.getByRole('alert').textContent()).toContain('Item “Hamburger” › price: must not be negative');
    await office.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => office.getByLabel('Price (EUR)').inputValue()).toBe(before);
  });

  it("shows sold out and reports, accessibly; an operator's change keeps what staff marked on the console", async () => {
    // Staff marked an extra sold out on the console (the retained availability message).
    const brokerUrl = /store bus: connected to (mqtt:\S+)/.exec(kiosk.host.output())?.[1];
    expect(brokerUrl, kiosk.host.output()).toBeDefined();
    const staff = await connectAsync(brokerUrl!, { username: 'sam', password: '4821', clientId: 'sam/console-test', reconnectPeriod: 0 });
    const availabilityTopic = storeTopics('berlin-mitte').availability;
    const byStaff = { soldOut: [], soldOutOptions: ['extra-cheese'], soldOutCategories: ['desserts'], by: { role: 'staff', name: 'sam' }, at: new Date().toISOString() };
    await staff.publishAsync(availabilityTopic, JSON.stringify(byStaff), { qos: 1, retain: true });

    const sections = office.getByRole('navigation', { name: 'Sections' });
    await sections.getByRole('button', { name: 'Sold out' }).click();
    // Sold out in the menu itself (the sample's brownie): shown so, and not a checkbox the bus could undo.
    const brownie = office.getByRole('checkbox', { name: 'Walnut Brownie sold out', exact: true });
    expect([await brownie.isChecked(), await brownie.isDisabled()]).toEqual([true, true]);
    await office.getByRole('row', { name: /Walnut Brownie/ }).getByText('In the menu (edit the item to change it)').waitFor();
    await office.getByRole('checkbox', { name: 'Cheeseburger sold out', exact: true }).click();
    await expect.poll(() => office.getByRole('checkbox', { name: 'Cheeseburger sold out', exact: true }).isChecked(), { timeout: 10_000 }).toBe(true);
    const retained = await new Promise<Record<string, unknown>>((resolve) => {
      staff.on('message', (topic, payload) => {
        const message = JSON.parse(payload.toString()) as Record<string, unknown>;
        if (topic === availabilityTopic && (message.soldOut as string[]).includes('cheeseburger')) resolve(message);
      });
      void staff.subscribeAsync(availabilityTopic, { qos: 1 });
    });
    expect(retained).toMatchObject({ soldOut: ['cheeseburger'], soldOutOptions: ['extra-cheese'], soldOutCategories: ['desserts'], by: { role: 'operator' } });
    await staff.endAsync();
    await expect.poll(() => office.getByRole('checkbox', { name: 'Keep Cheeseburger sold out after closing', exact: true }).isEnabled()).toBe(true);
    await expectNoAxeViolations(office);
    await sections.getByRole('button', { name: 'Reports' }).click();
    await office.getByRole('heading', { name: 'Orders and revenue' }).waitFor();
    // The two orders paid at the counter reached the back office over the bus.
    await expect.poll(() => office.getByText(/^\d+ orders, \d+ paid/).textContent(), { timeout: 20_000 }).toMatch(/^2 orders/);
    await expectNoAxeViolations(office);
  });
});
