// The compiled menu schema answers exactly as zod does: the same output for every valid menu, and
// "invalid" whenever zod refuses (zod then words the errors). Checked on the sample menu, the
// bench's generated menu and many random edits of the sample menu.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileSchema, INVALID } from '../../../common/menu/compiled-schema';
import { menu as menuSchema, storeConfig } from '../../../common/menu/schema';
import { generateLargeMenu } from '../../../bench/large-menu';
import { sampleMenuJson, sampleStoreJson } from './sample';

const compiledMenu = compileSchema(menuSchema);

/** Same verdict and, when valid, the same value as zod. */
function expectSameAsZod(schema: z.ZodType, compiled: (value: unknown) => unknown, value: unknown): void {
  const byZod = schema.safeParse(JSON.parse(JSON.stringify(value)));
  const result = compiled(value);
  if (byZod.success) expect(result).toStrictEqual(byZod.data);
  else expect(result).toBe(INVALID);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`. */
function pathsOf(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const here = path.length > 0 ? [path] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((child, index) => pathsOf(child, [...path, index]))];
  if (value && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([key, child]) => pathsOf(child, [...path, key]))];
  return here;
}

const replacements: Json[] = [null, true, 0, -1, 1.5, 2 ** 60, '', 'x', 'Big Burger', 'EUR', 'XXX', 'images/a.svg', '../a.svg', [], [1], {}, { en: 'x' }];

describe('the compiled menu schema', () => {
  it('returns what zod returns for the sample menu and the generated large menu', () => {
    expectSameAsZod(menuSchema, compiledMenu, sampleMenuJson());
    expectSameAsZod(menuSchema, compiledMenu, JSON.parse(JSON.stringify(generateLargeMenu(20, 3, 4))));
    expectSameAsZod(storeConfig, compileSchema(storeConfig), sampleStoreJson());
  });

  it('fills defaults as zod does, without changing its input', () => {
    const json = sampleMenuJson() as { items: Record<string, unknown>[] };
    delete json.items[0]!.allergens;
    delete json.items[0]!.availability;
    const before = structuredClone(json);
    expectSameAsZod(menuSchema, compiledMenu, json);
    expect(json).toStrictEqual(before);
  });

  it('agrees with zod on random edits: a value replaced, a key removed, a key added', () => {
    const base = sampleMenuJson() as Json;
    const paths = pathsOf(base);
    const edit = fc.record({
      path: fc.constantFrom(...paths),
      kind: fc.constantFrom('replace', 'remove', 'add'),
      replacement: fc.oneof(fc.constantFrom(...replacements), fc.string(), fc.integer()),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        const json = structuredClone(base);
        for (const { path, kind, replacement } of edits) {
          let parent: Json = json;
          for (const part of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)?.[part] ?? null;
          if (!parent || typeof parent !== 'object') continue;
          const last = path.at(-1)!;
          const target = parent as Record<string | number, Json>;
          if (kind === 'replace') target[last] = replacement;
          else if (kind === 'remove' && !Array.isArray(parent)) delete target[last];
          else if (kind === 'add' && target[last] && typeof target[last] === 'object' && !Array.isArray(target[last])) (target[last] as Record<string, Json>).unexpected = replacement;
        }
        expectSameAsZod(menuSchema, compiledMenu, json);
      }),
      { numRuns: 400 },
    );
  });

  it('refuses an unknown key and a value of the wrong type, as zod does, and leaves a "__proto__" key to zod', () => {
    const withUnknownKey = sampleMenuJson() as { items: Record<string, unknown>[] };
    withUnknownKey.items[0]!.name = { en: 'x', de: 'y', unexpected: 'z' };
    expectSameAsZod(menuSchema, compiledMenu, withUnknownKey);
    expect(compiledMenu(withUnknownKey)).toBe(INVALID);
    // zod drops it from a record; the compiled schema does not decide, so zod's answer is the one used.
    const withProto = sampleMenuJson() as { items: Record<string, unknown>[] };
    withProto.items[0]!.name = JSON.parse('{"__proto__": 1}');
    expect(compiledMenu(withProto)).toBe(INVALID);
    expect(compiledMenu([])).toBe(INVALID);
    expect(compiledMenu(null)).toBe(INVALID);
  });
  it('answers as zod for values the host builds: a key holding undefined, a missing default, a stripped key, a null prototype', () => {
    // The host checks its own answers with compiled schemas; those values need not come from JSON.
    const schema = z.object({ id: z.string(), note: z.string().optional(), count: z.number().default(1) });
    const compiled = compileSchema(schema);
    const values: unknown[] = [
      { id: 'a', note: undefined, count: 2 },
      { id: 'a', count: undefined },
      { id: 'a' },
      { id: 'a', count: 2, extra: true },
      { count: 2 },
      { id: 'a', note: 3, count: 2 },
      Object.assign(Object.create(null) as object, { id: 'a', count: 2 }),
    ];
    for (const value of values) {
      const byZod = schema.safeParse(value);
      const result = compiled(value);
      if (byZod.success) expect({ ...(result as object) }).toStrictEqual(byZod.data);
      else expect(result).toBe(INVALID);
    }
    // What needed no default and had no unknown key is the input itself (no copy of a large menu).
    const complete = { id: 'a', note: undefined, count: 2 };
    expect(compiled(complete)).toBe(complete);
  });
});
