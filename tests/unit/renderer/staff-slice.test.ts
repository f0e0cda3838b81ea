// The staff slice and the offer triggers against the real kiosk store, with the
// host calls replaced by a recording fake: where a help request stands, staff
// sign-in answers, staff actions logged with who, and when help is offered.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KioskCallError } from '../../../common/contract/index';
import type { HandoffMessage } from '../../../common/store-bus/messages';
import type { StaffDeps } from '../../../renderer/state/staff-deps';
import { orderLine } from '../../../common/order/order';
import { orderFromCart } from '../../../renderer/state/selectors';
import { cartTotal } from '../../../renderer/state/selectors';
import { createKioskStore } from '../../../renderer/state/store';
import type { KioskDeps, SessionEvent } from '../../../renderer/state/types';
import { STALL_MS, watchForHelpOffers } from '../../../renderer/services/help-offers';
import { holdSessionWhileHelped } from '../../../renderer/services/session-hold';
import { testMenu, testStore } from './fixtures';

const HANDOFF_ID = '11111111-1111-4111-8111-111111111111';
const SESSION_ID = '22222222-2222-4222-8222-222222222222';

function setup(staffOverrides: Partial<StaffDeps> | null = {}) {
  const events: SessionEvent[] = [];
  const calls: { name: string; input: unknown }[] = [];
  let ids = 0;
  const staff: StaffDeps = {
    callStaff: async (input) => (calls.push({ name: 'callStaff', input }), { handoffId: HANDOFF_ID, outcome: 'notified' }),
    cancelHelpRequest: async (handoffId, outcome) => (calls.push({ name: 'cancelHelpRequest', input: outcome ? { handoffId, outcome } : handoffId }), true),
    getHelpRequest: async () => null,
    verifyStaffPin: async (username) => ({ staffSessionId: SESSION_ID, staffName: username }),
    endStaffSession: async (id) => void calls.push({ name: 'endStaffSession', input: id }),
    logStaffAction: async (input) => (calls.push({ name: 'logStaffAction', input }), { staffName: 'sam', at: '2026-01-01T12:00:01.000Z' }),
    resolveHelpRequest: async (input) => (calls.push({ name: 'resolveHelpRequest', input }), true),
    transitionOrder: async () => {
      throw new Error('not used here');
    },
    ...staffOverrides,
  };
  const deps: KioskDeps = {
    getStartup: async () => ({ store: testStore, menu: testMenu, assetBase: 'menu' }),
    placeOrder: async () => {
      throw new Error('not used here');
    },
    saveDraft: async () => undefined,
    loadDraft: async () => undefined,
    clearDraft: async () => undefined,
    recordEvent: async (event) => void events.push(event),
    now: () => new Date('2026-01-01T12:00:00Z'),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    ...(staffOverrides === null ? {} : { staff }),
  };
  const store = createKioskStore(deps);
  return { store, events, calls };
}

async function ready(staffOverrides: Partial<StaffDeps> | null = {}) {
  const context = setup(staffOverrides);
  await context.store.getState().loadStartup();
  context.store.getState().start();
  context.store.getState().chooseServiceMode('eat_in');
  context.store.getState().openCustomizer({ kind: 'item', itemId: 'cola' });
  context.store.getState().commitCustomizer();
  return context;
}

const handoff = (extra: Partial<HandoffMessage>): HandoffMessage =>
  ({ handoffId: HANDOFF_ID, storeId: 's', kioskId: 'k', reason: 'allergy_question', screen: 'menu', cart: { currency: 'EUR', lines: [], total: 0 }, trigger: 'customer', openedAt: '2026-01-01T12:00:00.000Z', state: 'open', ...extra }) as HandoffMessage;

afterEach(() => vi.useRealTimers());

