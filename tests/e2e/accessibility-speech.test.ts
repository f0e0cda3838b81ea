// A blind customer at the kiosk, with a navigation keypad and headphones: nothing is said until
// they press the keypad's help key; then, with keypad keys only, they order a customised meal,
// call staff (who acknowledge on the store bus), pay on the card terminal (simulated on a real
// serial line), and hear every step. What is heard is what the host's speech service was asked
// to say (its speech_said log events), checked at each step.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFor } from '../../common/i18n';
import { describeLine } from '../../common/menu/describe';
import { defaultSelection, priceLine } from '../../common/menu/pricing';
import { menu as menuSchema } from '../../common/menu/schema';
import type { MealLineSelection } from '../../common/menu/selection';
import { storeTopics, type HandoffMessage } from '../../common/store-bus/messages';
import { startSimulatedDevices, type SimulatedDevices } from '../../hardware/simulators';
import { freePort } from '../integration/store-bus/support';
import { REPO_ROOT, startKiosk, type Kiosk, writeStoreConfigWithDevices } from '../support/kiosk';
import { heard, moveTo, press, spoken } from './accessibility-support';
import { readKioskStore } from './ordering-steps';

const SAMPLE_USERS = join(REPO_ROOT, 'menu-config/sample/store-bus-users.json');
const topics = storeTopics('berlin-mitte');
const sampleMenu = menuSchema.parse(JSON.parse(readFileSync(join(REPO_ROOT, 'menu-config/sample/menu.json'), 'utf8')));
/** An amount as speech mode says it in English ("8 euros 49"). */
const euros = (minor: number) => catalogFor('en').accessibility.speech.money(Math.floor(minor / 100), minor % 100);
const kcal = (value: number) => `${value.toLocaleString('en')} kilocalories`;

// The meal as it comes, and as the customer makes it: a vanilla shake, extra jalapeños on the burger.
const plainMeal = defaultSelection(sampleMenu, { kind: 'meal', mealId: 'veggie-burger-meal' }) as MealLineSelection;
const customMeal: MealLineSelection = {
  ...plainMeal,
  slots: {
    ...plainMeal.slots,
    main: { ...plainMeal.slots.main!, options: { 'chicken-extras': { jalapenos: 1 } } },
    drink: { itemId: 'vanilla-shake', removedIngredientIds: [], options: {} },
  },
};
const plain = priceLine(sampleMenu, plainMeal);
const custom = priceLine(sampleMenu, customMeal);
const title = describeLine(sampleMenu, customMeal, 'en').title; // "Veggie Burger Meal (Medium)"

let devices: SimulatedDevices;
let kiosk: Kiosk;
let directory: string;
let staff: MqttClient;
let brokerPort: number;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'counterpart-a11y-speech-'));
  devices = await startSimulatedDevices({ directory });
  // The customer takes a moment at each terminal prompt, so each is heard on its own.
  devices.terminal.behave({ cardDelayMs: 1500, pinDelayMs: 1500 });
  const storeConfigPath = writeStoreConfigWithDevices(directory, devices);
  brokerPort = await freePort();
  kiosk = await startKiosk({
    storeConfigPath,
    env: { COUNTERPART_LOG_LEVEL: 'debug', COUNTERPART_STORE_BUS_PORT: String(brokerPort), COUNTERPART_STORE_BUS_USERS: SAMPLE_USERS },
  });
});

afterAll(async () => {
  staff?.end(true);
  await kiosk?.close();
  await devices?.stop();
  rmSync(directory, { recursive: true, force: true });
});

/** Staff sam (demo PIN) on the kiosk's embedded broker, acknowledging help requests. */
async function staffAcknowledging(): Promise<MqttClient> {
  // The broker ties a client id to its user: "sam/…".
  const client = connect(`mqtt://127.0.0.1:${brokerPort}`, { username: 'sam', password: '4821', clientId: 'sam/accessibility-e2e', reconnectPeriod: 0 });
  await new Promise<void>((resolve, reject) => {
    client.once('connect', () => resolve());
    client.once('error', reject);
  });
  client.on('message', (topic, payload) => {
    if (payload.length === 0) return;
    const handoff = JSON.parse(payload.toString()) as HandoffMessage;
    if (handoff.state !== 'open') return;
    const acknowledged = { ...handoff, state: 'acknowledged', acknowledgedBy: { role: 'staff', name: 'sam' }, acknowledgedAt: new Date().toISOString() };
    client.publish(topic, JSON.stringify(acknowledged), { qos: 1, retain: true });
  });
  await new Promise<void>((resolve, reject) => client.subscribe(topics.handoffFilter('kiosk-1'), { qos: 1 }, (error) => (error ? reject(error) : resolve())));
  return client;
}

