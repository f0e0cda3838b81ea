// npm run menu:schema
// Writes menu-config/menu.schema.json from the zod menu schema, for editors that
// validate and complete menu files ("$schema": "./menu.schema.json").
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { menuJsonSchemaText } from '../../common/menu/json-schema';

export const MENU_JSON_SCHEMA_PATH = resolve(import.meta.dirname, '../menu.schema.json');

writeFileSync(MENU_JSON_SCHEMA_PATH, menuJsonSchemaText());
console.log(`wrote ${MENU_JSON_SCHEMA_PATH}`);
