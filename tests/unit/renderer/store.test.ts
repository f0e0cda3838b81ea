import { describe, expect, it } from 'vitest';
import { createKioskStore } from '../../../renderer/state/store';
import { withOptionQuantity } from '../../../renderer/state/customizer-slice';
import { cartTotal, selectCartCount } from '../../../renderer/state/selectors';
import type { CartDraft, KioskDeps, NewOrder, PaymentMethod, SessionEvent } from '../../../renderer/state/types';
import type { OrderDocument } from '../../../common/order/order';
import type { PaymentDeps, PaymentRecovery } from '../../../renderer/state/payment-slice';
import { testMenu, testStore } from './fixtures';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const setup = (overrides: Partial<KioskDeps> = {}) => {
  let draft: CartDraft | undefined;
  let ids = 0;
  const calls = { saveDraft: [] as CartDraft[], clearDraft: 0, placed: [] as { order: NewOrder; method: PaymentMethod }[], events: [] as string[], recorded: [] as SessionEvent[] };
  const deps: KioskDeps = {
    getStartup: async () => ({ store: testStore, menu: testMenu, assetBase: 'menu' }),
    placeOrder: async (order, method) => {
      calls.placed.push({ order, method });
      const now = '2026-01-01T12:00:00.000Z';
      return { ...order, orderNumber: 'T-001', status: 'awaiting_counter_payment', paymentMethod: method, placedAt: now, updatedAt: now } satisfies OrderDocument;
    },
    saveDraft: async (value) => {
      draft = value;
      calls.saveDraft.push(value);
    },
    loadDraft: async () => draft,
    clearDraft: async () => {
      draft = undefined;
      calls.clearDraft += 1;
    },
    recordEvent: async (event) => {
      calls.events.push(event.type);
      calls.recorded.push(event);
    },
    now: () => new Date('2026-01-01T12:00:00Z'),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    ...overrides,
  };
  const store = createKioskStore(deps);
  return { store, deps, calls, getDraft: () => draft, setDraft: (value: CartDraft) => (draft = value) };
};

const ready = async (overrides: Partial<KioskDeps> = {}) => {
  const context = setup(overrides);
  await context.store.getState().loadStartup();
  context.store.getState().start();
  context.store.getState().chooseServiceMode('eat_in');
  return context;
};

const addItem = (store: Awaited<ReturnType<typeof ready>>['store'], itemId: string) => {
  store.getState().openCustomizer({ kind: 'item', itemId });
  store.getState().commitCustomizer();
  return store.getState().lines.at(-1)!.lineId;
};

