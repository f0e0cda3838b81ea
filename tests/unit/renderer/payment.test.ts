// The live payment path of the kiosk store, with the host's devices and the data layer played by
// an in-memory fake that follows the real order lifecycle (common/order/order-lifecycle): choose
// card → settle → resolve in doubt, the busy guard, and paying at the counter.
import { describe, expect, it } from 'vitest';
import type { CardPaymentOutcome, DeviceStatus, PaymentResolutionOutput, PrintOutcome } from '../../../common/contract/devices';
import type { OrderDocument } from '../../../common/order/order';
import { nextState, type LifecycleEvent } from '../../../common/order/order-lifecycle';
import { BUSY_STEPS, nextPaymentStep, paymentBusy, type PaymentFlow } from '../../../renderer/state/payment/flow';
import type { PaymentDeps, StoredPaymentResult } from '../../../renderer/state/payment-slice';
import { createKioskStore } from '../../../renderer/state/store';
import type { KioskDeps, NewOrder } from '../../../renderer/state/types';
import { testMenu, testStore } from './fixtures';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const RESULT_EVENTS: Record<StoredPaymentResult, LifecycleEvent> = {
  approved: 'payment_approved',
  declined: 'payment_declined',
  aborted: 'payment_aborted',
  no_answer: 'payment_no_answer',
  resolved_paid: 'payment_resolved_paid',
  resolved_not_paid: 'payment_resolved_not_paid',
};

interface Scripted {
  status?: DeviceStatus;
  /** One answer per payByCard call, in order; a thrown error plays a lost link. */
  pay?: (CardPaymentOutcome | Error)[];
  resolve?: PaymentResolutionOutput[];
  print?: PrintOutcome['result'];
  placeFails?: number;
}

/** The devices and the order store, in memory; every call is logged in order. */
function fakeKiosk(script: Scripted = {}) {
  const orders = new Map<string, OrderDocument>();
  const log: string[] = [];
  const placedIds: string[] = [];
  const outcomes: { result: StoredPaymentResult; terminal?: unknown }[] = [];
  const printed: { kind: string; reason?: string }[] = [];
  const attempts: string[] = [];
  const promptListeners = new Set<(paymentKey: string, prompt: 'enter_pin') => void>();
  let placeFailures = script.placeFails ?? 0;
  const pay = [...(script.pay ?? [])];
  const resolve = [...(script.resolve ?? [])];
  let numbers = 0;

  const apply = (orderId: string, event: LifecycleEvent): OrderDocument => {
    const order = orders.get(orderId)!;
    const next = nextState(order, event);
    const updated = { ...order, ...next };
    orders.set(orderId, updated);
    return updated;
  };

  const placeOrder = async (order: NewOrder, method: 'card' | 'counter'): Promise<OrderDocument> => {
    log.push(`placeOrder ${method}`);
    placedIds.push(order.orderId);
    if (placeFailures > 0) {
      placeFailures -= 1;
      throw new Error('transaction aborted');
    }
    const known = orders.get(order.orderId);
    if (known) return known;
    const at = '2026-01-01T12:00:00.000Z';
    const stored: OrderDocument = { ...order, orderNumber: `T-${String(++numbers).padStart(3, '0')}`, status: method === 'counter' ? 'awaiting_counter_payment' : 'placed', paymentMethod: method, placedAt: at, updatedAt: at };
    orders.set(order.orderId, stored);
    return stored;
  };

  const payments: PaymentDeps = {
    getDeviceStatus: async () => script.status ?? { printer: 'ok', terminal: 'ok' },
    placeOrder: async (order) => void log.push(`host placeOrder ${order.status}`),
    payByCard: async (input) => {
      log.push(`payByCard ${input.paymentKey}`);
      for (const listener of promptListeners) listener(input.paymentKey, 'enter_pin');
      const next = pay.shift();
      if (!next) throw new Error('the test gave no answer for this payment');
      if (next instanceof Error) throw next;
      return { ...next, paymentKey: input.paymentKey };
    },
    abortPayment: async () => void log.push('abortPayment'),
    resolvePayment: async (_orderId, paymentKey) => {
      log.push(`resolvePayment ${paymentKey}`);
      const next = resolve.shift();
      if (!next) throw new Error('the test gave no answer for this resolution');
      return { ...next, paymentKey };
    },
    printTicket: async (input) => {
      log.push(`printTicket ${input.kind}`);
      printed.push({ kind: input.kind, reason: input.note?.reason });
      return script.print === 'failed' ? { result: 'failed', message: 'paper out' } : { result: 'printed', message: 'ok' };
    },
    onPrompt: (listener) => {
      promptListeners.add(listener);
      return () => promptListeners.delete(listener);
    },
    beginPayment: async (orderId) => {
      log.push('beginPayment');
      const paymentKey = `${orderId}#${attempts.filter((key) => key.startsWith(orderId)).length + 1}`;
      attempts.push(paymentKey);
      return { order: apply(orderId, 'payment_requested'), attempt: { paymentKey, requestedAt: '2026-01-01T12:00:01.000Z' } };
    },
    recordPaymentOutcome: async (orderId, outcome) => {
      log.push(`recordPaymentOutcome ${outcome.result}`);
      outcomes.push(outcome);
      return apply(orderId, RESULT_EVENTS[outcome.result]);
    },
    transitionOrder: async (orderId, event) => {
      log.push(`transitionOrder ${event}`);
      return apply(orderId, event);
    },
    lastAttempt: async () => undefined,
    ordersInDoubt: async () => [],
    recover: async () => ({ paymentsResolved: [], needsStaff: [], receiptsMissing: [], unpaidPlaced: [], awaitingConfirmation: [] }),
  };

  const events: string[] = [];
  let ids = 0;
  const deps: KioskDeps = {
    getStartup: async () => ({ store: testStore, menu: testMenu, assetBase: 'menu' }),
    placeOrder,
    saveDraft: async () => undefined,
    loadDraft: async () => undefined,
    clearDraft: async () => undefined,
    recordEvent: async (event) => void events.push(event.type),
    payments,
    now: () => new Date('2026-01-01T12:00:00Z'),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  };
  return { deps, orders, log, placedIds, outcomes, printed, events };
}

