import { describe, expect, it } from 'vitest';
import { describeLine, localize } from '../../../common/menu/describe';
import { itemLine, mealLine, sampleMenu, slotItem } from './sample';

describe('localize', () => {
  const text = { en: 'Fries', de: 'Pommes frites' };
  it('picks the locale, then its language, then the fallback, then anything', () => {
    expect(localize(text, 'de', 'en')).toBe('Pommes frites');
    expect(localize(text, 'de-AT', 'en')).toBe('Pommes frites');
    expect(localize(text, 'fr', 'en')).toBe('Fries');
    expect(localize({ de: 'Nur Deutsch' }, 'fr', 'en')).toBe('Nur Deutsch');
    expect(localize(undefined, 'en', 'en')).toBe('');
  });
});

describe('describeLine', () => {
  it('describes a customised meal like a receipt does', () => {
    const line = mealLine('big-burger-meal', {
      sizeId: 'large',
      slots: {
        main: slotItem('big-burger', { 'burger-extras': { bacon: 1 } }, ['onions']),
        drink: slotItem('cola', { 'drink-ice': { 'no-ice': 1 } }),
      },
    });
    expect(describeLine(sampleMenu, line, 'en')).toEqual({
      title: 'Big Burger Meal (Large)',
      details: ['Side: Fries (Large)', 'Drink: Cola (Large 0.5 l), no ice', 'No onions', '+ Bacon'],
    });
    expect(describeLine(sampleMenu, line, 'de')).toEqual({
      title: 'Big Burger Menü (Groß)',
      details: ['Beilage: Pommes frites (Groß)', 'Getränk: Cola (Groß 0,5 l), ohne Eis', 'Ohne Zwiebeln', '+ Bacon'],
    });
  });

  it('names the main when the meal offers a choice of mains, with its changes inline', () => {
    const line = mealLine('chicken-meal', { slots: { main: slotItem('spicy-chicken-burger', {}, ['jalapenos']) } });
    expect(describeLine(sampleMenu, line, 'en').details).toEqual(['Main: Spicy Chicken Burger, no jalapeños', 'Side: Fries (Medium)', 'Drink: Cola (Medium 0.4 l)']);
  });

  it('shows sizes, quantities of extras, deselected defaults and non-default single choices', () => {
    expect(describeLine(sampleMenu, itemLine('classic-burger', { options: { 'burger-extras': { 'extra-cheese': 2 } } }), 'en')).toEqual({
      title: 'Classic Burger',
      details: ['+ 2× Extra cheese'],
    });
    expect(describeLine(sampleMenu, itemLine('chicken-nuggets', { sizeId: '9-pieces', options: { 'nugget-sauces': { 'curry-sauce': 1 } } }), 'en')).toEqual({
      title: 'Chicken Nuggets (9 pieces)',
      details: ['No BBQ sauce', '+ Curry sauce'],
    });
    expect(describeLine(sampleMenu, itemLine('coffee', { options: { 'coffee-milk': { 'oat-milk': 1 } } }), 'de')).toEqual({
      title: 'Kaffee (Mittel 0,3 l)',
      details: ['Mit Hafermilch'],
    });
    expect(describeLine(sampleMenu, itemLine('fries'), 'en')).toEqual({ title: 'Fries (Medium)', details: [] });
  });

  it('shows an id the menu no longer knows instead of failing', () => {
    expect(describeLine(sampleMenu, itemLine('fries', { itemId: 'curly-fries' } as never), 'en')).toEqual({ title: 'curly-fries', details: [] });
    expect(describeLine(sampleMenu, { ...mealLine('classic-burger-meal'), mealId: 'old-meal' }, 'en')).toEqual({ title: 'old-meal', details: [] });
  });
});
