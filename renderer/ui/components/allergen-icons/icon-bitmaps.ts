// The allergen pictograms as bitmap masks (svg-bitmaps.ts says why): drawn once in idle time, then
// one stylesheet puts each bitmap in place of its SVG (allergen-icons.css). Still masks over the
// text colour, so they follow the theme, the text and forced colours as before.
import { ALLERGENS } from '../../../../common/menu/allergens';
import { whenIdle } from '../../../state/when-idle';
import { drawAsBitmap } from '../svg-bitmaps';

/** The pictograms' long side in CSS pixels (they show at 18 px), and some. */
const DRAWN_SIZE = 36;

const drawings = import.meta.glob<string>('./*.svg', { query: '?url', import: 'default', eager: true });

let started = false;

/** Draws the pictograms as bitmaps once per page, in idle time. */
export function drawIconBitmaps(): void {
  if (started) return;
  started = true;
  void (async () => {
    const rules: string[] = [];
    for (const allergen of ALLERGENS) {
      const src = drawings[`./${allergen}.svg`];
      if (!src) continue;
      await whenIdle();
      // A pictogram that will not draw keeps its SVG.
      const drawn = await drawAsBitmap(src, DRAWN_SIZE).catch(() => undefined);
      if (drawn) rules.push(`.allergen-icon-${allergen} { mask-image: url("${drawn}"); }`);
    }
    // Nothing drawn (no canvas here), or no stylesheets made by script: the SVGs stay.
    if (rules.length === 0 || typeof CSSStyleSheet !== 'function' || !('adoptedStyleSheets' in document)) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rules.join('\n'));
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  })();
}