describe('speech and keypad', () => {
  // Many keys, each waiting for what is said: generous on a busy machine (never a measure of speed).
  it('says nothing until the help key; then a customised meal, a call for staff and a card payment by keypad alone, heard at every step', { timeout: 400_000 }, async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();
    // Privacy: a customer who did not ask for speech hears nothing, even when they use the keys.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(spoken(kiosk)).toEqual([]);

    // The keypad's help key starts speech mode, which speaks at once.
    const welcome = await press(kiosk, 'F2');
    expect(welcome).toMatch(/^Speech is on\. Welcome to Counterpart Burger Berlin\. Press select to start your order\. Up and down move/);
    expect(await page.getByRole('button', { name: 'Start order' }).count()).toBe(1); // the help key did not start an order itself

    // Start (the keys moved focus into the header: down to "Start order"), eat in.
    expect(await moveTo(kiosk, /^Start order/)).toBe('Start order. button.');
    expect(await press(kiosk, 'Enter', /Where will you eat/)).toBe('Where will you eat today?');
    expect(await moveTo(kiosk, /^Eat in/)).toBe('Eat in. button.');
    expect(await press(kiosk, 'Enter', /^Menu/)).toBe('Menu. Meals: 6 choices.');

    // Browse: down to the categories, right to the food; each meal with its price, calories and allergens.
    expect(await press(kiosk, 'ArrowDown')).toBe('Meals. button. current.');
    expect(await press(kiosk, 'ArrowRight')).toMatch(/^Classic Burger Meal, from \d+ euros \d+, [\d,]+ kilocalories\. Contains: Gluten, Eggs, Mustard, Sesame\. button\.$/);
    expect(await moveTo(kiosk, /^Veggie Burger Meal/)).toBe(`Veggie Burger Meal, from ${euros(plain.total)}, ${kcal(plain.calories)}. Contains: Gluten, Soy, Celery, Mustard, Sesame. button.`);

    // Customise: the screen says the meal, its price, calories and allergens.
    expect(await press(kiosk, 'Enter', /^Veggie Burger Meal\. /)).toBe(`Veggie Burger Meal. ${euros(plain.total)}. ${kcal(plain.calories)}. Contains Gluten, Soy, Celery, Mustard and Sesame.`);
    // Every group is a row saying its choice; the burger's options are open, the drink's are one select away.
    expect(await moveTo(kiosk, /^Drink:/)).toMatch(/^Drink: Cola \(Medium[^)]*\)\. button\. closed\.$/);
    expect(await press(kiosk, 'Enter', /^Drink:/)).toMatch(/^Drink: Cola \(Medium[^)]*\)\. button\. open\.$/);
    // A drink that is not the default: a vanilla shake (its allergen is said with it).
    const shake = await moveTo(kiosk, /^Vanilla Shake/);
    expect(shake).toMatch(/^Vanilla Shake, plus 1 euro, [\d,]+ kilocalories, Contains: Milk\. choice\. not selected\. \d+ of \d+\.$/);
    // Chosen: the new price and calories, then the choice again with its new state.
    expect(await press(kiosk, 'Enter', /Vanilla Shake/)).toMatch(/^\d+ euros \d+, [\d,]+ kilocalories\. Vanilla Shake, .*choice\. selected\. \d+ of \d+\.$/);
    // Back up to the burger's row (its options closed when the drink's opened), open it again.
    expect(await moveTo(kiosk, /^Main:/, 'ArrowUp')).toBe('Main: Veggie Burger. button. closed.');
    await press(kiosk, 'Enter', /^Main:/);
    // Extra jalapeños on the burger: the option, its price, its state, then the new total.
    const jalapenos = await moveTo(kiosk, /^Jalapeños/);
    expect(jalapenos).toBe('Jalapeños, plus 50 cents, 5 kilocalories. checkbox. not selected.');
    expect(await press(kiosk, 'Enter', /euros/)).toBe(`${euros(custom.total)}, ${kcal(custom.calories)}. Jalapeños, plus 50 cents, 5 kilocalories. checkbox. selected.`);
    await moveTo(kiosk, /^Add to order/);
    const added = await press(kiosk, 'Enter', /added to your order/);
    expect(added).toBe(`${title} added to your order. Menu. Meals: 6 choices.`);

    // Call staff: up to the first button of the screen; the dialog, a reason, the progress as staff answer.
    staff = await staffAcknowledging();
    expect(await moveTo(kiosk, /^Call staff/, 'ArrowUp')).toBe('Call staff. button.');
    // The reasons are buttons tapped on or off; "Call staff now" sends the one chosen.
    expect(await press(kiosk, 'Enter', /How can we help/)).toMatch(/^How can we help\? Help with my order\. button\. off\.$/);
    await moveTo(kiosk, /^Accessibility assistance/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: 'Accessibility assistance' }).getAttribute('aria-pressed')).toBe('true');
    await moveTo(kiosk, /^Call staff now/);
    const sent = await press(kiosk, 'Enter', /Help is on the way|Calling/);
    expect(sent).toMatch(/Calling a team member|Help is on the way/);
    expect(await heard(kiosk, 0, /sam is on the way to you\./)).toBeTruthy();
    // Back closes the dialog; focus returns to Call staff, and the banner keeps saying who is coming.
    expect(await press(kiosk, 'Escape', /Call staff/)).toBe('sam is on the way to you. Call staff. button.');

    // The order and its total, by the order bar's "Review & pay".
    expect(await moveTo(kiosk, /^Review & pay/)).toBe('Review & pay. button.');
    const cart = await press(kiosk, 'Enter', /^Your order/);
    expect(cart).toBe(`Your order: 1 item, total ${euros(custom.total)}. 1 times ${title}, ${euros(custom.total)}.`);

    // Pay by card, from the review: the terminal's prompts are said as they come; a PIN never is.
    const mark = spoken(kiosk).length;
    await moveTo(kiosk, /^Pay by card/);
    await page.keyboard.press('Enter');
    await heard(kiosk, mark, /Insert or tap your card/, 60_000);
    await heard(kiosk, mark, /Enter your PIN/, 60_000);
    const thanks = await heard(kiosk, mark, /^Thank you\. Your order number is/, 90_000);
    const orders = await readKioskStore<{ orderNumber: string; paymentMethod: string }>(page, 'orders');
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ paymentMethod: 'card' });
    expect(thanks).toContain(`Your order number is ${orders[0]!.orderNumber.split('').join(' ')}.`);
    expect(devices.terminal.charges().map((charge) => charge.amountMinor)).toEqual([custom.total]);
    for (const text of spoken(kiosk).slice(mark)) expect(text).not.toMatch(/\b\d{4,6}\b(?! kilocalories)/);
  });
});