describe('call staff progress', () => {
  it('sends reason, screen and the cart; shows on the way → who is coming → resolved', async () => {
    const { store, calls, events } = await ready();
    await store.getState().sendHelpRequest('allergy_question');
    expect(calls[0]).toEqual({
      name: 'callStaff',
      input: { reason: 'allergy_question', screen: 'menu', trigger: 'customer', sessionId: expect.any(String), cart: { currency: 'EUR', total: 220, lines: [{ title: expect.stringContaining('Cola'), details: [], quantity: 1, total: 220 }] } },
    });
    expect(store.getState().helpRequest).toMatchObject({ handoffId: HANDOFF_ID, stage: 'on_the_way' });
    expect(events.map((event) => event.type)).toContain('staff_called');

    store.getState().applyHostEvent({ type: 'staff.handoff', handoff: handoff({ state: 'acknowledged', acknowledgedBy: { role: 'staff', name: 'Sam' }, acknowledgedAt: '2026-01-01T12:00:05.000Z' } as Partial<HandoffMessage>) });
    expect(store.getState().helpRequest).toMatchObject({ stage: 'coming', staffName: 'Sam' });
    // Another kiosk's request (another id) changes nothing.
    store.getState().applyHostEvent({ type: 'staff.handoff', handoff: handoff({ handoffId: '33333333-3333-4333-8333-333333333333', state: 'resolved', resolvedBy: { role: 'staff', name: 'Bo' }, resolvedAt: '2026-01-01T12:01:00.000Z', outcome: 'helped' } as Partial<HandoffMessage>) });
    expect(store.getState().helpRequest?.stage).toBe('coming');
    store.getState().applyHostEvent({ type: 'staff.handoff', handoff: handoff({ state: 'resolved', resolvedBy: { role: 'staff', name: 'Sam' }, resolvedAt: '2026-01-01T12:01:00.000Z', outcome: 'helped' } as Partial<HandoffMessage>) });
    expect(store.getState().helpRequest).toMatchObject({ stage: 'resolved', outcome: 'helped' });
    store.getState().dismissHelpRequest();
    expect(store.getState().helpRequest).toBeNull();
  });

  it('lets the customer cancel and keep ordering', async () => {
    const { store, calls } = await ready();
    store.getState().openHelp();
    await store.getState().sendHelpRequest('help_with_order');
    await store.getState().cancelHelpRequest();
    expect(calls.at(-1)).toEqual({ name: 'cancelHelpRequest', input: HANDOFF_ID });
    expect(store.getState().helpRequest).toBeNull();
    expect(store.getState().help.open).toBe(false);
    expect(store.getState().lines).toHaveLength(1);
  });

  it('says to ask at the counter when staff cannot be reached, whatever the reason', async () => {
    const none = await ready(null);
    await none.store.getState().sendHelpRequest('other');
    expect(none.store.getState().helpRequest?.stage).toBe('ask_at_counter');
    const refused = await ready({ callStaff: async () => ({ handoffId: HANDOFF_ID, outcome: 'ask_at_counter' }) });
    await refused.store.getState().sendHelpRequest('other');
    expect(refused.store.getState().helpRequest?.stage).toBe('ask_at_counter');
    const failing = await ready({ callStaff: () => Promise.reject(new Error('host gone')) });
    await failing.store.getState().sendHelpRequest('other');
    expect(failing.store.getState().helpRequest?.stage).toBe('ask_at_counter');
  });
});

