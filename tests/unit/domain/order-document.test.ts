// The order document is one schema (common/order/order.ts); the store bus publishes it as it is,
// and docs/order-message.schema.json is generated from it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { orderDocument } from '../../../common/order/order';
import { ORDER_SCHEMA_PATH, orderMessageJsonSchema } from '../../../electron/host/store-bus/write-order-schema';
import { order } from '../../integration/store-bus/support';

describe('order document', () => {
  it('is described by docs/order-message.schema.json, generated from the enforced schema', () => {
    expect(readFileSync(ORDER_SCHEMA_PATH, 'utf8'), 'run: npx tsx electron/host/store-bus/write-order-schema.ts').toBe(orderMessageJsonSchema());
    const schema = JSON.parse(orderMessageJsonSchema()) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['orderId', 'orderNumber', 'lines', 'total', 'status', 'paymentMethod']));
  });

  it('refuses an order without a UUID or without lines, saying where', () => {
    const result = orderDocument.safeParse({ ...order(), orderId: 'B-042', lines: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['orderId', 'lines']);
  });
});
