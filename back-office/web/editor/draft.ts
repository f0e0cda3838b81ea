// The menu being edited: every change makes a new menu (so undo is a stack of menus),
// validated as it is typed with the kiosk's own validator, warnings for likely mistakes,
// and saved to the server as the store's draft a moment after the last change.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Menu } from '../../../common/menu/schema';
import { jsonPath, validateMenu, type ValidationError } from '../../../common/menu/validate';
import { menuWarnings } from '../../../common/menu/warnings';
import { api } from '../api';

export type Path = (string | number)[];

export function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((current, key) => (current === null || current === undefined ? undefined : (current as Record<string | number, unknown>)[key]), value);
}

/** A copy of `root` with `value` at `path` (undefined removes the key). */
export function setAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path;
  const container = (Array.isArray(root) ? [...root] : { ...(root as object) }) as Record<string | number, unknown>;
  const next = setAt(container[key!], rest, value);
  if (next === undefined && !Array.isArray(container)) delete container[key!];
  else container[key!] = next;
  return container as T;
}

const UNDO_LIMIT = 200;
const SAVE_AFTER_MS = 800;

export function useMenuDraft(initial: Menu, published: Menu | null, baseVersion: string | null) {
  const [history, setHistory] = useState<{ past: Menu[]; present: Menu; future: Menu[] }>({ past: [], present: initial, future: [] });
  const [saved, setSaved] = useState<'saved' | 'saving' | 'unsaved' | 'failed'>('saved');
  const menu = history.present;
  const first = useRef(true);
  const skipSave = useRef(false);

  const change = useCallback((next: (menu: Menu) => Menu) => {
    setHistory((current) => {
      const present = next(current.present);
      if (present === current.present) return current;
      return { past: [...current.past, current.present].slice(-UNDO_LIMIT), present, future: [] };
    });
  }, []);
  const update = useCallback((path: Path, value: unknown) => change((current) => setAt(current, path, value)), [change]);
  const undo = useCallback(() => setHistory((current) => (current.past.length === 0 ? current : { past: current.past.slice(0, -1), present: current.past.at(-1)!, future: [current.present, ...current.future] })), []);
  const redo = useCallback(() => setHistory((current) => (current.future.length === 0 ? current : { past: [...current.past, current.present], present: current.future[0]!, future: current.future.slice(1) })), []);
  // A menu that came from the server (just published) is not a change to save as the draft.
  const replace = useCallback((next: Menu) => {
    skipSave.current = true;
    setHistory({ past: [], present: next, future: [] });
  }, []);

  useEffect(() => {
    if (first.current || skipSave.current) {
      first.current = false;
      skipSave.current = false;
      return;
    }
    setSaved('unsaved');
    const timer = setTimeout(() => {
      setSaved('saving');
      api('PUT', 'draft', { menu, baseVersion }).then(
        () => setSaved('saved'),
        () => setSaved('failed'),
      );
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [menu, baseVersion]);

  const validation = useMemo(() => validateMenu(menu), [menu]);
  const errors: ValidationError[] = useMemo(() => (validation.ok ? [] : validation.errors), [validation]);
  const warnings = useMemo(() => (validation.ok ? menuWarnings(validation.menu, published) : []), [validation, published]);
  const errorsByPath = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const error of errors) map.set(error.path, [...(map.get(error.path) ?? []), error.message]);
    return map;
  }, [errors]);

  return {
    menu,
    update,
    change,
    undo,
    redo,
    replace,
    canUndo: history.past.length > 0,
    canRedo: history.future.length > 0,
    errors,
    warnings,
    errorsAt: (path: Path) => errorsByPath.get(jsonPath(path)) ?? [],
    saved,
  };
}

export type MenuDraft = ReturnType<typeof useMenuDraft>;

/** "Item “Plain Burger” › price" for an error list an operator can read. */
export function describePath(menu: Menu, path: string): string {
  const parts = [...path.matchAll(/\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["([^"]+)"\]/g)].map((match) => match[1] ?? (match[2] !== undefined ? Number(match[2]) : match[3]!));
  const words: string[] = [];
  let node: unknown = menu;
  const kinds: Record<string, string> = { items: 'Item', meals: 'Meal', categories: 'Category', optionGroups: 'Option group', options: 'Option', schedules: 'Schedule', sizes: 'Size', slots: 'Slot', ingredients: 'Ingredient', choices: 'Choice' };
  for (let index = 0; index < parts.length; index += 1) {
    const part = parts[index]!;
    const next = (node as Record<string | number, unknown> | undefined)?.[part];
    if (typeof part === 'string' && kinds[part] && typeof parts[index + 1] === 'number') {
      const entry = (next as unknown[] | undefined)?.[parts[index + 1] as number] as { id?: string; name?: Record<string, string>; itemId?: string } | undefined;
      const label = entry?.name?.[menu.defaultLocale] ?? entry?.id ?? entry?.itemId ?? `#${(parts[index + 1] as number) + 1}`;
      words.push(`${kinds[part]} “${label}”`);
      node = entry;
      index += 1;
      continue;
    }
    words.push(String(part));
    node = next;
  }
  return words.join(' › ') || 'menu';
}
