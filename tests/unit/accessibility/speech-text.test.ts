// @vitest-environment jsdom
// What speech mode says: money and units as an engine reads them well, and a control's name,
// description, role and state as a screen reader would compute them. Never an input's value.
import { describe, expect, it } from 'vitest';
import { catalogFor, formattersFor } from '../../../common/i18n';
import { controlText } from '../../../renderer/ui/accessibility/control-text';
import { speakable } from '../../../renderer/ui/accessibility/speakable';

const en = catalogFor('en').accessibility.speech;
const de = catalogFor('de').accessibility.speech;

describe('speakable text', () => {
  it('says euro amounts in words, with their signs, as Intl formats them in English and German', () => {
    const money = (locale: string, minor: number) => formattersFor(locale, 'EUR').money(minor);
    expect(speakable(`Cheeseburger from ${money('en', 349)} 303 kcal`, en, 'en', 'EUR')).toBe('Cheeseburger from 3 euros 49 303 kilocalories');
    expect(speakable(`Extra cheese +${money('en', 60)}`, en, 'en', 'EUR')).toBe('Extra cheese plus 60 cents');
    expect(speakable(`Total ${money('en', 123456)}`, en, 'en', 'EUR')).toBe('Total 1234 euros 56');
    expect(speakable(`Discount −${money('en', 100)}`, en, 'en', 'EUR')).toBe('Discount minus 1 euro');
    expect(speakable(`Gesamt ${money('de', 1218)}`, de, 'de', 'EUR')).toBe('Gesamt 12 Euro 18');
    expect(speakable(`Extra Käse +${money('de', 60)}`, de, 'de', 'EUR')).toBe('Extra Käse plus 60 Cent');
    expect(speakable('Ihre Bestellung wird in 90 s gelöscht.', de, 'de', 'EUR')).toBe('Ihre Bestellung wird in 90 Sekunden gelöscht.');
  });

  it('says another currency by its name', () => {
    const text = speakable(`Total ${formattersFor('en', 'USD').money(349)}`, en, 'en', 'USD');
    expect(text).toBe('Total 3.49 US dollars');
  });
});

describe('control text', () => {
  const render = (html: string) => {
    document.body.innerHTML = html;
    return document.body;
  };

  it('a button: its name, its description and its state', () => {
    render(`<button aria-pressed="true" aria-describedby="d">Larger <span aria-hidden="true">A</span>text</button><p id="d">Makes <b>everything</b> bigger</p>`);
    expect(controlText(document.querySelector('button')!, en)).toBe('Larger text. Makes everything bigger. button. on.');
  });

  it('a choice: its label, its kind, whether it is chosen and its place in the group', () => {
    render(`
      <fieldset><legend>Dressing</legend>
        <label><input type="radio" name="d" checked> Vinaigrette <span>+€0.40</span></label>
        <label><input type="radio" name="d"> Yogurt dressing</label>
      </fieldset>`);
    const [first, second] = document.querySelectorAll('input');
    expect(controlText(first!, en)).toBe('Vinaigrette +€0.40. choice. selected. 1 of 2.');
    expect(controlText(second!, de)).toBe('Yogurt dressing. Auswahl. nicht ausgewählt. 2 von 2.');
  });

  it('a stepper button says the count the stepper stands at', () => {
    render(`<div class="stepper" role="group" aria-label="Ketchup: 2"><button aria-label="More Ketchup">+</button></div>`);
    expect(controlText(document.querySelector('button')!, en)).toBe('More Ketchup. button. Ketchup: 2.');
  });

  it('a PIN field: only that it is one, never what was typed', () => {
    render(`<label for="p">PIN</label><input id="p" type="password" value="4821">`);
    const text = controlText(document.querySelector('input')!, en);
    expect(text).toBe('PIN, for staff only. Typed characters are not spoken.');
    expect(text).not.toMatch(/\d/);
  });

  it('a PIN pad key: the pad, never the digit', () => {
    render(`<div role="group" aria-label="PIN keys" data-private-keys><button type="button">4</button></div>`);
    const text = controlText(document.querySelector('button')!, en);
    expect(text).toBe('PIN keys, for staff only. Typed characters are not spoken.');
    expect(text).not.toMatch(/\d/);
  });

  it('a text field: its name, never its value', () => {
    render(`<label>Name <input type="text" value="sam"></label>`);
    expect(controlText(document.querySelector('input')!, en)).toBe('Name. text field.');
  });
});
