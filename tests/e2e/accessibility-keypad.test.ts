// The keypad as an operator configured it (store config accessibility.keypad): speech starts
// when headphones go into the keypad's socket, and stops when they come out. With keys alone a
// customer switches to German, hears the menu in German, is asked (aloud, and with more time)
// whether they need more time, tries the staff sign-in (the PIN is never said), and pays at the
// counter. The allergen filter, like every mode, ends with the session.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, startKiosk, type Kiosk } from '../support/kiosk';
import { heard, moveTo, press, spoken } from './accessibility-support';
import { readKioskStore } from './ordering-steps';

let kiosk: Kiosk;
let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'counterpart-a11y-keypad-'));
  const sample = JSON.parse(readFileSync(join(REPO_ROOT, 'menu-config/sample/store.json'), 'utf8')) as Record<string, unknown>;
  const storeConfigPath = join(directory, 'store.json');
  // The sample's theme files (logo, fonts) sit beside its store.json: the copy takes them along.
  cpSync(join(REPO_ROOT, 'menu-config/sample/brand'), join(directory, 'brand'), { recursive: true });
  writeFileSync(
    storeConfigPath,
    JSON.stringify({
      ...sample,
      // Speech mode triples these: the prompt after 15 s, the reset 30 s after it.
      inactivity: { promptAfterSeconds: 5, resetAfterSeconds: 10 },
      accessibility: { ...(sample.accessibility as object), keypad: { help: ['F6'], headphonesIn: ['F9'], headphonesOut: ['F10'] } },
    }),
  );
  kiosk = await startKiosk({ storeConfigPath, menuPath: join(REPO_ROOT, 'menu-config/sample/menu.json'), env: { COUNTERPART_LOG_LEVEL: 'debug' } });
});

afterAll(async () => {
  await kiosk?.close();
  rmSync(directory, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('keypad as configured by the operator', () => {
  it('headphones start speech; German by keypad; a spoken, longer inactivity prompt; no PIN said; pay at the counter; headphones out stops it', { timeout: 400_000 }, async () => {
    const { page } = kiosk;
    await page.getByRole('heading', { level: 1, name: 'Order here' }).waitFor();

    // F2 is no longer the help key on this kiosk (F6 is): like any key on the attract screen it
    // starts an order, silently.
    await page.keyboard.press('F2');
    await page.getByRole('heading', { level: 1, name: 'Where will you eat today?' }).waitFor();
    await pause(500);
    expect(spoken(kiosk)).toEqual([]);

    // Headphones into the keypad's socket: speech starts at once, where the customer is.
    expect(await press(kiosk, 'F9')).toMatch(/^Speech is on\. Where will you eat today\? Up and down move/);

    // German, by keypad: the language buttons are in the header.
    expect(await moveTo(kiosk, /^Deutsch/)).toBe('Deutsch. button. off.');
    expect(await press(kiosk, 'Enter', /Wo möchten Sie/)).toBe('Wo möchten Sie heute essen? Deutsch. Schaltfläche. an.');
    await moveTo(kiosk, /^Mitnehmen/);
    expect(await press(kiosk, 'Enter', /^Speisekarte/)).toBe('Speisekarte. Menüs: 6 Angebote.');

    // Desserts → an apple pie, added as it comes.
    await press(kiosk, 'ArrowDown', /Menüs/);
    await moveTo(kiosk, /^Desserts/);
    expect(await press(kiosk, 'Enter', /^Speisekarte\. Desserts/)).toMatch(/^Speisekarte\. Desserts: \d+ Angebote\./);
    await press(kiosk, 'ArrowRight');
    const pie = await moveTo(kiosk, /^Apfeltasche/);
    expect(pie).toMatch(/^Apfeltasche, \d+ Euro \d+, [\d.]+ Kilokalorien\. Enthält: Gluten\. Schaltfläche\.$/);
    expect(await press(kiosk, 'Enter', /^Apfeltasche\./)).toMatch(/^Apfeltasche\. \d+ Euro \d+\. [\d.]+ Kilokalorien\. Enthält Gluten\.$/);
    await moveTo(kiosk, /^Zur Bestellung hinzufügen/);
    expect(await press(kiosk, 'Enter', /hinzugefügt|Speisekarte/)).toMatch(/Apfeltasche/);

    // Time passes without a key: the prompt is said aloud, after three times the usual time.
    const quiet = spoken(kiosk).length;
    const prompt = await heard(kiosk, quiet, /Brauchen Sie mehr Zeit\?/, 60_000);
    expect(prompt).toMatch(/^Brauchen Sie mehr Zeit\? Ihre Bestellung wird in 30 Sekunden gelöscht\. Ja, mehr Zeit\. Schaltfläche\.$/);
    await press(kiosk, 'Enter');
    await page.getByRole('alertdialog').waitFor({ state: 'detached' });

    // Staff sign-in is not offered to customers: the help dialog has no way into it (staff reach it by a
    // long press on the corner; its PIN pad names the pad, never a digit: tests/unit/accessibility/speech-text.test.ts).
    await moveTo(kiosk, /^Personal rufen/, 'ArrowUp');
    await press(kiosk, 'Enter', /Wie können wir helfen/);
    expect(await page.getByRole('dialog', { name: 'Wie können wir helfen?' }).getByRole('button', { name: /Anmeldung für Personal/ }).count()).toBe(0);
    await press(kiosk, 'Escape');

    // Order, review, pay at the counter: the number and what to pay are said.
    await moveTo(kiosk, /^Prüfen & bezahlen/);
    expect(await press(kiosk, 'Enter', /^Ihre Bestellung/)).toMatch(/^Ihre Bestellung: 1 Artikel, gesamt \d+ Euro \d+\. 1 mal Apfeltasche, \d+ Euro \d+\.$/);
    await moveTo(kiosk, /^An der Theke bezahlen/);
    const thanks = await press(kiosk, 'Enter', /Danke\. Ihre Bestellnummer/);
    const [order] = await readKioskStore<{ orderNumber: string; paymentMethod: string }>(page, 'orders');
    expect(order).toMatchObject({ paymentMethod: 'counter' });
    expect(thanks).toMatch(new RegExp(`Danke\\. Ihre Bestellnummer ist ${order!.orderNumber.split('').join(' ')}\\. Bitte bezahlen Sie \\d+ Euro \\d+ an der Theke\\.$`));

    // Headphones out: speech stops, and keys say nothing more.
    await page.keyboard.press('F10');
    await pause(300);
    const after = spoken(kiosk).length;
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('F6');
    await pause(1000);
    // F6 (help) starts speech again: the customer asked for it.
    expect(spoken(kiosk).slice(after)).toEqual([expect.stringMatching(/^Die Sprachausgabe ist an\./)]);
  });
});
