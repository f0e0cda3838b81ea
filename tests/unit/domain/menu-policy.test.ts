import { describe, expect, it } from 'vitest';
import { checkMenu, menuToApply } from '../../../common/menu/menu-policy';
import { sampleMenu as testMenu } from '../data/fixtures';

const v2 = { ...testMenu, version: '2' };

describe('menuToApply', () => {
  it('applies a newer valid menu between customers', () => {
    expect(menuToApply({ current: testMenu, incoming: v2, sessionActive: false })).toMatchObject({ action: 'apply', menu: { version: '2' } });
  });

  it('defers a newer menu while a customer is ordering', () => {
    expect(menuToApply({ current: testMenu, incoming: v2, sessionActive: true })).toMatchObject({ action: 'defer', menu: { version: '2' } });
  });

  it('takes a menu at once when there is none yet', () => {
    expect(menuToApply({ current: undefined, incoming: v2, sessionActive: true })).toMatchObject({ action: 'apply' });
  });

  it('keeps the current menu for the same version or nothing new', () => {
    expect(menuToApply({ current: testMenu, incoming: { ...testMenu }, sessionActive: false })).toEqual({ action: 'keep', reason: 'same_version' });
    expect(menuToApply({ current: testMenu, incoming: undefined, sessionActive: false })).toEqual({ action: 'keep', reason: 'nothing_new' });
  });

  it('refuses a menu that fails validation, saying what and where', () => {
    const corrupt = { ...v2, items: [{ ...testMenu.items[0], price: -5 }, ...testMenu.items.slice(1)] };
    const decision = menuToApply({ current: testMenu, incoming: corrupt, sessionActive: false });
    expect(decision.action).toBe('refuse');
    expect(decision.action === 'refuse' && decision.errors.join('\n')).toMatch(/items\[0\]\.price/);
    expect(checkMenu('not a menu')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^\$/)] });
  });

  it('refuses a menu whose references are broken, not just its shape', () => {
    const dangling = { ...v2, categories: [{ ...testMenu.categories[0]!, entryIds: ['no-such-item'] }] };
    const decision = menuToApply({ current: testMenu, incoming: dangling, sessionActive: false });
    expect(decision.action === 'refuse' && decision.errors.join('\n')).toMatch(/categories\[0\]\.entryIds\[0\].*no-such-item/);
  });
});
