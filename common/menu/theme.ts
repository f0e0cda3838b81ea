// The store's brand theme (store config `theme`, schema in theme-schema.ts): the contrast check
// every colour pair that carries text must pass (WCAG 2.2 1.4.3: 4.5:1) and the theme as CSS.
// Pure: the host refuses a theme that fails at load, and `menu:check` refuses the same file.
// Without zod, as the page loads it at start.
import type { BrandTheme, ThemeColors } from './theme-schema';

/** Where the page finds the theme's files (logo, fonts), relative to the page: the host serves them from the store config's folder. */
export const BRAND_ASSET_BASE = 'store-assets/';

/** WCAG's minimum for normal text (1.4.3). */
export const MIN_TEXT_CONTRAST = 4.5;

const channel = (value: number): number => {
  const s = value / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};

/** WCAG relative luminance of "#RRGGBB". */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16)) as [number, number, number];
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

/** The pairs that carry text: [text colour, background colour], each named by its field. */
export const TEXT_PAIRS: ReadonlyArray<readonly [keyof ThemeColors, keyof ThemeColors]> = [
  ['text', 'background'],
  ['text', 'surface'],
  ['accentText', 'accent'],
  ['accent', 'background'],
  ['accent', 'surface'],
];

export interface ContrastProblem {
  /** The text colour's field, e.g. "text". */
  field: keyof ThemeColors;
  against: keyof ThemeColors;
  ratio: number;
  message: string;
}

/** Rounded down, so a pair shown as "4.50:1" really reaches 4.5:1. */
const formatRatio = (ratio: number): string => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

/** Every text pair below MIN_TEXT_CONTRAST, with a message that names both fields, their colours and the ratio. */
export function themeContrastProblems(colors: ThemeColors): ContrastProblem[] {
  return TEXT_PAIRS.flatMap(([field, against]) => {
    const ratio = contrastRatio(colors[field], colors[against]);
    if (ratio >= MIN_TEXT_CONTRAST) return [];
    return [{ field, against, ratio, message: `${field} ${colors[field]} on ${against} ${colors[against]} has a contrast ratio of ${formatRatio(ratio)}; text needs at least ${MIN_TEXT_CONTRAST}:1 (WCAG 1.4.3)` }];
  });
}

/**
 * The theme as CSS custom properties (`--theme-background`, …, `--theme-font`), the same for
 * every page that wears it: each page maps them onto its own palette.
 */
export function themeCustomProperties(theme: BrandTheme | undefined): Record<string, string> {
  const properties: Record<string, string> = {};
  if (theme?.colors) {
    const { background, text, surface, accent, accentText } = theme.colors;
    Object.assign(properties, { '--theme-background': background, '--theme-text': text, '--theme-surface': surface, '--theme-accent': accent, '--theme-accent-text': accentText });
  }
  // The family name is letters, digits, spaces and "-" (schema), so quoting it is enough.
  if (theme?.font) properties['--theme-font'] = `"${theme.font.family}"`;
  return properties;
}