describe('session', () => {
  it('loads the startup data and walks attract → service mode → menu', async () => {
    const { store } = setup();
    expect(store.getState().status).toBe('loading');
    await store.getState().loadStartup();
    expect(store.getState()).toMatchObject({ status: 'ready', screen: 'attract', locale: 'en', activeCategoryId: 'burgers' });
    store.getState().start();
    expect(store.getState().screen).toBe('service');
    store.getState().chooseServiceMode('take_away');
    expect(store.getState()).toMatchObject({ screen: 'menu', serviceMode: 'take_away' });
  });

  it('says what failed when the startup data cannot be loaded', async () => {
    const { store } = setup({ getStartup: async () => Promise.reject(new Error('host unreachable')) });
    await store.getState().loadStartup();
    expect(store.getState()).toMatchObject({ status: 'failed', loadError: 'host unreachable' });
  });

  it('switches language only to a menu locale and keeps the cart', async () => {
    const { store } = await ready();
    addItem(store, 'burger');
    store.getState().setLocale('fr');
    expect(store.getState().locale).toBe('en');
    store.getState().setLocale('de');
    expect(store.getState().locale).toBe('de');
    expect(store.getState().lines).toHaveLength(1);
  });

  it('reset clears cart, customiser, draft and language and returns to attract', async () => {
    const { store, calls, getDraft } = await ready();
    addItem(store, 'burger');
    store.getState().setLocale('de');
    store.getState().toggleLargeText();
    store.getState().openCustomizer({ kind: 'item', itemId: 'cola' });
    store.getState().showInactivityPrompt();
    await flush();
    expect(getDraft()?.lines).toHaveLength(1);

    await store.getState().resetSession();
    expect(store.getState()).toMatchObject({
      screen: 'attract',
      serviceMode: null,
      locale: 'en',
      lines: [],
      customizer: null,
      inactivityPrompt: false,
      largeText: false,
      undoable: null,
    });
    expect(calls.clearDraft).toBeGreaterThan(0);
    expect(getDraft()).toBeUndefined();
    expect(calls.events).toEqual(['session_started', 'item_added', 'abandoned']);
  });

  it('offers a saved draft after a reload (crash recovery); "Continue my order" restores it on the review screen', async () => {
    const first = await ready();
    addItem(first.store, 'cola');
    await flush();
    const saved = first.getDraft()!;
    const second = setup();
    second.setDraft({ ...saved, updatedAt: '2026-01-01T11:50:00.000Z' });
    expect(second.store.getState().recovering).toBe(true);
    await second.store.getState().loadStartup();
    expect(second.store.getState()).toMatchObject({ recovering: false, draftOffered: true, screen: 'attract', serviceMode: 'eat_in', lines: saved.lines });
    second.store.getState().continueDraft();
    expect(second.store.getState()).toMatchObject({ draftOffered: false, screen: 'review', serviceMode: 'eat_in', lines: saved.lines });
    expect(second.getDraft()?.lines).toEqual(saved.lines);
  });

  it('"Start over" clears the offered draft and stays on the attract screen', async () => {
    const first = await ready();
    addItem(first.store, 'cola');
    await flush();
    const second = setup();
    second.setDraft(first.getDraft()!);
    await second.store.getState().loadStartup();
    await second.store.getState().discardDraft();
    expect(second.store.getState()).toMatchObject({ draftOffered: false, screen: 'attract', lines: [], session: null });
    expect(second.getDraft()).toBeUndefined();
  });

  describe('after a restart', () => {
    const firstTouch = new Date('2026-01-01T11:50:00Z');
    /** A customer who started at 11:50 and reached the review with a cola; the kiosk restarts at 12:00. */
    const restarted = async () => {
      const first = await ready({ now: () => firstTouch });
      addItem(first.store, 'cola');
      first.store.getState().goTo('review');
      await flush();
      const second = setup();
      second.setDraft(first.getDraft()!);
      await second.store.getState().loadStartup();
      return { first, second };
    };
    const abandoned = (calls: ReturnType<typeof setup>['calls']) => calls.recorded.filter((event) => event.type === 'abandoned');

    it('the draft keeps when the session started and the screen reached, and they come back with it', async () => {
      const { first, second } = await restarted();
      expect(first.getDraft()).toMatchObject({ sessionId: first.store.getState().session!.id, startedAt: firstTouch.getTime(), screen: 'review' });
      expect(second.store.getState()).toMatchObject({
        draftOffered: true,
        draftScreen: 'review',
        screen: 'attract',
        session: { id: first.store.getState().session!.id, startedAt: firstTouch.getTime() },
      });
      // Continued: time to order still counts from the first touch.
      second.store.getState().continueDraft();
      second.store.getState().goTo('menu');
      await second.store.getState().resetSession();
      expect(abandoned(second.calls)).toEqual([expect.objectContaining({ durationMs: 10 * 60_000, detail: expect.objectContaining({ screen: 'menu' }) })]);
    });

    it('"Start over" on the offer records the order abandoned at the screen reached, timed from the first touch', async () => {
      const { first, second } = await restarted();
      await second.store.getState().discardDraft();
      expect(abandoned(second.calls)).toEqual([
        { type: 'abandoned', sessionId: first.store.getState().session!.id, durationMs: 10 * 60_000, detail: { screen: 'review', lines: 1, customizing: false } },
      ]);
      expect(second.store.getState()).toMatchObject({ draftOffered: false, draftScreen: null, screen: 'attract', lines: [], session: null });
    });

    it('a draft from before start time and screen were kept counts from the restart and is abandoned at the menu', async () => {
      const { first } = await restarted();
      const { startedAt: _startedAt, screen: _screen, ...older } = first.getDraft()!;
      const second = setup();
      second.setDraft(older);
      await second.store.getState().loadStartup();
      expect(second.store.getState()).toMatchObject({ draftOffered: true, draftScreen: 'menu', session: { startedAt: new Date('2026-01-01T12:00:00Z').getTime() } });
      await second.store.getState().discardDraft();
      expect(abandoned(second.calls)).toEqual([expect.objectContaining({ durationMs: 0, detail: expect.objectContaining({ screen: 'menu' }) })]);
    });

    it('the inactivity reset under the offer (customer walked away) discards it: abandoned, and the next customer starts empty', async () => {
      const { second } = await restarted();
      second.store.getState().showInactivityPrompt();
      await second.store.getState().resetSession();
      expect(second.store.getState()).toMatchObject({ draftOffered: false, draftScreen: null, screen: 'attract', lines: [], session: null, inactivityPrompt: false });
      expect(second.getDraft()).toBeUndefined();
      expect(abandoned(second.calls)).toEqual([expect.objectContaining({ detail: expect.objectContaining({ screen: 'review', lines: 1 }) })]);
      second.store.getState().start();
      expect(second.store.getState()).toMatchObject({ screen: 'service', lines: [] });
    });
  });

  it('drops a draft whose customer has gone (older than the recovery window) without asking', async () => {
    const first = await ready();
    addItem(first.store, 'cola');
    await flush();
    const second = setup();
    // The window is 15 minutes (domain/recovery-policy.ts); this draft was last touched 16 minutes ago.
    second.setDraft({ ...first.getDraft()!, updatedAt: '2026-01-01T11:44:00.000Z' });
    await second.store.getState().loadStartup();
    expect(second.store.getState()).toMatchObject({ screen: 'attract', lines: [], draftOffered: false, recovering: false });
    expect(second.getDraft()).toBeUndefined();
  });

});

