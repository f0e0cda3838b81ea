// The store's brand theme (store config `theme`) as a zod schema: logo, colours and font files.
// Part of storeConfig (schema.ts); the contrast check and the theme's CSS are in theme.ts, which the
// page loads at start without zod.
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