describe('staff mode', () => {
  it('tells a wrong PIN from a lockout, and logs every action with who', async () => {
    const wrong = await ready({ verifyStaffPin: () => Promise.reject(new KioskCallError('wrong_pin', 'staff sign-in refused for sam: wrong name or PIN')) });
    await wrong.store.getState().signInStaff('sam', '0000');
    expect(wrong.store.getState().staffSignIn.error).toBe('wrong_pin');
    const locked = await ready({ verifyStaffPin: () => Promise.reject(new KioskCallError('locked_out', 'refused') /* the code decides, never the words */) });
    await locked.store.getState().signInStaff('sam', '4711');
    expect(locked.store.getState().staffSignIn.error).toBe('locked_out');
    expect(locked.store.getState().staffMode).toBeNull();

    const { store, calls, events } = await ready();
    await store.getState().sendHelpRequest('accessibility');
    await store.getState().signInStaff('sam', '4711');
    expect(store.getState().staffMode).toEqual({ staffSessionId: SESSION_ID, staffName: 'sam', manager: false });
    const lineId = store.getState().lines[0]!.lineId;
    await store.getState().staffRemoveLine(lineId, 'Wrong item');
    expect(store.getState().lines).toEqual([]);
    await store.getState().staffResolveHelp('helped');
    expect(calls.find((call) => call.name === 'resolveHelpRequest')?.input).toEqual({ staffSessionId: SESSION_ID, handoffId: HANDOFF_ID, outcome: 'helped' });
    await store.getState().exitStaffMode();
    expect(store.getState().staffMode).toBeNull();
    expect(calls.filter((call) => call.name === 'logStaffAction').map((call) => (call.input as { action: string }).action)).toEqual(['signed_in', 'item_removed', 'help_resolved', 'signed_out']);
    const logged = events.filter((event) => event.type === 'staff_action').map((event) => event.detail);
    expect(logged[1]).toMatchObject({ action: 'item_removed', staff: 'sam', at: '2026-01-01T12:00:01.000Z', reason: 'Wrong item' });
  });
});

describe('staff mode guardrails', () => {
  it('does nothing without a chosen reason; a cancellation is logged (and so allowed by the host) before anything is cancelled', async () => {
    const refused = await ready({
      verifyStaffPin: async (username) => ({ staffSessionId: SESSION_ID, staffName: username, manager: false }),
      logStaffAction: async (input) => {
        if (input.action === 'order_cancelled') throw new KioskCallError('manager_required', 'order_cancelled by sam refused: cancelling an order needs a manager');
        return { staffName: 'sam', at: '2026-01-01T12:00:01.000Z' };
      },
    });
    await refused.store.getState().signInStaff('sam', '4711');
    const lineId = refused.store.getState().lines[0]!.lineId;
    await refused.store.getState().staffRemoveLine(lineId, '');
    expect(refused.store.getState().staffNotice).toEqual({ step: 'remove', problem: 'choose_reason' });
    await refused.store.getState().staffCompLine(lineId, '');
    expect(refused.store.getState().staffNotice).toEqual({ step: 'comp', problem: 'choose_reason' });
    await refused.store.getState().staffCancelOrder('');
    expect(refused.store.getState().staffNotice).toEqual({ step: 'cancel_order', problem: 'choose_reason' });
    await refused.store.getState().staffCancelOrder('customer_left');
    expect(refused.store.getState().staffNotice).toEqual({ step: 'cancel_order', problem: 'manager_required' });
    // Nothing was cancelled: the cart, the session and staff mode are as they were.
    expect(refused.store.getState()).toMatchObject({ screen: 'menu', lines: [{ lineId }], staffMode: { staffName: 'sam', manager: false } });

    const manager = await ready({ verifyStaffPin: async (username) => ({ staffSessionId: SESSION_ID, staffName: username, manager: true }) });
    await manager.store.getState().signInStaff('alex', '7395');
    expect(manager.store.getState().staffMode).toMatchObject({ manager: true });
    await manager.store.getState().staffCancelOrder('customer_changed_mind');
    expect(manager.store.getState()).toMatchObject({ screen: 'attract', lines: [], staffMode: null });
    expect(manager.calls.filter((call) => call.name === 'logStaffAction').map((call) => call.input)).toContainEqual(expect.objectContaining({ action: 'order_cancelled', reason: 'customer_changed_mind' }));
  });
});

