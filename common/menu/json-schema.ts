// The JSON Schema of a menu file, generated from the zod schema (the one source of truth).
// 'input' describes what may be written in the file: fields with defaults are optional.
import { z } from 'zod';
import { menu } from './schema';

export function menuJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(menu, { io: 'input', target: 'draft-2020-12' }),
    title: 'Counterpart menu',
  };
}

/** The text of menu-config/menu.schema.json, exactly as committed. */
export const menuJsonSchemaText = () => `${JSON.stringify(menuJsonSchema(), null, 2)}\n`;
