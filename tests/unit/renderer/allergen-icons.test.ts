// Every allergen the menu schema knows has its pictogram: a drawing, and a glyph of the pictograms'
// font (allergen-icons/, made by make-font.py) that a stylesheet rule shows. The compiler does not
// check that none is missing; this does. (The e2e test of the menu checks each glyph is like its drawing.)
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLERGENS } from '../../../common/menu/allergens';

const dir = join(import.meta.dirname, '../../../renderer/ui/components/allergen-icons');
const css = readFileSync(join(dir, 'allergen-icons.css'), 'utf8');

describe('allergen pictograms', () => {
  it.each(ALLERGENS.map((allergen, index) => [allergen, index] as const))('%s has a drawing and a rule that shows its glyph', (allergen, index) => {
    expect(readFileSync(join(dir, `${allergen}.svg`), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 24 24">/);
    expect(css).toContain(`.allergen-icon-${allergen}::before { content: '\\e${index.toString(16).padStart(3, '0')}'; }`);
  });

  it('the font is there, a file of its own (the page policy takes no data: fonts)', () => {
    expect(existsSync(join(dir, 'allergens.woff2'))).toBe(true);
    expect(css).toContain("src: url(./allergens.woff2) format('woff2');");
  });
});