describe('offers of help', () => {
  it('after a long stall in the customiser, never while a request or staff mode is on', async () => {
    vi.useFakeTimers();
    const { store } = await ready();
    const stop = watchForHelpOffers(store);
    store.getState().openCustomizer({ kind: 'item', itemId: 'cola' });
    vi.advanceTimersByTime(STALL_MS - 1000);
    expect(store.getState().helpOffer).toBeNull();
    vi.advanceTimersByTime(2000);
    expect(store.getState().helpOffer).toBe('stalled');
    store.getState().declineHelpOffer();
    expect(store.getState().helpOffer).toBeNull();
    stop();
  });

  it('after two card declines, an unknown payment outcome or a printer failure; accepting calls staff as an offer', async () => {
    const { store, calls } = await ready();
    const stop = watchForHelpOffers(store);
    const declined = { step: 'declined', result: 'declined', reason: null } as const;
    store.setState({ payment: declined });
    store.setState({ payment: { step: 'choose' } });
    expect(store.getState().helpOffer).toBeNull();
    store.setState({ payment: declined });
    expect(store.getState().helpOffer).toBe('payment_declined');
    await store.getState().acceptHelpOffer();
    expect(calls.at(-1)).toMatchObject({ name: 'callStaff', input: { reason: 'payment_problem', trigger: 'offer' } });
    expect(store.getState().help.open).toBe(true);
    stop();

    for (const [change, kind] of [
      [{ outcome: { receipt: 'none', checkedWithTerminal: true, staffNeeded: true } }, 'payment_unknown'],
      [{ outcome: { receipt: 'failed', checkedWithTerminal: false, staffNeeded: false } }, 'printer_failed'],
    ] as const) {
      const other = await ready();
      const stopOther = watchForHelpOffers(other.store);
      other.store.setState(change);
      expect(other.store.getState().helpOffer).toBe(kind);
      stopOther();
    }
  });

  it('after going back three times without adding anything', async () => {
    const { store } = await ready();
    const stop = watchForHelpOffers(store);
    for (let round = 0; round < 3; round++) {
      store.getState().openCustomizer({ kind: 'item', itemId: 'cola' });
      expect(store.getState().helpOffer).toBeNull();
      store.getState().closeCustomizer();
    }
    expect(store.getState().helpOffer).toBe('going_back');
    stop();
  });
});

