// A zod schema compiled once into plain closures that check a value and build zod's output in
// one walk, for large documents (a 10,000-item menu) where zod's general machinery costs several
// times JSON.parse. It only answers "valid, and here is exactly what zod would return" or "not
// valid"; for the second, callers run zod itself, so every error keeps zod's message and path.
// Built from the schema's own definition, so it cannot drift from it: any construct or check it
// does not know is handed to zod for that part of the value. Pure; no eval (the page's CSP).
// Unlike zod, the result shares every part that needed no default with the input (copying a
// 10 MB menu costs more in garbage collection than checking it): treat both as read-only.
import type { z } from 'zod';

/** Returns zod's output for a valid value, or INVALID. */
type Check = (value: unknown) => unknown;
export const INVALID: unique symbol = Symbol('invalid');

type Def = { type: string; checks?: { _zod: { def: CheckDef } }[] } & Record<string, unknown>;
type CheckDef = { check: string; format?: string; pattern?: RegExp; minimum?: number; maximum?: number; value?: number; inclusive?: boolean };
type Schema = { _zod: { def: Def } };

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Compiles `schema`; the result returns what `schema.parse(value)` would, or INVALID. */
export function compileSchema<T extends z.ZodType>(schema: T): (value: unknown) => z.output<T> | typeof INVALID {
  return compile(schema as unknown as Schema) as (value: unknown) => z.output<T> | typeof INVALID;
}

/** Hands the value to zod: for constructs and checks this compiler does not know. */
function byZod(schema: Schema): Check {
  const zod = schema as unknown as z.ZodType;
  return (value) => {
    const result = zod.safeParse(value);
    return result.success ? result.data : INVALID;
  };
}

function compile(schema: Schema): Check {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return compileString(schema);
    case 'number':
      return compileNumber(schema);
    case 'boolean':
      return def.checks?.length ? byZod(schema) : (value) => (typeof value === 'boolean' ? value : INVALID);
    case 'literal': {
      const values = def.values as unknown[];
      return (value) => (values.includes(value) ? value : INVALID);
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries as Record<string, unknown>));
      return (value) => (values.has(value) ? value : INVALID);
    }
    case 'optional': {
      const inner = compile(def.innerType as Schema);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'default': {
      const inner = compile(def.innerType as Schema);
      // zod's defaultValue is a getter that returns a fresh copy each time.
      return (value) => (value === undefined ? def.defaultValue : inner(value));
    }
    case 'array':
      return compileArray(schema);
    case 'object':
      return compileObject(schema);
    case 'record':
      return compileRecord(schema);
    default:
      return byZod(schema);
  }
}

function compileString(schema: Schema): Check {
  const tests: ((text: string) => boolean)[] = [];
  for (const { _zod } of schema._zod.def.checks ?? []) {
    const check = _zod.def;
    if (check.check === 'string_format' && check.format === 'regex' && check.pattern) {
      const pattern = new RegExp(check.pattern.source, check.pattern.flags.replace('g', '').replace('y', ''));
      tests.push((text) => pattern.test(text));
    } else if (check.check === 'min_length') tests.push((text) => text.length >= check.minimum!);
    else if (check.check === 'max_length') tests.push((text) => text.length <= check.maximum!);
    else return byZod(schema);
  }
  if (tests.length === 1) {
    // The usual case (an id, a locale): one pattern, called directly.
    const test = tests[0]!;
    return (value) => (typeof value === 'string' && test(value) ? value : INVALID);
  }
  return (value) => {
    if (typeof value !== 'string') return INVALID;
    for (const test of tests) if (!test(value)) return INVALID;
    return value;
  };
}

function compileNumber(schema: Schema): Check {
  const tests: ((number: number) => boolean)[] = [];
  for (const { _zod } of schema._zod.def.checks ?? []) {
    const check = _zod.def;
    if (check.check === 'number_format' && check.format === 'safeint') tests.push(Number.isSafeInteger);
    else if (check.check === 'greater_than') tests.push(check.inclusive ? (n) => n >= check.value! : (n) => n > check.value!);
    else if (check.check === 'less_than') tests.push(check.inclusive ? (n) => n <= check.value! : (n) => n < check.value!);
    else return byZod(schema);
  }
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return INVALID;
    for (const test of tests) if (!test(value)) return INVALID;
    return value;
  };
}

