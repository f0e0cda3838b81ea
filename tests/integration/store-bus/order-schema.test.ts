// The published order message is the renderer's order document, and
// docs/order-message.schema.json is generated from the schema the bus enforces.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { orderMessage, type OrderMessage } from '../../../common/store-bus/messages';
import { ORDER_SCHEMA_PATH, orderMessageJsonSchema } from '../../../electron/host/store-bus/write-order-schema';
import { orderDocument, type OrderDocument } from '../../../common/order/order';
import { order } from './support';

describe('order message', () => {
  it('has the same shape as the order document the kiosk stores', () => {
    expectTypeOf<OrderDocument>().toEqualTypeOf<OrderMessage>();
    const document = order();
    expect(orderDocument.parse(document)).toEqual(orderMessage.parse(document));
  });

  it('is described by docs/order-message.schema.json, generated from the enforced schema', () => {
    expect(readFileSync(ORDER_SCHEMA_PATH, 'utf8'), 'run: npx tsx electron/host/store-bus/write-order-schema.ts').toBe(orderMessageJsonSchema());
    const schema = JSON.parse(orderMessageJsonSchema()) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(expect.arrayContaining(['orderId', 'orderNumber', 'lines', 'total', 'status', 'paymentMethod']));
  });

  it('refuses an order without a UUID or without lines, saying where', () => {
    const result = orderMessage.safeParse({ ...order(), orderId: 'B-042', lines: [] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['orderId', 'lines']);
  });
});
