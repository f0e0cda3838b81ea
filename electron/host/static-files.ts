// Maps a URL path of the kiosk page to a file: the built renderer, a menu image under
// menu-assets/, or a theme file (logo, font) under store-assets/. Shared by the browser shell and Electron's app://
// protocol so both serve exactly the same files. Nothing outside the roots, and
// no symlink inside them that leads out (paths are resolved to real paths first).
import { extname, resolve, sep } from 'node:path';
import { ownValue } from '../../common/own';
import { BRAND_ASSET_BASE } from '../../common/menu/theme';
import { ASSET_BASE } from './kiosk-host';
import { resolveInside } from './menu-images';
import { BRAND_EXTENSIONS, CONTENT_TYPES, IMAGE_EXTENSIONS } from './security-headers';

export interface StaticRoots {
  rendererDir: string;
  assetDir: string;
  /** The store config's folder: only theme files (images and fonts) are served from it, under store-assets/. */
  brandDir?: string;
}

export type StaticLookup = { file: string; contentType: string } | { notFound: string };

function inside(root: string, relative: string): string | null {
  const base = resolve(root);
  const file = resolve(base, '.' + sep + relative);
  return file.startsWith(base + sep) ? file : null;
}

export function lookupStaticFile(urlPath: string, roots: StaticRoots): StaticLookup {
  let path: string;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return { notFound: `bad URL encoding in ${urlPath}` };
  }
  if (path.includes('\0')) return { notFound: 'bad path' };
  if (path === '/' || path === '') path = '/index.html';

  const assetPrefix = '/' + ASSET_BASE;
  const brandPrefix = '/' + BRAND_ASSET_BASE;
  const isAsset = path.startsWith(assetPrefix);
  const isBrand = roots.brandDir !== undefined && path.startsWith(brandPrefix);
  const relative = isAsset ? path.slice(assetPrefix.length) : isBrand ? path.slice(brandPrefix.length) : path.slice(1);
  const extension = extname(relative).toLowerCase();
  if (isAsset && !IMAGE_EXTENSIONS.has(extension)) return { notFound: `${path} is not a menu image` };
  if (isBrand && !BRAND_EXTENSIONS.has(extension)) return { notFound: `${path} is not a theme file (an image or a font)` };
  const contentType = ownValue(CONTENT_TYPES, extension);
  if (!contentType) return { notFound: `${path} has a type that is not served` };

  const root = isAsset ? roots.assetDir : isBrand ? roots.brandDir! : roots.rendererDir;
  const file = inside(root, relative);
  if (!file) return { notFound: `${path} is outside the served folders` };
  const found = resolveInside(root, file.slice(resolve(root).length + 1));
  if ('problem' in found) return { notFound: found.problem === 'outside' ? `${path} leads outside the served folders` : `${path} not found` };
  return { file: found.file, contentType };
}
