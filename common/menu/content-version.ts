// A menu's identity from its content: the same menu (whatever its "version" says) has
// the same hash. `menu:check` gives an edited file a version from it, and the back office
// tells whether a draft differs from what is published. Pure (FNV-1a, 64 bit), sync.
import type { Menu } from './schema';

/** JSON with object keys sorted, so key order in a file does not change the hash. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

/** 16 hex digits over the menu without its `version` and `$schema`. */
export function menuContentHash(menu: Menu | Record<string, unknown>): string {
  const { version: _version, $schema: _schema, ...content } = menu as Record<string, unknown>;
  let hash = FNV_OFFSET;
  // Over the UTF-16 code units, low byte first: common/ has no TextEncoder (no DOM, no Node).
  const text = canonicalJson(content);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    hash = ((hash ^ BigInt(unit & 0xff)) * FNV_PRIME) & MASK;
    hash = ((hash ^ BigInt(unit >> 8)) * FNV_PRIME) & MASK;
  }
  return hash.toString(16).padStart(16, '0');
}

/** The version a menu file gets from its content, e.g. "c-3f9a12b07c4d". */
export const contentVersion = (menu: Menu | Record<string, unknown>): string => `c-${menuContentHash(menu).slice(0, 12)}`;
