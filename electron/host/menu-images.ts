// Where a menu's image paths lead on disk. The schema already refuses `..` and empty
// segments; this resolves each path (symlinks included) and requires it to stay inside
// the folder images are served from, so neither a path nor a link in that folder can
// reach a file elsewhere. Shared by `menu:check` and the host.
import { realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import type { Menu } from '../../common/menu/schema';
import { jsonPath, type ValidationError } from '../../common/menu/validate';

export interface ImageCheckOptions {
  /** Also report images that do not exist (menu:check); the host only refuses paths that escape. */
  requireExisting: boolean;
}

/** Every image path of the menu, with its JSON path. */
export function menuImagePaths(menu: Menu): { image: string; path: (string | number)[] }[] {
  return [
    ...menu.categories.map((entry, index) => ({ image: entry.image, path: ['categories', index, 'image'] })),
    ...menu.items.map((entry, index) => ({ image: entry.image, path: ['items', index, 'image'] })),
    ...menu.meals.map((entry, index) => ({ image: entry.image, path: ['meals', index, 'image'] })),
  ];
}

/** The real path of `relative` under `root` if it exists and stays inside root's real path; why not, otherwise. */
export function resolveInside(root: string, relative: string): { file: string } | { problem: 'missing' | 'outside' | 'not_a_file'; file: string } {
  const file = resolve(root, relative);
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return { problem: 'missing', file };
  }
  if (!file.startsWith(resolve(root) + sep)) return { problem: 'outside', file };
  try {
    realFile = realpathSync(file);
  } catch {
    return { problem: 'missing', file };
  }
  if (!realFile.startsWith(realRoot + sep)) return { problem: 'outside', file: realFile };
  try {
    if (!statSync(realFile).isFile()) return { problem: 'not_a_file', file: realFile };
  } catch {
    return { problem: 'missing', file };
  }
  return { file: realFile };
}

export function menuImageProblems(menu: Menu, imageDir: string, options: ImageCheckOptions): ValidationError[] {
  const problems: ValidationError[] = [];
  for (const { image, path } of menuImagePaths(menu)) {
    const found = resolveInside(imageDir, image);
    if (!('problem' in found)) continue;
    if (found.problem === 'outside') problems.push({ path: jsonPath(path), message: `image "${image}" resolves to ${found.file}, outside the menu folder ${imageDir}` });
    else if (options.requireExisting) problems.push({ path: jsonPath(path), message: found.problem === 'missing' ? `image not found: ${found.file}` : `image is not a file: ${found.file}` });
  }
  return problems;
}