describe('customiser', () => {
  it('builds a meal: size upgrade, ingredient removed, drink changed with its own option', async () => {
    const { store } = await ready();
    store.getState().openCustomizer({ kind: 'meal', mealId: 'burger-meal' });
    expect(store.getState().screen).toBe('customize');
    const actions = store.getState();
    actions.setSize('large');
    actions.toggleIngredient({ slotId: 'main' }, 'onion');
    actions.chooseSlotItem('drink', 'water');
    actions.chooseSlotItem('drink', 'cola');
    actions.setOptionQuantity({ slotId: 'drink' }, 'ice', 'no-ice', 1);
    actions.setCustomizerQuantity(2);
    const selection = store.getState().customizer!.selection;
    expect(selection).toMatchObject({
      kind: 'meal',
      sizeId: 'large',
      quantity: 2,
      slots: {
        main: { itemId: 'burger', removedIngredientIds: ['onion'] },
        drink: { itemId: 'cola', options: { ice: { 'no-ice': 1 } } },
      },
    });
    store.getState().commitCustomizer();
    expect(store.getState().screen).toBe('menu');
    expect(store.getState().lines[0]!.selection).toEqual(selection);
  });

  it('toggles an ingredient back in', async () => {
    const { store } = await ready();
    store.getState().openCustomizer({ kind: 'item', itemId: 'burger' });
    store.getState().toggleIngredient({}, 'onion');
    store.getState().toggleIngredient({}, 'onion');
    expect(store.getState().customizer!.selection).toMatchObject({ removedIngredientIds: [] });
  });

  it('keeps option groups within their rules', () => {
    // single: one option at a time, a required choice cannot be emptied
    let options = withOptionQuantity(testMenu, { ice: { 'with-ice': 1 } }, 'ice', 'no-ice', 1);
    expect(options.ice).toEqual({ 'no-ice': 1 });
    expect(withOptionQuantity(testMenu, options, 'ice', 'no-ice', 0)).toBe(options);
    // multiple: per-option maximum and group maximum
    options = withOptionQuantity(testMenu, {}, 'extras', 'cheese', 5);
    expect(options.extras).toEqual({ cheese: 2 });
    options = withOptionQuantity(testMenu, {}, 'sauces', 'ketchup', 1);
    options = withOptionQuantity(testMenu, options, 'sauces', 'mayo', 1);
    options = withOptionQuantity(testMenu, options, 'sauces', 'bbq', 1);
    expect(withOptionQuantity(testMenu, options, 'sauces', 'bbq', 2).sauces).toEqual({ ketchup: 1, mayo: 1, bbq: 1 });
    expect(withOptionQuantity(testMenu, options, 'sauces', 'mayo', 0).sauces).toEqual({ ketchup: 1, bbq: 1 });
    // an optional single choice can go back to none
    expect(withOptionQuantity(testMenu, { topping: { cream: 1 } }, 'topping', 'cream', 0).topping).toEqual({});
    // unknown group or option: unchanged
    expect(withOptionQuantity(testMenu, options, 'nope', 'x', 1)).toBe(options);
  });

  it("takes an optional single choice back with its 'None', whichever option the group holds", async () => {
    const { store } = await ready();
    store.getState().openCustomizer({ kind: 'item', itemId: 'shake' });
    store.getState().setOptionQuantity({}, 'topping', 'cream', 1);
    expect(store.getState().customizer!.selection).toMatchObject({ options: { topping: { cream: 1 } } });
    store.getState().clearOptionGroup({}, 'topping');
    expect(store.getState().customizer!.selection).toMatchObject({ options: { topping: {} } });
    // Nothing chosen: the selection stays as it is.
    const before = store.getState().customizer!.selection;
    store.getState().clearOptionGroup({}, 'topping');
    expect(store.getState().customizer!.selection).toEqual(before);
  });

  it('edits a cart line in place and returns to the review; cancel leaves it untouched', async () => {
    const { store } = await ready();
    const lineId = addItem(store, 'fries');
    addItem(store, 'cola');
    store.getState().editLine(lineId);
    expect(store.getState().customizer?.origin).toEqual({ kind: 'edit', lineId });
    store.getState().setSize('large');
    store.getState().commitCustomizer();
    expect(store.getState().screen).toBe('review');
    expect(store.getState().lines.map((line) => line.lineId)[0]).toBe(lineId);
    expect(store.getState().lines[0]!.selection).toMatchObject({ itemId: 'fries', sizeId: 'large' });

    store.getState().editLine(lineId);
    store.getState().setSize('medium');
    store.getState().closeCustomizer();
    expect(store.getState().screen).toBe('review');
    expect(store.getState().lines[0]!.selection).toMatchObject({ sizeId: 'large' });
  });

  it('adds the line and closes the customiser in one update: no subscriber sees the line added under an open customiser', async () => {
    const { store } = await ready();
    store.getState().openCustomizer({ kind: 'item', itemId: 'fries' });
    const seen: { lines: number; customizerOpen: boolean; screen: string }[] = [];
    const stop = store.subscribe((state) => seen.push({ lines: state.lines.length, customizerOpen: state.customizer !== null, screen: state.screen }));
    store.getState().commitCustomizer();
    stop();
    // Fries offer no meal, so nothing else follows the add.
    expect(seen).toEqual([{ lines: 1, customizerOpen: false, screen: 'menu' }]);
  });

  it('closes the customiser back to the review when the line being edited is gone (staff removed it meanwhile), adding nothing', async () => {
    const { store } = await ready();
    const lineId = addItem(store, 'fries');
    store.getState().editLine(lineId);
    store.getState().removeLine(lineId);
    store.getState().commitCustomizer();
    expect(store.getState().customizer).toBeNull();
    expect(store.getState().screen).toBe('review');
    expect(store.getState().lines).toEqual([]);
  });
});

