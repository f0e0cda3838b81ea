// A kiosk clears its retained orders (and their status changes) a day after they were placed.
import { describe, expect, it } from 'vitest';
import { ORDER_RETENTION_MS, storeTopics, type PlannedPublish } from '../../../common/store-bus/messages';
import { createOrderRetention } from '../../../electron/host/store-bus/order-retention';

const topics = storeTopics('berlin-1');

describe('order retention', () => {
  it('clears orders older than a day, with their status change; keeps the rest', async () => {
    let now = Date.parse('2026-11-26T12:00:00.000Z');
    const published: PlannedPublish[][] = [];
    const retention = createOrderRetention({ store: 'berlin-1', kioskId: 'B', publish: async (_what, plan) => void published.push(plan), now: () => now });
    retention.seenOrder('old', '2026-11-25T11:00:00.000Z');
    retention.seenStatus('old', false);
    retention.seenOrder('fresh', '2026-11-26T11:00:00.000Z');
    retention.seenOrder('gone', '2026-11-24T11:00:00.000Z');
    retention.seenOrder('gone', null); // cleared already

    expect(await retention.sweep()).toBe(1);
    expect(published).toEqual([
      [
        { topic: topics.order('B', 'old'), payload: '', retain: true },
        { topic: topics.orderStatus('B', 'old'), payload: '', retain: true },
      ],
    ]);
    expect(await retention.sweep()).toBe(0);
    now += ORDER_RETENTION_MS;
    expect(await retention.sweep()).toBe(1);
    expect(published[1]).toEqual([{ topic: topics.order('B', 'fresh'), payload: '', retain: true }]);
  });
});
