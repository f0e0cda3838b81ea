// The store's brand theme (store config `theme`): logo, colours and font files, and the
// contrast check every colour pair that carries text must pass (WCAG 2.2 1.4.3: 4.5:1).
// Pure: the host refuses a theme that fails at load, and `menu:check` refuses the same file.
import { z } from 'zod';

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour "#RRGGBB", e.g. "#b3261e"');

/** A relative path inside the store config's folder: each segment starts with a letter or digit, so no "..", "." or empty segment. */
const brandFile = (extensions: string[], example: string) =>
  z
    .string()
    .max(200)
    .regex(new RegExp(`^[a-z0-9][a-z0-9_.-]*(/[a-z0-9][a-z0-9_.-]*)*\\.(${extensions.join('|')})$`), `must be a relative path inside the store config's folder such as "${example}" (${extensions.join(', ')}; no "..")`);

export const LOGO_EXTENSIONS = ['svg', 'png', 'webp'];
export const FONT_EXTENSIONS = ['woff2', 'woff', 'ttf', 'otf'];

export const themeColors = z
  .object({
    /** The page. */
    background: hexColor,
    /** Text on the page and on surfaces. */
    text: hexColor,
    /** Panels, cards and bars on the page. */
    surface: hexColor,
    /** Main buttons and highlights; also text on the page and on surfaces (outlined buttons, prices). */
    accent: hexColor,
    /** Text on accent. */
    accentText: hexColor,
  })
  .strict();
export type ThemeColors = z.infer<typeof themeColors>;

export const brandTheme = z
  .object({
    /** Shown on the attract screen and the order status display. */
    logo: brandFile(LOGO_EXTENSIONS, 'brand/logo.svg').optional(),
    colors: themeColors.optional(),
    /** The store's typeface: its files (one per weight and style) served from the store config's folder. */
    font: z
      .object({
        family: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 -]{0,63}$/, 'must be a font family name of letters, digits, spaces and "-"'),
        files: z
          .array(
            z
              .object({
                file: brandFile(FONT_EXTENSIONS, 'fonts/brand-regular.woff2'),
                weight: z.number().int().min(100).max(900).default(400),
                style: z.enum(['normal', 'italic']).default('normal'),
              })
              .strict(),
          )
          .min(1, 'needs at least one font file'),
      })
      .strict()
      .optional(),
  })
  .strict();
export type BrandTheme = z.infer<typeof brandTheme>;

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
