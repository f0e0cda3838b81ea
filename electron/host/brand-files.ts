// Where the store theme's files (logo, fonts) lead on disk. Like menu images (menu-images.ts):
// the schema refuses "..", and each path is resolved, symlinks included, and must stay inside
// the store config's folder, so neither a path nor a link there can reach a file elsewhere.
import type { StoreConfig } from '../../common/menu/schema';
import { jsonPath, type ValidationError } from '../../common/menu/validate';
import { resolveInside } from './menu-images';

/** Every file the theme names, with its JSON path in the store config. */
export function brandFilePaths(store: StoreConfig): { file: string; path: (string | number)[] }[] {
  const theme = store.theme;
  if (!theme) return [];
  return [
    ...(theme.logo ? [{ file: theme.logo, path: ['theme', 'logo'] }] : []),
    ...(theme.font?.files ?? []).map((font, index) => ({ file: font.file, path: ['theme', 'font', 'files', index, 'file'] })),
  ];
}

/** Paths that resolve outside `brandDir` (the store config's folder). Missing files are served as 404 and the page keeps its defaults. */
export function brandFileProblems(store: StoreConfig, brandDir: string): ValidationError[] {
  const problems: ValidationError[] = [];
  for (const { file, path } of brandFilePaths(store)) {
    const found = resolveInside(brandDir, file);
    if ('problem' in found && found.problem === 'outside') problems.push({ path: jsonPath(path), message: `"${file}" resolves to ${found.file}, outside the store config's folder ${brandDir}` });
  }
  return problems;
}
