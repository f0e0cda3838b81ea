// Every allergen the menu schema knows has its pictogram: the drawings are files and stylesheet
// rules (allergen-icons/), so the compiler no longer checks that none is missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALLERGENS } from '../../../common/menu/allergens';

const dir = join(import.meta.dirname, '../../../renderer/ui/components/allergen-icons');
const css = readFileSync(join(dir, 'allergen-icons.css'), 'utf8');

describe('allergen pictograms', () => {
  it.each(ALLERGENS)('%s has a drawing and a rule that uses it', (allergen) => {
    expect(existsSync(join(dir, `${allergen}.svg`))).toBe(true);
    expect(readFileSync(join(dir, `${allergen}.svg`), 'utf8')).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 24 24">/);
    expect(css).toContain(`.allergen-icon-${allergen} { mask-image: url(./${allergen}.svg); }`);
  });
});
