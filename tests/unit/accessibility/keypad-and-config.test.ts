// The keypad table, an operator's overrides in the store config, and the reach band.
import { describe, expect, it } from 'vitest';
import { accessibilitySettings, reachableScreenBand, REACH_BAND_MM } from '../../../common/accessibility/config';
import { DEFAULT_KEYPAD_MAP, KEYPAD_ACTIONS, keypadActionOf, keypadConflicts, keypadMap } from '../../../common/accessibility/keypad';
import { storeConfig } from '../../../common/menu/schema';
import { validateStoreConfig } from '../../../common/menu/validate';
import { sampleStore, sampleStoreJson } from '../menu/sample';

const key = (key: string, code = '', modifiers: { ctrlKey?: boolean; altKey?: boolean } = {}) => ({ key, code, ...modifiers });

describe('keypad map', () => {
  it('maps the keys a navigation keypad sends, by key or by code', () => {
    const map = keypadMap();
    expect(keypadActionOf(map, key('ArrowDown', 'ArrowDown'))).toBe('down');
    expect(keypadActionOf(map, key('Enter', 'NumpadEnter'))).toBe('select');
    expect(keypadActionOf(map, key('Unidentified', 'NumpadEnter'))).toBe('select');
    expect(keypadActionOf(map, key('Escape', 'Escape'))).toBe('back');
    expect(keypadActionOf(map, key('F13', 'F13'))).toBe('help');
    expect(keypadActionOf(map, key('AudioVolumeUp', 'AudioVolumeUp'))).toBe('volumeUp');
    expect(keypadActionOf(map, key('a', 'KeyA'))).toBeUndefined();
    expect(keypadActionOf(map, key('ArrowDown', 'ArrowDown', { ctrlKey: true }))).toBeUndefined();
  });

  it('has no key claimed twice and an entry for every action', () => {
    expect(keypadConflicts(DEFAULT_KEYPAD_MAP).size).toBe(0);
    expect(Object.keys(DEFAULT_KEYPAD_MAP).sort()).toEqual([...KEYPAD_ACTIONS].sort());
  });

  it('takes an operator override from the store config, replacing only the actions named', () => {
    const json = { ...sampleStoreJson(), accessibility: { keypad: { help: ['F20'], headphonesIn: ['F21'], headphonesOut: ['F22'] } } };
    const store = storeConfig.parse(json);
    const settings = accessibilitySettings(store.accessibility);
    expect(keypadActionOf(settings.keypad, key('F20'))).toBe('help');
    expect(keypadActionOf(settings.keypad, key('F13'))).toBeUndefined();
    expect(keypadActionOf(settings.keypad, key('F21'))).toBe('headphonesIn');
    expect(settings.keypad.up).toEqual(['ArrowUp']);
    expect(keypadConflicts(keypadMap({ repeat: ['F2'] }))).toEqual(new Map([['F2', ['help', 'repeat']]]));
  });

  it('rejects unknown actions and bad values with a JSON path', () => {
    const bad = validateStoreConfig({ ...sampleStoreJson(), accessibility: { keypad: { jump: ['F1'] }, speechRate: 9 } });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((error) => error.path)).toEqual(expect.arrayContaining(['$.accessibility.keypad.jump', '$.accessibility.speechRate']));
  });
});

describe('accessibility settings', () => {
  it('defaults: both ways to start speech on, normal rate, no screen position', () => {
    expect(accessibilitySettings(undefined)).toMatchObject({ startOnHelpKey: true, startOnHeadphones: true, speechRate: 1, screen: undefined, headphoneJackDevice: undefined });
  });

  it('the sample store gives its screen position', () => {
    expect(accessibilitySettings(sampleStore.accessibility).screen).toEqual({ bottomMm: 820, heightMm: 708 });
  });
});

describe('reach band on the screen', () => {
  it('is the lower half without the screen position', () => {
    expect(reachableScreenBand(undefined)).toEqual({ top: 0.5, bottom: 1 });
  });

  it('is the part between 380 and 1220 mm above the floor', () => {
    // Screen from 820 to 1528 mm: reachable from 1220 mm (308 mm below its top) down to its bottom edge.
    const band = reachableScreenBand({ bottomMm: 820, heightMm: 708 })!;
    expect(band.top).toBeCloseTo(308 / 708, 10);
    expect(band.bottom).toBe(1);
    // A screen reaching below 380 mm: its lowest part is out of reach too.
    const low = reachableScreenBand({ bottomMm: 200, heightMm: 1200 })!;
    expect(low.top).toBeCloseTo((1400 - REACH_BAND_MM.high) / 1200, 10);
    expect(low.bottom).toBeCloseTo((1400 - REACH_BAND_MM.low) / 1200, 10);
  });

  it('is undefined when the whole screen is above reach', () => {
    expect(reachableScreenBand({ bottomMm: 1300, heightMm: 500 })).toBeUndefined();
  });
});
