// @vitest-environment jsdom
// The narrator gathers one moment into one utterance: what changed, the screen, a dialog, where
// focus landed; a new moment interrupts, a polite change alone waits its turn.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { catalogFor } from '../../../common/i18n';
import { createNarrator } from '../../../renderer/ui/accessibility/narrator';

const words = catalogFor('en').accessibility.speech;

function setup() {
  const said: { text: string; interrupt: boolean }[] = [];
  const narrator = createNarrator({ speak: (text, interrupt) => said.push({ text, interrupt }), words: () => words, speakable: (text) => text });
  return { narrator, said, moment: () => vi.advanceTimersByTime(200) };
}

describe('narrator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says a moment as one utterance: the change, the screen, then where focus landed (headings said by the screen)', () => {
    document.body.innerHTML = `<h1 tabindex="-1">Menu</h1><button>Call staff</button><button>Burgers</button>`;
    const { narrator, said, moment } = setup();
    narrator.focus(document.querySelector('h1')!);
    narrator.screen('Menu. Meals: 6 choices.');
    narrator.live('Cheeseburger added to your order.', false, false);
    narrator.focus(document.querySelectorAll('button')[0]!);
    narrator.focus(document.querySelectorAll('button')[1]!);
    expect(said).toEqual([]);
    moment();
    expect(said).toEqual([{ text: 'Cheeseburger added to your order. Menu. Meals: 6 choices. Burgers. button.', interrupt: true }]);
  });

  it('a dialog: its title and text, each a sentence', () => {
    document.body.innerHTML = `<dialog aria-labelledby="t" aria-describedby="b"><h2 id="t">Do you need more time?</h2><p id="b">Your order will be cleared in 90 s</p></dialog>`;
    const { narrator, said, moment } = setup();
    narrator.dialog(document.querySelector('dialog')!);
    moment();
    expect(said).toEqual([{ text: 'Do you need more time? Your order will be cleared in 90 s.', interrupt: true }]);
  });

  it('a polite change alone waits its turn; an alert cuts in', () => {
    const { narrator, said, moment } = setup();
    narrator.live('€4.09 563 kcal', false, false);
    moment();
    narrator.live('Enter your PIN', true, false);
    moment();
    expect(said).toEqual([
      { text: '€4.09 563 kcal.', interrupt: false },
      { text: 'Enter your PIN.', interrupt: true },
    ]);
  });

  it('a new screen already says its own new polite regions, but not an alert', () => {
    const { narrator, said, moment } = setup();
    narrator.screen('Customise: Cheeseburger.');
    narrator.live('€3.49 303 kcal', false, true);
    narrator.live('The receipt printer is out of paper.', true, true);
    moment();
    expect(said).toEqual([{ text: 'The receipt printer is out of paper. Customise: Cheeseburger.', interrupt: true }]);
  });

  it('cancel drops what was gathered (speech mode turned off)', () => {
    const { narrator, said, moment } = setup();
    narrator.screen('Menu.');
    narrator.cancel();
    moment();
    expect(said).toEqual([]);
  });
});