describe('cart', () => {
  it('changes quantity within 1..99', async () => {
    const { store } = await ready();
    const lineId = addItem(store, 'cola');
    store.getState().setQuantity(lineId, 3);
    expect(store.getState().lines[0]!.selection.quantity).toBe(3);
    store.getState().setQuantity(lineId, 0);
    expect(store.getState().lines[0]!.selection.quantity).toBe(1);
    store.getState().setQuantity(lineId, 500);
    expect(store.getState().lines[0]!.selection.quantity).toBe(99);
  });

  it('removes a line and undoes the removal once, in its old place', async () => {
    const { store } = await ready();
    const first = addItem(store, 'burger');
    const second = addItem(store, 'cola');
    const third = addItem(store, 'fries');
    store.getState().removeLine(second);
    expect(store.getState().lines.map((line) => line.lineId)).toEqual([first, third]);
    expect(store.getState().undoable?.kind).toBe('removed');
    store.getState().undo();
    expect(store.getState().lines.map((line) => line.lineId)).toEqual([first, second, third]);
    expect(store.getState().lastChange?.kind).toBe('undone');
    store.getState().undo();
    expect(store.getState().lines).toHaveLength(3);
  });

  it('makes one line of the same choices added again, whatever the order of their keys; other choices, items, a comped line and a full line stay apart', async () => {
    const { store } = await ready();
    const add = (selection: Parameters<ReturnType<typeof store.getState>['addLine']>[0]) => store.getState().addLine(selection);
    const burger = add({ kind: 'item', itemId: 'burger', removedIngredientIds: ['onion', 'pickles'], options: { extras: { cheese: 1, bacon: 1 } }, quantity: 1 });
    expect(add({ kind: 'item', itemId: 'burger', removedIngredientIds: ['pickles', 'onion'], options: { extras: { bacon: 1, cheese: 1 } }, quantity: 2 })).toBe(burger);
    expect(store.getState().lines).toHaveLength(1);
    expect(store.getState().lines[0]!.selection.quantity).toBe(3);
    // Other choices of the same item, and another item chosen the same way: lines of their own.
    expect(add({ kind: 'item', itemId: 'burger', removedIngredientIds: ['onion'], options: { extras: { cheese: 1, bacon: 1 } }, quantity: 1 })).not.toBe(burger);
    expect(add({ kind: 'item', itemId: 'fries', removedIngredientIds: [], options: {}, quantity: 1 })).not.toBe(add({ kind: 'item', itemId: 'cola', removedIngredientIds: [], options: {}, quantity: 1 }));
    expect(store.getState().lines).toHaveLength(4);
    // A comped line is never added to; a line at 99 is full.
    store.getState().setLineComp(burger, { by: 'staff-1', reason: 'goodwill', at: '2026-01-01T12:00:00.000Z' });
    const fresh = add({ kind: 'item', itemId: 'burger', removedIngredientIds: ['onion', 'pickles'], options: { extras: { cheese: 1, bacon: 1 } }, quantity: 1 });
    expect(fresh).not.toBe(burger);
    store.getState().setQuantity(fresh, 99);
    expect(add({ kind: 'item', itemId: 'burger', removedIngredientIds: ['onion', 'pickles'], options: { extras: { cheese: 1, bacon: 1 } }, quantity: 1 })).not.toBe(fresh);
    expect(store.getState().lines).toHaveLength(6);
  });

  it('undoes a quantity change', async () => {
    const { store } = await ready();
    const lineId = addItem(store, 'cola');
    store.getState().setQuantity(lineId, 4);
    store.getState().undo();
    expect(store.getState().lines[0]!.selection.quantity).toBe(1);
  });

  it('writes the draft to storage on every cart change and clears it when empty', async () => {
    const { store, calls, getDraft } = await ready();
    const lineId = addItem(store, 'cola');
    store.getState().setQuantity(lineId, 2);
    await flush();
    expect(calls.saveDraft.map((draft) => draft.lines[0]?.selection.quantity)).toEqual([1, 2]);
    expect(getDraft()).toMatchObject({ serviceMode: 'eat_in', locale: 'en' });
    store.getState().removeLine(lineId);
    await flush();
    expect(getDraft()).toBeUndefined();
  });
});

