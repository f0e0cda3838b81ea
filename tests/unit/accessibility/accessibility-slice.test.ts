// The accessibility slice of the kiosk store: nothing is spoken unless speech mode is on; the
// headphone socket starts and stops it as configured; rate and volume stay within the contract's
// bounds; every mode and the filter end with the session.
import { describe, expect, it } from 'vitest';
import { storeConfig } from '../../../common/menu/schema';
import type { SpeechDeps } from '../../../renderer/state/accessibility-slice';
import { createKioskStore } from '../../../renderer/state/store';
import type { KioskDeps } from '../../../renderer/state/types';
import { testMenu, testStore } from '../renderer/fixtures';

/** The host's speech calls as the store makes them (the host side is tested in tests/unit/speech). */
function recordingSpeech(available = true) {
  const said: { text: string; lang: string; rate: number; volume: number; interrupt: boolean }[] = [];
  let stops = 0;
  let headphones: ((plugged: boolean) => void) | undefined;
  const speech: SpeechDeps = {
    say: async (input) => {
      said.push(input);
      return available ? 'speaking' : 'unavailable';
    },
    stop: async () => (stops += 1),
    repeat: async () => 'speaking',
    available: async () => available,
    onHeadphones: (listener) => {
      headphones = listener;
      return () => (headphones = undefined);
    },
  };
  return { speech, said, stops: () => stops, plug: (plugged: boolean) => headphones?.(plugged) };
}

async function setup(speech: SpeechDeps, store = testStore) {
  const deps: KioskDeps = {
    getStartup: async () => ({ store, menu: testMenu, assetBase: 'menu' }),
    placeOrder: async () => {
      throw new Error('not in these tests');
    },
    saveDraft: async () => undefined,
    loadDraft: async () => undefined,
    clearDraft: async () => undefined,
    recordEvent: async () => undefined,
    speech,
    now: () => new Date('2026-01-01T12:00:00Z'),
    newId: () => crypto.randomUUID(),
  };
  const kiosk = createKioskStore(deps);
  await kiosk.getState().loadStartup();
  speech.onHeadphones((plugged) => kiosk.getState().headphonesChanged(plugged));
  return kiosk;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('accessibility slice', () => {
  it('says nothing while speech mode is off; in the session language once it is on', async () => {
    const { speech, said } = recordingSpeech();
    const kiosk = await setup(speech);
    kiosk.getState().speak('Menu');
    expect(said).toEqual([]);
    kiosk.getState().startSpeechMode('help_key');
    kiosk.getState().setLocale('de');
    kiosk.getState().speak('Speisekarte', { interrupt: false });
    expect(said).toEqual([{ text: 'Speisekarte', lang: 'de', rate: 1, volume: 1, interrupt: false }]);
    await flush();
    expect(kiosk.getState().a11y.speechAvailable).toBe(true);
  });

  it('knows when the host cannot speak, so the page can say so on screen', async () => {
    const { speech } = recordingSpeech(false);
    const kiosk = await setup(speech);
    kiosk.getState().startSpeechMode('panel');
    await flush();
    expect(kiosk.getState().a11y).toMatchObject({ speech: true, speechAvailable: false });
  });

  it('starts with the store config speech rate, and keeps rate and volume within bounds', async () => {
    const { speech, said } = recordingSpeech();
    const kiosk = await setup(speech, storeConfig.parse({ ...testStore, accessibility: { speechRate: 1.4 } }));
    kiosk.getState().startSpeechMode('help_key');
    for (let step = 0; step < 20; step += 1) kiosk.getState().adjustSpeech('faster');
    for (let step = 0; step < 20; step += 1) kiosk.getState().adjustSpeech('quieter');
    kiosk.getState().speak('Faster.');
    expect(said.at(-1)).toMatchObject({ rate: 2.5, volume: 0.2 });
    kiosk.getState().adjustSpeech('slower');
    expect(kiosk.getState().a11y.speechRate).toBe(2.3);
  });

  it('a headphone plug starts speech mode, pulling it out stops it (and the engine)', async () => {
    const { speech, plug, stops } = recordingSpeech();
    const kiosk = await setup(speech);
    plug(true);
    expect(kiosk.getState().a11y.speech).toBe(true);
    plug(false);
    expect(kiosk.getState().a11y.speech).toBe(false);
    expect(stops()).toBe(1);
  });

  it('the headphone plug does nothing where the operator turned it off', async () => {
    const { speech, plug } = recordingSpeech();
    const kiosk = await setup(speech, storeConfig.parse({ ...testStore, accessibility: { speechStart: { headphones: false } } }));
    plug(true);
    expect(kiosk.getState().a11y.speech).toBe(false);
  });

  it('ends every mode and the filter with the session', async () => {
    const { speech, stops } = recordingSpeech();
    const kiosk = await setup(speech);
    const state = kiosk.getState();
    state.start();
    state.startSpeechMode('help_key');
    state.toggleReach();
    state.toggleHighContrast();
    state.toggleLessMotion();
    state.setTextScale(2);
    state.setDietaryFilter({ allergens: ['milk'], diet: 'vegan' });
    state.setFilterMode('mark');
    await kiosk.getState().resetSession();
    expect(kiosk.getState().a11y).toMatchObject({
      speech: false,
      reach: false,
      highContrast: false,
      lessMotion: false,
      textScale: 1,
      dietaryFilter: { allergens: [], diet: 'any' },
      filterMode: 'hide',
    });
    expect(stops()).toBe(1);
  });

  it('one text size at a time: "Larger text" and a chosen size replace each other', async () => {
    const { speech } = recordingSpeech();
    const kiosk = await setup(speech);
    kiosk.getState().toggleLargeText();
    kiosk.getState().setTextScale(2);
    expect(kiosk.getState()).toMatchObject({ largeText: false, a11y: { textScale: 2 } });
    kiosk.getState().toggleLargeText();
    expect(kiosk.getState()).toMatchObject({ largeText: true, a11y: { textScale: 1 } });
  });
});