describe('the session while help is on the way', () => {
  it('still asks a customer waiting for help (InactivityGuard waits longer and never resets on its own); staff at work are not asked', async () => {
    const { store } = await ready();
    const stop = holdSessionWhileHelped(store);
    await store.getState().sendHelpRequest('accessibility');
    store.getState().showInactivityPrompt();
    expect(store.getState().inactivityPrompt).toBe(true);
    store.getState().extendSession();
    await store.getState().signInStaff('sam', '4711');
    store.getState().showInactivityPrompt();
    expect(store.getState().inactivityPrompt).toBe(false);
    stop();
  });

  it('closes an open request as "customer left" when its session ends; the next session sees nothing of it', async () => {
    const { store, calls, events } = await ready();
    const stop = holdSessionWhileHelped(store);
    store.getState().openHelp();
    await store.getState().sendHelpRequest('payment_problem');
    store.getState().applyHostEvent({ type: 'staff.handoff', handoff: handoff({ state: 'acknowledged', acknowledgedBy: { role: 'staff', name: 'Sam' }, acknowledgedAt: '2026-01-01T12:00:05.000Z' } as Partial<HandoffMessage>) });
    await store.getState().resetSession();
    await vi.waitFor(() => expect(calls.at(-1)).toEqual({ name: 'cancelHelpRequest', input: { handoffId: HANDOFF_ID, outcome: 'customer_left' } }));
    expect(store.getState()).toMatchObject({ helpRequest: null, helpOffer: null, help: { open: false } });
    await vi.waitFor(() => expect(events.find((event) => event.type === 'staff_call_closed')?.detail).toEqual({ handoffId: HANDOFF_ID, outcome: 'customer_left' }));
    // The next customer: a late acknowledgement of the old request shows nothing.
    store.getState().start();
    store.getState().applyHostEvent({ type: 'staff.handoff', handoff: handoff({ state: 'acknowledged', acknowledgedBy: { role: 'staff', name: 'Sam' }, acknowledgedAt: '2026-01-01T12:00:06.000Z' } as Partial<HandoffMessage>) });
    expect(store.getState().helpRequest).toBeNull();
    stop();
  });

  it('never restores a request made in another session, and closes it; a close that cannot get through is tried again when the store is back', async () => {
    let reachable = false;
    const { store, calls } = await ready({
      cancelHelpRequest: async (handoffId, outcome) => {
        calls.push({ name: 'cancelHelpRequest', input: { handoffId, outcome } });
        if (!reachable) throw new KioskCallError('unavailable', 'the store bus is not connected');
        return true;
      },
    });
    store.getState().restoreHelpRequest(handoff({}), 'an-earlier-session');
    expect(store.getState().helpRequest).toBeNull();
    await vi.waitFor(() => expect(calls.filter((call) => call.name === 'cancelHelpRequest')).toHaveLength(1));
    reachable = true;
    store.getState().applyHostEvent({ type: 'storeBus.connection', online: true });
    await vi.waitFor(() => expect(calls.filter((call) => call.name === 'cancelHelpRequest')).toHaveLength(2));
    expect(calls.at(-1)).toEqual({ name: 'cancelHelpRequest', input: { handoffId: HANDOFF_ID, outcome: 'customer_left' } });
    // Its own session sees it again after a reload.
    const own = await ready();
    own.store.getState().restoreHelpRequest(handoff({}), own.store.getState().session!.id);
    expect(own.store.getState().helpRequest).toMatchObject({ handoffId: HANDOFF_ID, stage: 'on_the_way' });
  });

  it('closes a request whose customer left while it was being sent', async () => {
    let answer: (value: { handoffId: string; outcome: 'notified' }) => void = () => undefined;
    const { store, calls } = await ready({ callStaff: () => new Promise((resolve) => (answer = resolve)) });
    const stop = holdSessionWhileHelped(store);
    const sending = store.getState().sendHelpRequest('other');
    await store.getState().resetSession();
    answer({ handoffId: HANDOFF_ID, outcome: 'notified' });
    await sending;
    expect(store.getState().helpRequest).toBeNull();
    expect(calls.at(-1)).toEqual({ name: 'cancelHelpRequest', input: { handoffId: HANDOFF_ID, outcome: 'customer_left' } });
    stop();
  });

  it('does not show the last customer\'s finished request or offer to the next one', async () => {
    const { store } = await ready(null);
    const stop = holdSessionWhileHelped(store);
    await store.getState().sendHelpRequest('other');
    expect(store.getState().helpRequest?.stage).toBe('ask_at_counter');
    store.setState({ helpOffer: 'stalled' });
    await store.getState().resetSession();
    expect(store.getState().helpRequest).toBeNull();
    expect(store.getState().helpOffer).toBeNull();
    stop();
  });
});

