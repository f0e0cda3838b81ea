# Builds allergens.woff2, the allergen pictograms as a font: a glyph paints as text, in the text's
# colour, where each mask-over-colour element had a paint layer of its own (docs/performance.md,
# session 19). Run with FontForge after changing a drawing (README, "Scripts" and "Dependencies"):
#   fontforge -lang=py -script renderer/ui/components/allergen-icons/make-font.py
# Each allergen's glyph is U+E000 plus its place in common/menu/allergens.ts (allergen-icons.css).
import os
import re

import fontforge

HERE = os.path.dirname(os.path.abspath(__file__))
ALLERGENS_TS = os.path.join(HERE, '..', '..', '..', '..', 'common', 'menu', 'allergens.ts')
FIRST_CODEPOINT = 0xE000

listing = re.search(r'ALLERGENS = \[(.*?)\]', open(ALLERGENS_TS, encoding='utf-8').read(), re.S).group(1)
allergens = re.findall(r"'([a-z]+)'", listing)

font = fontforge.font()
font.fontname = 'CounterpartAllergens'
font.familyname = 'Counterpart Allergens'
font.fullname = 'Counterpart Allergens'
font.copyright = 'Counterpart contributors; drawings in this folder'
font.em = 1000
# The drawings' 24-unit box is the em square: ascent 800, descent 200, no line gap, in every
# table a browser may read (values, not offsets from FontForge's own).
font.ascent = 800
font.descent = 200
for table in ('os2_typo', 'os2_win', 'hhea_'):
    setattr(font, table + 'ascent_add', False)
    setattr(font, table + 'descent_add', False)
    setattr(font, table + 'ascent', 800)
font.os2_typodescent = -200
font.os2_windescent = 200
font.hhea_descent = -200
font.os2_typolinegap = 0
font.hhea_linegap = 0
font.os2_use_typo_metrics = True

for index, allergen in enumerate(allergens):
    glyph = font.createChar(FIRST_CODEPOINT + index, allergen)
    # FontForge draws each path's stroke (width, round caps and joins) as outlines on import.
    glyph.importOutlines(os.path.join(HERE, allergen + '.svg'))
    glyph.removeOverlap()
    glyph.correctDirection()
    glyph.width = 1000

font.generate(os.path.join(HERE, 'allergens.woff2'))
print('allergens.woff2:', ', '.join(f'{allergen} U+{FIRST_CODEPOINT + index:04X}' for index, allergen in enumerate(allergens)))