describe('checkout', () => {
  it('does not open checkout screens with an empty cart', async () => {
    const { store } = await ready();
    store.getState().goTo('review');
    expect(store.getState().screen).toBe('menu');
  });
});

describe('call staff', () => {
  it('opens and closes the dialog (the request itself is the help slice\'s, see staff-slice.test.ts)', async () => {
    const { store } = await ready();
    store.getState().openHelp();
    expect(store.getState().help).toEqual({ open: true });
    store.getState().closeHelp();
    expect(store.getState().help).toEqual({ open: false });
  });
});

describe('selectors', () => {
  it('count items by quantity and total the cart with the pricing engine', async () => {
    const { store } = await ready();
    const lineId = addItem(store, 'cola');
    addItem(store, 'burger');
    store.getState().setQuantity(lineId, 3);
    expect(selectCartCount(store.getState())).toBe(4);
    // cola 2.20 (medium) × 3 + burger 5.00
    expect(cartTotal(testMenu, store.getState().lines)).toBe(3 * 220 + 500);
  });
});

describe('recovery at start', () => {
  const storedOrder = (overrides: Partial<OrderDocument> = {}): OrderDocument => ({
    orderId: '00000000-0000-4000-8000-00000000abcd',
    storeId: 'test-store',
    kioskId: 'kiosk-1',
    menuVersion: '1',
    locale: 'en',
    serviceMode: 'eat_in',
    currency: 'EUR',
    lines: [],
    taxes: [],
    total: 450,
    orderNumber: 'T-007',
    status: 'queued',
    paymentMethod: 'counter',
    placedAt: '2026-01-01T11:58:00.000Z',
    updatedAt: '2026-01-01T11:59:00.000Z',
    ...overrides,
  });
  const payments = (report: Partial<PaymentRecovery>, printed: { kind: string; orderNumber: string }[]): PaymentDeps => ({
    getDeviceStatus: async () => ({ printer: 'ok', terminal: 'ok' }),
    placeOrder: async () => Promise.reject(new Error('not in this test')),
    payByCard: async () => Promise.reject(new Error('not in this test')),
    abortPayment: async () => undefined,
    resolvePayment: async () => Promise.reject(new Error('not in this test')),
    printTicket: async (input) => {
      printed.push({ kind: input.kind, orderNumber: input.order.orderNumber });
      return { result: 'printed', message: 'ok' };
    },
    onPrompt: () => () => undefined,
    beginPayment: async () => Promise.reject(new Error('not in this test')),
    recordPaymentOutcome: async () => Promise.reject(new Error('not in this test')),
    transitionOrder: async () => Promise.reject(new Error('not in this test')),
    lastAttempt: async () => undefined,
    ordersInDoubt: async () => [],
    recover: async () => ({ paymentsResolved: [], needsStaff: [], receiptsMissing: [], unpaidPlaced: [], awaitingConfirmation: [], ...report }),
  });

  it('shows the number of an order stored before the crash whose confirmation was never dismissed, before anything else', async () => {
    const printed: { kind: string; orderNumber: string }[] = [];
    const { store } = setup({ payments: payments({ awaitingConfirmation: [storedOrder()] }, printed) });
    await store.getState().loadStartup();
    expect(store.getState()).toMatchObject({ recovering: false, draftOffered: false, screen: 'confirmation', lastOrder: { orderNumber: 'T-007' } });
    // The pay-at-counter ticket is asked for again (the host prints a ticket that never printed, once).
    expect(printed).toEqual([{ kind: 'pay_at_counter', orderNumber: 'T-007' }]);
    expect(store.getState().outcome).toMatchObject({ receipt: 'printed', staffNeeded: false });
  });

  it('with nothing to show, offers the restored cart once recovery is done', async () => {
    const first = await ready();
    addItem(first.store, 'cola');
    await flush();
    const second = setup({ payments: payments({}, []) });
    second.setDraft(first.getDraft()!);
    await second.store.getState().loadStartup();
    expect(second.store.getState()).toMatchObject({ recovering: false, draftOffered: true, screen: 'attract' });
  });
});