/** A customer with a cola in the cart on the payment screen. */
async function atPayment(script: Scripted = {}) {
  const kiosk = fakeKiosk(script);
  const store = createKioskStore(kiosk.deps);
  await store.getState().loadStartup();
  store.getState().start();
  store.getState().chooseServiceMode('take_away');
  store.getState().openCustomizer({ kind: 'item', itemId: 'cola' });
  store.getState().commitCustomizer();
  store.getState().goTo('payment');
  return { store, ...kiosk };
}

const approved = (): CardPaymentOutcome => ({
  paymentKey: '',
  result: 'approved',
  amountMinor: 220,
  terminal: { maskedPan: '############1234', authCode: 'A1B2C3', trace: 42, receiptNumber: 7, cardBrand: 'girocard' },
});

describe('payment flow table', () => {
  const steps: PaymentFlow[] = [
    { step: 'choose' },
    { step: 'checking_printer' },
    { step: 'printer_warning', printer: 'paper_out' },
    { step: 'terminal_down' },
    { step: 'placing' },
    { step: 'card', paymentKey: 'k#1', prompt: null, cancelling: false },
    { step: 'declined', result: 'declined', reason: 'declined_by_bank' },
    { step: 'checking' },
    { step: 'finishing' },
    { step: 'failed' },
  ];

  it('starts a payment and goes back only from a step where no money moves', () => {
    for (const flow of steps) {
      // The device check ends in the payment itself when the devices are ready.
      expect(nextPaymentStep(flow, { type: 'start' }) === null, flow.step).toBe((paymentBusy(flow) && flow.step !== 'checking_printer') || flow.step === 'terminal_down');
      expect(nextPaymentStep(flow, { type: 'back' }) === null, flow.step).toBe(paymentBusy(flow));
    }
    expect([...BUSY_STEPS].sort()).toEqual(['card', 'checking', 'checking_printer', 'finishing', 'placing']);
  });

  it('takes prompts only for the payment on the terminal, and a cancel once', () => {
    const card: PaymentFlow = { step: 'card', paymentKey: 'k#2', prompt: null, cancelling: false };
    expect(nextPaymentStep(card, { type: 'prompt', paymentKey: 'k#1', prompt: 'enter_pin' })).toBeNull();
    expect(nextPaymentStep(card, { type: 'prompt', paymentKey: 'k#2', prompt: 'enter_pin' })).toEqual({ ...card, prompt: 'enter_pin' });
    const cancelling = nextPaymentStep(card, { type: 'cancel' })!;
    expect(cancelling).toEqual({ ...card, cancelling: true });
    expect(nextPaymentStep(cancelling, { type: 'cancel' })).toBeNull();
    expect(nextPaymentStep({ step: 'choose' }, { type: 'refused', result: 'declined', reason: null })).toBeNull();
  });
});

