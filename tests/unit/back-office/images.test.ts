// What an operator's upload may put into the menu's images: an SVG drawing, never one that runs,
// loads or restyles anything (however its text is spelled), nor a file that is not the image it says.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveMenuImage } from '../../../back-office/server/images';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const menuDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'counterpart-images-'));
  dirs.push(dir);
  return dir;
};
const svg = (body: string) => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">${body}</svg>`);

describe('menu image uploads', () => {
  it('takes a drawing, with gradients it references inside itself', () => {
    const drawing = svg('<defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)" style="fill: url(#g)"/>');
    expect(saveMenuImage(menuDir(), 'Fries Large.svg', 'image/svg+xml', drawing)).toEqual({ ok: true, path: 'images/fries-large.svg' });
    const sample = readFileSync(join(import.meta.dirname, '../../../menu-config/sample/images', 'burger.svg'));
    expect(saveMenuImage(menuDir(), 'burger.svg', 'image/svg+xml', sample)).toMatchObject({ ok: true });
  });

  it.each([
    ['a script', '<script>alert(1)</script>'],
    ['a script under a namespace prefix', '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>'],
    ['an event handler', '<rect onload="alert(1)"/>'],
    ['a style sheet that loads another', '<style>@import url(https://evil.example/x.css);</style>'],
    ['an animation that sets a link, spelled with a character reference', '<a><set attributeName="href" to="java&#x73;cript:alert(1)"/></a>'],
    ['a link out', '<image href="https://evil.example/x.png"/>'],
    ['a style attribute that loads', '<rect style="fill: url(https://evil.example/x)"/>'],
    ['a DTD with entities', '<!DOCTYPE svg [<!ENTITY x "y">]>'],
  ])('refuses an SVG with %s (415, says why)', (_, body) => {
    expect(saveMenuImage(menuDir(), 'x.svg', 'image/svg+xml', svg(body))).toMatchObject({ ok: false, status: 415, message: expect.stringContaining('scripts, links') });
  });
});
