// What the attract screen sells when the operator set no featured list: each category's first
// entry, each once (a category such as "Popular" often starts with another's first item).
import { describe, expect, it } from 'vitest';
import { featuredEntries } from '../../../renderer/ui/screens/attract-featured';
import { generateHugeCategoryMenu } from '../../../bench/large-menu';

describe('attract screen: featured entries', () => {
  it('shows an entry that starts two categories once', () => {
    // Both of its categories start with item-0.
    const menu = generateHugeCategoryMenu(20);
    expect(menu.categories.map((category) => category.entryIds[0])).toEqual(['item-0', 'item-0']);
    expect(featuredEntries({ ...menu, featured: [] }, new Date(), 'Europe/Berlin').map((entry) => entry.id)).toEqual(['item-0']);
  });

  it("keeps the operator's list in its order, each once", () => {
    const menu = generateHugeCategoryMenu(20);
    expect(featuredEntries({ ...menu, featured: ['item-3', 'item-1', 'item-3'] }, new Date(), 'Europe/Berlin').map((entry) => entry.id)).toEqual(['item-3', 'item-1']);
  });
});
