// Users files with clear errors, scrypt hashes, and the staff console's state
// built from bus messages (de-duplication on orderId, retained clears).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { handoffPublishPlan, orderPublishPlan, orderStatusPublishPlan, storeTopics, type HandoffMessage } from '../../../common/store-bus/messages';
import { hashPassword, loadStoreBusUsers, verifyPassword } from '../../../electron/host/store-bus/credentials';
import { consoleReducer, emptyConsoleState, formatWaiting, handoffsByWaitingTime, unansweredArrivals, type ConsoleState } from '../../../staff-console/console-state';
import { STORE, handoff, order } from './support';

const dir = mkdtempSync(join(tmpdir(), 'counterpart-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('store bus users', () => {
  it('hashes with scrypt and verifies only the right password', async () => {
    const hash = await hashPassword('4711', { N: 1024, r: 8, p: 1 });
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(hash).not.toContain('4711');
    expect(await verifyPassword('4711', hash)).toBe(true);
    expect(await verifyPassword('4712', hash)).toBe(false);
    expect(await hashPassword('4711', { N: 1024, r: 8, p: 1 })).not.toBe(hash); // salted
  });

  it('loads a users file and names the entry and field that are wrong', async () => {
    const good = join(dir, 'good.json');
    const passwordHash = await hashPassword('x', { N: 1024, r: 8, p: 1 });
    writeFileSync(good, JSON.stringify([{ username: 'anna', role: 'staff', store: STORE, passwordHash }]));
    expect(loadStoreBusUsers(good)).toEqual([{ username: 'anna', role: 'staff', store: STORE, passwordHash }]);

    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify([
        { username: 'anna', role: 'staff', store: STORE, passwordHash },
        { username: 'kiosk/B', role: 'kiosk', store: STORE, passwordHash: '4711' },
        { username: 'anna', role: 'staff', store: STORE, passwordHash },
      ]),
    );
    expect(() => loadStoreBusUsers(bad)).toThrow(`${bad} is not a valid store bus users file`);
    const message = (() => {
      try {
        loadStoreBusUsers(bad);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toMatch(/\$\[1\]\.username: use letters, digits/);
    expect(message).toMatch(/\$\[1\]\.passwordHash: must be a scrypt hash/);
    expect(message).toMatch(/\$\[1\]\.kiosk: a kiosk user needs "kiosk"/);
    expect(message).toMatch(/\$\[2\]\.username: username "anna" appears twice/);
    expect(() => loadStoreBusUsers(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the store bus users/);
  });
});

describe('staff console state', () => {
  const topics = storeTopics(STORE);
  const apply = (state: ConsoleState, steps: { topic: string; payload: string }[]): ConsoleState =>
    steps.reduce((current, step) => consoleReducer(current, { type: 'message', topic: step.topic, payload: step.payload }), state);

  it('lists open requests oldest first, alerts once per new request, and drops resolved ones', () => {
    const older = handoff({ openedAt: '2026-11-25T10:00:00.000Z' });
    const newer = handoff({ openedAt: '2026-11-25T10:05:00.000Z', kioskId: 'B' });
    let state = apply(emptyConsoleState, [...handoffPublishPlan(newer), ...handoffPublishPlan(older)]);
    expect(handoffsByWaitingTime(state).map((h) => h.handoffId)).toEqual([older.handoffId, newer.handoffId]);
    expect(state.alertSeq).toBe(2);
    state = apply(state, handoffPublishPlan(older)); // the same message again (retained, reconnect)
    expect(state.alertSeq).toBe(2);

    const acknowledged: HandoffMessage = { ...older, state: 'acknowledged', acknowledgedBy: { role: 'staff', name: 'anna' }, acknowledgedAt: '2026-11-25T10:06:00.000Z' };
    state = apply(state, handoffPublishPlan(acknowledged));
    expect(unansweredArrivals(state).map((h) => h.handoffId)).toEqual([newer.handoffId]);

    state = apply(state, handoffPublishPlan({ ...acknowledged, state: 'resolved', resolvedBy: { role: 'staff', name: 'anna' }, resolvedAt: '2026-11-25T10:07:00.000Z', outcome: 'helped' }));
    expect(Object.keys(state.handoffs)).toEqual([newer.handoffId]);
    state = apply(state, [{ topic: topics.handoff('B', newer.handoffId), payload: '' }]);
    expect(state.handoffs).toEqual({});
  });

  it('keeps one feed entry per orderId and settles counter orders on a status change', () => {
    const counterOrder = order({ paymentMethod: 'counter', status: 'queued' });
    let state = apply(emptyConsoleState, [...orderPublishPlan(counterOrder), ...orderPublishPlan({ ...counterOrder, status: 'delivered' })]);
    expect(state.orders).toHaveLength(1);
    expect(state.orders[0]?.status).toBe('delivered');
    expect(Object.keys(state.counterOrders)).toEqual([counterOrder.orderId]);

    state = apply(state, orderStatusPublishPlan(STORE, { orderId: counterOrder.orderId, kioskId: 'A', orderNumber: counterOrder.orderNumber, status: 'paid', by: { role: 'staff', name: 'anna' }, at: '2026-11-25T10:00:00.000Z' }));
    expect(state.counterOrders).toEqual({});
    expect(state.orderStatuses[counterOrder.orderId]?.status).toBe('paid');
  });

  it('applies no message that is not valid (it is listed as broken), and ignores topics of no interest', () => {
    const state = apply(emptyConsoleState, [
      { topic: topics.order('A', 'x'), payload: '{"orderId":"x"}' },
      { topic: topics.kioskStatus('A'), payload: 'not json' },
      { topic: 'elsewhere/topic', payload: '{}' },
    ]);
    expect({ ...state, broken: {} }).toEqual(emptyConsoleState);
    expect(Object.keys(state.broken).sort()).toEqual([topics.kioskStatus('A'), topics.order('A', 'x')].sort());
  });

  it('formats waiting times as m:ss and h:mm:ss', () => {
    expect(formatWaiting(0)).toBe('0:00');
    expect(formatWaiting(187_000)).toBe('3:07');
    expect(formatWaiting(3_725_000)).toBe('1:02:05');
    expect(formatWaiting(-5)).toBe('0:00');
  });
});
