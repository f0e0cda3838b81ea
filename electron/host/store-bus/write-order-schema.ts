// Writes docs/order-message.schema.json from the zod schema the kiosk and the
// broker validate with, so a POS or kitchen screen can validate order messages
// without reading our code. Run: npx tsx electron/host/store-bus/write-order-schema.ts
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { orderMessage } from '../../../common/store-bus/messages';

export const ORDER_SCHEMA_PATH = resolve(import.meta.dirname, '../../../docs/order-message.schema.json');

export function orderMessageJsonSchema(): string {
  const schema = z.toJSONSchema(orderMessage, { target: 'draft-2020-12' });
  const document = { title: 'Counterpart order message (store bus v1)', ...schema };
  return JSON.stringify(document, null, 2) + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(ORDER_SCHEMA_PATH, orderMessageJsonSchema());
  console.log(`wrote ${ORDER_SCHEMA_PATH}`);
}