describe('card payment', () => {
  it('places the order, writes payment_pending before the terminal hears of it, records the approval, prints the receipt and shows the number', async () => {
    const { store, log, outcomes, printed, orders, events } = await atPayment({ pay: [approved()] });
    const prompts: (string | null)[] = [];
    store.subscribe((state) => state.payment.step === 'card' && prompts.push(state.payment.prompt));
    await store.getState().chooseCard();

    expect(log).toEqual([
      'placeOrder card',
      // The stored order goes to the host (priced and journaled there) before payment_pending and the charge.
      'host placeOrder placed',
      'beginPayment',
      expect.stringMatching(/^payByCard .+#1$/),
      'recordPaymentOutcome approved',
      'printTicket receipt',
      'transitionOrder receipt_printed',
      'transitionOrder queued',
    ]);
    expect(prompts).toContain('enter_pin');
    // Stored as the contract gives it: one terminal-reference shape from the terminal to Dexie to the receipt.
    expect(outcomes[0]).toEqual({ result: 'approved', terminal: approved().terminal });
    // The receipt names no payment: the host prints the one in its journal.
    expect(printed[0]).toEqual({ kind: 'receipt', reason: undefined });
    const order = [...orders.values()][0]!;
    expect(order.status).toBe('queued');
    expect(store.getState()).toMatchObject({ screen: 'confirmation', lines: [], placing: 'idle', payment: { step: 'choose' }, lastOrder: { orderNumber: 'T-001' } });
    expect(store.getState().outcome).toEqual({ receipt: 'printed', checkedWithTerminal: false, staffNeeded: false });
    expect(events).toContain('completed');
  });

  it('starts one payment however often "Pay by card" is pressed', async () => {
    const { store, log } = await atPayment({ pay: [approved()] });
    await Promise.all([store.getState().chooseCard(), store.getState().chooseCard(), store.getState().retryCard(), store.getState().payAtCounter()]);
    expect(log.filter((entry) => entry.startsWith('payByCard'))).toHaveLength(1);
    expect(log.filter((entry) => entry.startsWith('placeOrder'))).toEqual(['placeOrder card']);
  });

  it('after a decline tries the same order again with a new payment key', async () => {
    const { store, log, placedIds } = await atPayment({ pay: [{ paymentKey: '', result: 'declined', reason: 'insufficient_funds', amountMinor: 220 }, approved()] });
    await store.getState().chooseCard();
    expect(store.getState().payment).toEqual({ step: 'declined', result: 'declined', reason: 'insufficient_funds' });
    expect(store.getState()).toMatchObject({ screen: 'payment', placing: 'idle' });
    expect(store.getState().lines).toHaveLength(1);

    await store.getState().retryCard();
    expect(new Set(placedIds).size).toBe(1);
    expect(log.filter((entry) => entry.startsWith('payByCard')).map((entry) => entry.slice(-2))).toEqual(['#1', '#2']);
    expect(store.getState().screen).toBe('confirmation');
  });

  it('resolves a payment whose answer was lost with the terminal, never charging again', async () => {
    const { store, log, outcomes } = await atPayment({
      pay: [new Error('kiosk link lost')],
      resolve: [{ paymentKey: '', result: 'approved', message: 'repeat receipt', terminal: { trace: 43, receiptNumber: 8 } }],
    });
    await store.getState().chooseCard();
    expect(log.filter((entry) => entry.startsWith('payByCard'))).toHaveLength(1);
    expect(log).toContain(log.find((entry) => entry.startsWith('resolvePayment'))!);
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['no_answer', 'resolved_paid']);
    expect(store.getState()).toMatchObject({ screen: 'confirmation', outcome: { receipt: 'printed', checkedWithTerminal: true, staffNeeded: false } });
  });

  it('lets the customer pay again when the terminal says nothing was charged', async () => {
    const { store, outcomes } = await atPayment({ pay: [new Error('kiosk link lost')], resolve: [{ paymentKey: '', result: 'not_paid', message: 'no transaction' }] });
    await store.getState().chooseCard();
    expect(outcomes.map((outcome) => outcome.result)).toEqual(['no_answer', 'resolved_not_paid']);
    expect(store.getState().payment).toEqual({ step: 'declined', result: 'aborted', reason: 'not_charged' });
    expect(store.getState().lines).toHaveLength(1);
  });

  it('hands a payment nobody can settle to staff: a slip, the number on screen, no second charge', async () => {
    const { store, log, printed } = await atPayment({ pay: [new Error('kiosk link lost')], resolve: [{ paymentKey: '', result: 'unknown', message: 'terminal silent' }] });
    await store.getState().chooseCard();
    expect(log.filter((entry) => entry.startsWith('payByCard'))).toHaveLength(1);
    expect(printed).toEqual([{ kind: 'unresolved_payment', reason: 'terminal silent' }]);
    expect(store.getState()).toMatchObject({ screen: 'confirmation', lines: [], outcome: { staffNeeded: true }, lastOrder: { status: 'payment_unknown' } });
  });

  it('asks before paying without a receipt when the printer cannot print, and prints none', async () => {
    const { store, log } = await atPayment({ status: { printer: 'paper_out', terminal: 'ok' }, pay: [approved()] });
    await store.getState().chooseCard();
    expect(store.getState().payment).toEqual({ step: 'printer_warning', printer: 'paper_out' });
    expect(log).toEqual([]);
    await store.getState().continueWithoutReceipt();
    expect(log).not.toContain('printTicket receipt');
    expect(store.getState()).toMatchObject({ screen: 'confirmation', outcome: { receipt: 'skipped' } });
  });

  it('says card payment is down without placing anything when the terminal is down', async () => {
    const { store, log } = await atPayment({ status: { printer: 'ok', terminal: 'down' } });
    await store.getState().chooseCard();
    expect(store.getState().payment).toEqual({ step: 'terminal_down' });
    expect(log).toEqual([]);
  });
});