describe('comp a line in staff mode', () => {
  it('logs who and why first, then the line costs 0 with its comp; the order carries it and its tax rows leave it out', async () => {
    const { store, calls, events } = await ready();
    store.getState().openCustomizer({ kind: 'item', itemId: 'burger' });
    store.getState().commitCustomizer();
    const [cola, burger] = store.getState().lines;
    await store.getState().signInStaff('sam', '4711');

    await store.getState().staffCompLine(cola!.lineId, 'long_wait', '  waited 20 minutes ');
    const comp = { by: 'sam', reason: 'long_wait', note: 'waited 20 minutes', at: '2026-01-01T12:00:01.000Z' };
    expect(store.getState().lines[0]).toEqual({ ...cola, comp });
    expect(store.getState().staffNotice).toBeNull();
    expect(cartTotal(testMenu, store.getState().lines)).toBe(500);
    expect(calls.filter((call) => call.name === 'logStaffAction').map((call) => call.input)).toContainEqual({
      staffSessionId: SESSION_ID,
      action: 'item_comped',
      reason: 'long_wait: waited 20 minutes',
      detail: { lineId: cola!.lineId, title: expect.stringContaining('Cola'), waivedTotal: 220 },
    });
    expect(events.find((event) => event.type === 'staff_action' && event.detail?.action === 'item_comped')?.detail).toMatchObject({ staff: 'sam', reason: 'long_wait: waited 20 minutes', waivedTotal: 220 });

    const order = orderFromCart(store.getState(), '33333333-3333-4333-8333-333333333333')!;
    expect(order.lines[0]).toMatchObject({ unitPrice: 0, total: 0, comp: { ...comp, waivedTotal: 220 } });
    expect(orderLine.parse(order.lines[0])).toEqual(order.lines[0]);
    expect(order.lines[1]).toMatchObject({ lineId: burger!.lineId, total: 500 });
    expect(order.lines[1]!.comp).toBeUndefined();
    expect(order.total).toBe(500);
    // Only the burger's food rate: the comped cola adds nothing to the 19 % row.
    expect(order.taxes.map(({ rateId, gross }) => [rateId, gross])).toEqual([['reduced', 500]]);

    // A comped line is comped once, and its quantity is fixed: more would be given away unlogged.
    await store.getState().staffCompLine(cola!.lineId, 'goodwill');
    expect(store.getState().lines[0]!.comp).toEqual(comp);
    await store.getState().staffSetQuantity(cola!.lineId, 2);
    expect(store.getState().lines[0]).toMatchObject({ selection: { quantity: 1 }, comp });
    expect(store.getState().staffNotice).toEqual({ step: 'quantity', problem: 'comp_fixed' });
    expect(cartTotal(testMenu, store.getState().lines)).toBe(500);
    // Changing what the line is (the customiser) is a new line: the comp does not carry over.
    store.getState().replaceLine(cola!.lineId, { ...cola!.selection, quantity: 1 });
    expect(store.getState().lines[0]!.comp).toBeUndefined();
    // Undo brings the comped line back as it was.
    store.getState().undo();
    expect(store.getState().lines[0]!.comp).toEqual(comp);
  });

  it('does not give anything away when the action cannot be logged', async () => {
    const { store } = await ready({
      logStaffAction: async (input) => {
        if (input.action === 'item_comped') throw new Error('the host did not answer');
        return { staffName: 'sam', at: '2026-01-01T12:00:01.000Z' };
      },
    });
    await store.getState().signInStaff('sam', '4711');
    const [cola] = store.getState().lines;
    await store.getState().staffCompLine(cola!.lineId, 'wrong_item');
    expect(store.getState().lines[0]!.comp).toBeUndefined();
    expect(cartTotal(testMenu, store.getState().lines)).toBe(220);
    expect(store.getState().staffNotice).toEqual({ step: 'comp', problem: 'failed' });
  });
});

describe('leaving staff mode', () => {
  it('waits for a staff action still running, so it is logged under its staff member before signing out', async () => {
    let finishLog: () => void = () => undefined;
    const logged: string[] = [];
    const { store } = await ready({
      logStaffAction: async (input) => {
        // The comp's log answers late (a busy host); sign-out must not overtake it.
        if (input.action === 'item_comped') await new Promise<void>((resolve) => (finishLog = resolve));
        logged.push(input.action);
        return { staffName: 'sam', at: '2026-01-01T12:00:01.000Z' };
      },
    });
    await store.getState().signInStaff('sam', '4711');
    const [cola] = store.getState().lines;
    const comping = store.getState().staffCompLine(cola!.lineId, 'goodwill');
    const leaving = store.getState().exitStaffMode();
    await Promise.resolve();
    expect(store.getState().staffMode).not.toBeNull();
    finishLog();
    await Promise.all([comping, leaving]);
    expect(logged).toEqual(['signed_in', 'item_comped', 'signed_out']);
    expect(store.getState().lines[0]!.comp).toMatchObject({ by: 'sam', reason: 'goodwill' });
    expect(store.getState().staffMode).toBeNull();
  });
});
