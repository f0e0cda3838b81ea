// The console's sold-out panel offers only taps that reach the kiosk: what the menu file marks
// sold out stays so whatever the bus says (applyAvailability), so it is shown sold out, not
// "available" with a tap that does nothing at the kiosk; staff-marked items toggle both ways.
// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { menu as menuSchema } from '../../../common/menu/schema';
import { markSoldOut, type SoldOutKind } from '../../../common/store-bus/availability';
import { SoldOutPanel } from '../../../staff-console/components/SoldOutPanel';

const menu = menuSchema.parse(JSON.parse(readFileSync(join(import.meta.dirname, '../../../menu-config/sample/menu.json'), 'utf8')));
const served = { kioskId: 'A', menu, locale: 'en', at: '2026-11-25T12:00:00.000Z' };
const anna = { role: 'staff' as const, name: 'anna' };

describe('sold-out panel', () => {
  it('shows what the menu file marks sold out as such, with no tap; staff-marked items go back in stock', async () => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    const container = document.createElement('div');
    const root = createRoot(container);
    const taps: [SoldOutKind, string, boolean][] = [];
    // A console that once listed the brownie too (tapped before this fix): still not a tap.
    const availability = markSoldOut(markSoldOut(null, 'entry', 'brownie', true, anna, new Date()), 'entry', 'blueberry-muffin', true, anna, new Date());
    await act(() => root.render(<SoldOutPanel served={served} availability={availability} onToggle={(...tap) => taps.push(tap)} />));
    const buttons = [...container.querySelectorAll('button')];
    const named = (name: string) => buttons.filter((button) => button.textContent === name);
    try {
      expect(named('Walnut Brownie available')).toEqual([]);
      expect(named('Walnut Brownie sold out')).toEqual([]);
      const brownie = named('Walnut Brownie sold out in the menu');
      expect(brownie.length).toBeGreaterThan(0);
      for (const button of brownie) {
        expect(button.disabled).toBe(true);
        await act(() => button.click());
      }
      expect(taps).toEqual([]);
      // "Sold out now" counts what staff can put back: the muffin only.
      expect(container.querySelector('#sold-out-now-heading')?.textContent).toBe('Sold out now (1)');
      await act(() => named('Blueberry Muffin sold out')[0]!.click());
      expect(taps).toEqual([['entry', 'blueberry-muffin', false]]);
    } finally {
      await act(() => root.unmount());
    }
  });
});