describe('pay at the counter', () => {
  it('prices and stores the order, shows the number at once, then prints the counter ticket', async () => {
    const { store, log, placedIds, orders, events } = await atPayment();
    await store.getState().payAtCounter();
    await flush();
    // The host prices and journals the counter order too, before its ticket.
    expect(log).toEqual(['placeOrder counter', 'host placeOrder awaiting_counter_payment', 'printTicket pay_at_counter', 'transitionOrder queued']);
    const order = orders.get(placedIds[0]!)!;
    expect(order).toMatchObject({ storeId: 'test-store', kioskId: 'kiosk-1', serviceMode: 'take_away', currency: 'EUR', status: 'queued', paymentMethod: 'counter' });
    expect(order.total).toBe(order.lines.reduce((sum, line) => sum + line.total, 0));
    expect(store.getState()).toMatchObject({ screen: 'confirmation', lines: [], placing: 'idle', outcome: { receipt: 'printed' } });
    expect(events.at(-1)).toBe('completed');
  });

  it('keeps the cart when the order cannot be stored, and a retry reuses the order id', async () => {
    const { store, placedIds } = await atPayment({ placeFails: 1 });
    await store.getState().payAtCounter();
    expect(store.getState()).toMatchObject({ placing: 'failed', lastOrder: null, screen: 'payment' });
    expect(store.getState().lines).toHaveLength(1);
    await store.getState().payAtCounter();
    expect(placedIds).toHaveLength(2);
    expect(placedIds[1]).toBe(placedIds[0]);
    expect(store.getState()).toMatchObject({ screen: 'confirmation', checkoutOrderId: null });
  });

  it('turns a card order whose payment was declined into a counter order (the same order)', async () => {
    const { store, placedIds, orders } = await atPayment({ pay: [{ paymentKey: '', result: 'declined', reason: 'declined_by_bank', amountMinor: 220 }] });
    await store.getState().chooseCard();
    await store.getState().payAtCounter();
    expect(new Set(placedIds).size).toBe(1);
    expect(orders.get(placedIds[0]!)).toMatchObject({ paymentMethod: 'counter', status: 'queued' });
  });
});
