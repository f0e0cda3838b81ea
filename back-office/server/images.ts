// Image upload for the menu editor: checks the size and that the bytes are the image
// type they claim to be (magic numbers; SVG without scripts or external references),
// then writes it under the menu's image folder with a safe name, never outside it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const IMAGE_FOLDER = 'images';

const TYPES: Record<string, { extension: string; matches(bytes: Buffer): boolean }> = {
  'image/png': { extension: 'png', matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  'image/jpeg': { extension: 'jpg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/webp': { extension: 'webp', matches: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  'image/svg+xml': { extension: 'svg', matches: (b) => isSafeSvg(b.toString('utf8')) },
};

export const ACCEPTED_IMAGE_TYPES = Object.keys(TYPES);

/** Character references decoded ("java&#x73;cript:" is "javascript:"), so no check below can be spelled around. */
const decodeReferences = (text: string): string =>
  text.replace(/&#(x[0-9a-f]+|[0-9]+);?/gi, (_, code: string) => {
    const point = code[0] === 'x' || code[0] === 'X' ? parseInt(code.slice(1), 16) : parseInt(code, 10);
    return point > 0 && point <= 0x10ffff ? String.fromCodePoint(point) : '';
  });

/**
 * An SVG with an <svg> root and nothing that runs, loads or changes a link: no script, event
 * handlers, style sheets or foreign references, no animation (it can set a link), no DTD.
 */
function isSafeSvg(raw: string): boolean {
  const text = decodeReferences(raw);
  if (!/<svg[\s>]/i.test(text)) return false;
  // With or without a namespace prefix (<h:script xmlns:h="…xhtml">).
  if (/<([\w.-]+:)?(script|foreignObject|iframe|embed|object|style|set|animate|animateMotion|animateTransform|handler|listener)[\s>/]/i.test(text)) return false;
  if (/<!DOCTYPE|<!ENTITY|<\?xml-stylesheet/i.test(text)) return false;
  if (/\son[a-z]+\s*=/i.test(text)) return false;
  if (/(href|src)\s*=\s*["']\s*(?!#|data:image\/)/i.test(text)) return false;
  // In a style attribute too: only references inside the drawing (url(#gradient)).
  if (/url\s*\(\s*["']?\s*(?!#)/i.test(text) || /@import|javascript:|expression\s*\(/i.test(text)) return false;
  return true;
}

export type ImageUpload = { ok: true; path: string } | { ok: false; status: 413 | 415 | 400; message: string };

/** A file name made of lower-case letters, digits and dashes, from what the operator's file was called. */
export function safeImageName(original: string): string {
  const base = original.replace(/\.[^.]*$/, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return base === '' ? 'image' : /^[a-z0-9]/.test(base) ? base : `image-${base}`;
}

/**
 * Saves an uploaded image into `<menuDir>/images/` and returns its menu path ("images/x.png").
 * The same bytes uploaded again give the same path; another image of the same name gets a suffix.
 */
export function saveMenuImage(menuDir: string, originalName: string, contentType: string, bytes: Buffer): ImageUpload {
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, status: 413, message: `the image is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; at most ${MAX_IMAGE_BYTES / 1024 / 1024} MB` };
  if (bytes.length === 0) return { ok: false, status: 400, message: 'the file is empty' };
  const type = TYPES[contentType.split(';')[0]!.trim().toLowerCase()];
  if (!type) return { ok: false, status: 415, message: `only ${ACCEPTED_IMAGE_TYPES.join(', ')} images are accepted, not ${contentType || 'an unnamed type'}` };
  if (!type.matches(bytes)) return { ok: false, status: 415, message: `the file is not a ${contentType} image${contentType === 'image/svg+xml' ? ' (or it contains scripts, links, style sheets or animations)' : ''}` };
  const folder = resolve(menuDir, IMAGE_FOLDER);
  if (!folder.startsWith(resolve(menuDir) + sep)) return { ok: false, status: 400, message: 'bad image folder' };
  mkdirSync(folder, { recursive: true });
  const base = safeImageName(originalName);
  const digest = createHash('sha256').update(bytes).digest();
  for (let n = 0; n < 1000; n += 1) {
    const name = `${n === 0 ? base : `${base}-${n + 1}`}.${type.extension}`;
    const file = join(folder, name);
    if (existsSync(file)) {
      if (createHash('sha256').update(readFileSync(file)).digest().equals(digest)) return { ok: true, path: `${IMAGE_FOLDER}/${name}` };
      continue;
    }
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, bytes);
    renameSync(temporary, file);
    return { ok: true, path: `${IMAGE_FOLDER}/${name}` };
  }
  return { ok: false, status: 400, message: 'too many images with this name' };
}
