// Sold out now at the kiosk: the availability message from the host (at start and as
// events) applies to the menu on screen at once, mid-order, and to a new menu; a cart
// holding something sold out cannot go to payment until it is changed.
import { describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../../common/contract/index';
import type { AvailabilityMessage } from '../../../common/store-bus/messages';
import type { KioskApi } from '../../../renderer/api';
import { followAvailability } from '../../../renderer/services/availability-link';
import { soldOutLines } from '../../../renderer/state/sold-out';
import { createKioskStore } from '../../../renderer/state/store';
import type { KioskDeps } from '../../../renderer/state/types';
import { testMenu, testStore } from './fixtures';

const by = { role: 'staff' as const, name: 'sam' };
const availability = (soldOut: string[], soldOutOptions: string[] = []): AvailabilityMessage => ({ soldOut, soldOutOptions, soldOutCategories: [], by, at: '2026-01-01T12:00:00.000Z' });

function setup(atStart: AvailabilityMessage | null) {
  let ids = 0;
  const deps: KioskDeps = {
    getStartup: async () => ({ store: testStore, menu: testMenu, assetBase: 'menu' }),
    placeOrder: async () => {
      throw new Error('not used here');
    },
    saveDraft: async () => undefined,
    loadDraft: async () => undefined,
    clearDraft: async () => undefined,
    recordEvent: async () => undefined,
    now: () => new Date('2026-01-01T12:00:00Z'),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  };
  const store = createKioskStore(deps);
  const listeners: ((event: KioskEvent) => void)[] = [];
  const api = {
    getAvailability: async () => ({ availability: atStart }),
    onEvent: (listener: (event: KioskEvent) => void) => (listeners.push(listener), () => undefined),
  } as unknown as KioskApi;
  const stop = followAvailability(api, store);
  const emit = (next: AvailabilityMessage) => listeners.forEach((listener) => listener({ type: 'storeBus.availability', availability: next }));
  return { store, emit, stop };
}

const item = (state: ReturnType<ReturnType<typeof setup>['store']['getState']>, id: string) => state.menu!.items.find((candidate) => candidate.id === id)!;

describe('sold out at the kiosk', () => {
  it('applies what was sold out before the page listened, then every change at once, mid-order too', async () => {
    const { store, emit, stop } = setup(availability(['fries']));
    await store.getState().loadStartup();
    await expect.poll(() => item(store.getState(), 'fries').availability.soldOut).toBe(true);

    store.getState().start();
    store.getState().chooseServiceMode('eat_in');
    store.getState().openCustomizer({ kind: 'item', itemId: 'cola' });
    store.getState().commitCustomizer();
    expect(soldOutLines(store.getState().menu, store.getState().lines)).toEqual([]);

    emit(availability(['fries', 'cola'], ['bacon']));
    expect(item(store.getState(), 'cola').availability.soldOut).toBe(true);
    expect(store.getState().menu!.optionGroups.find((group) => group.id === 'extras')!.options.find((option) => option.id === 'bacon')!.soldOut).toBe(true);
    // The cart is told, and payment waits.
    expect(soldOutLines(store.getState().menu, store.getState().lines)).toEqual([{ line: store.getState().lines[0], whole: true }]);
    store.getState().goTo('payment');
    expect(store.getState().screen).toBe('menu');

    // Back in stock: the menu as the host serves it again.
    emit(availability([]));
    expect(item(store.getState(), 'cola').availability.soldOut).toBe(false);
    expect(item(store.getState(), 'fries').availability.soldOut).toBe(false);
    store.getState().goTo('payment');
    expect(store.getState().screen).toBe('payment');
    stop();
  });

  it('applies it to a new menu from the host too', async () => {
    const { store, emit, stop } = setup(null);
    await store.getState().loadStartup();
    emit(availability(['cola']));
    store.setState({ menu: { ...testMenu, version: 'next' } });
    expect(store.getState().menu!.version).toBe('next');
    expect(item(store.getState(), 'cola').availability.soldOut).toBe(true);
    stop();
  });
});