function compileArray(schema: Schema): Check {
  const def = schema._zod.def;
  let min = 0;
  let max = Infinity;
  for (const { _zod } of def.checks ?? []) {
    if (_zod.def.check === 'min_length') min = _zod.def.minimum!;
    else if (_zod.def.check === 'max_length') max = _zod.def.maximum!;
    else return byZod(schema);
  }
  const element = compile(def.element as Schema);
  return (value) => {
    if (!Array.isArray(value) || value.length < min || value.length > max) return INVALID;
    let out: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const checked = element(value[index]);
      if (checked === INVALID) return INVALID;
      if (out) out[index] = checked;
      else if (checked !== value[index]) {
        out = value.slice();
        out[index] = checked;
      }
    }
    return out ?? value;
  };
}

function compileObject(schema: Schema): Check {
  const def = schema._zod.def;
  const catchall = (def.catchall as Schema | undefined)?._zod.def.type;
  // Strict objects (catchall never) refuse unknown keys; stripping ones drop them; others go to zod.
  if ((catchall !== undefined && catchall !== 'never') || def.checks?.length) return byZod(schema);
  const strict = catchall === 'never';
  const shape = def.shape as Record<string, Schema>;
  const keys = Object.keys(shape);
  const fields = keys.map((key) => compile(shape[key]!));
  const known = new Set(keys);
  const fieldIndex = new Map(keys.map((key, index) => [key, index]));
  // Fields that refuse an absent value or fill in a default: the quick walk must meet each of them.
  const needed = fields.map((field) => field(undefined) !== undefined);
  const neededCount = needed.filter(Boolean).length;
  // A key that Object.prototype has would be read from it when absent: such shapes take the full walk.
  const quick = keys.every((key) => !(key in Object.prototype));

  /** The full walk: drops unknown keys (or refuses them) and copies the object once a default is filled in. */
  const full = (value: Record<string, unknown>): unknown => {
    let unknownKeys = false;
    for (const key in value) {
      if (known.has(key)) continue;
      if (strict) return INVALID;
      unknownKeys = true; // dropped, as zod strips them
    }
    let out: Record<string, unknown> | undefined = unknownKeys ? {} : undefined;
    for (let index = 0; index < keys.length; index++) {
      const key = keys[index]!;
      const field = value[key];
      const checked = fields[index]!(field);
      if (checked === INVALID) return INVALID;
      if (!out && checked !== field) {
        // The first default filled in: copy what was checked so far, then go on into the copy.
        out = {};
        for (let before = 0; before < index; before++) if (keys[before]! in value) out[keys[before]!] = value[keys[before]!];
      }
      // As zod: an absent optional key stays absent.
      if (out && (checked !== undefined || key in value)) out[key] = checked;
    }
    return out ?? value;
  };

  return (value) => {
    if (!isPlainObject(value)) return INVALID;
    // The quick walk, over the keys the object has (a large menu's objects lack only optional ones):
    // it answers when every key is declared, each value comes back unchanged and every needed
    // field is there, which is when the full walk would return the object itself.
    const prototype = Object.getPrototypeOf(value);
    if (quick && (prototype === Object.prototype || prototype === null)) {
      let met = 0;
      let settled = true;
      for (const key in value) {
        const index = fieldIndex.get(key);
        if (index === undefined) {
          settled = false;
          break;
        }
        const field = value[key];
        const checked = fields[index]!(field);
        if (checked === INVALID) return INVALID;
        if (checked !== field) {
          settled = false;
          break;
        }
        if (needed[index]) met++;
      }
      if (settled && met === neededCount) return value;
    }
    return full(value);
  };
}

function compileRecord(schema: Schema): Check {
  const def = schema._zod.def;
  const keyType = (def.keyType as Schema)._zod.def.type;
  if (keyType !== 'string' || def.checks?.length) return byZod(schema);
  const keyCheck = compile(def.keyType as Schema);
  const valueCheck = compile(def.valueType as Schema);
  // Keys already found valid: a menu repeats the same few ("en", "de") in every text.
  const validKeys = new Set<string>();
  const isValidKey = (key: string): boolean => {
    if (validKeys.has(key)) return true;
    if (keyCheck(key) === INVALID) return false;
    if (validKeys.size < 64) validKeys.add(key);
    return true;
  };
  return (value) => {
    if (!isPlainObject(value)) return INVALID;
    let changed = false;
    for (const key in value) {
      // "__proto__" as an own key (JSON.parse makes one) is left to zod.
      if (key === '__proto__' || !Object.hasOwn(value, key) || !isValidKey(key)) return INVALID;
      const checked = valueCheck(value[key]);
      if (checked === INVALID) return INVALID;
      changed ||= checked !== value[key];
    }
    if (!changed) return value;
    const out: Record<string, unknown> = {};
    for (const key in value) out[key] = valueCheck(value[key]);
    return out;
  };
}
