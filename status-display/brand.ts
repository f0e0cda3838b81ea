// The display wears the store's theme like the kiosk: the host serves the store's name and
// theme (public view, contrast checked at load) at ./brand.json and its files under
// /store-assets/; the colours and font family become the same --theme-* custom properties.
import { useEffect, useState } from 'react';
import { themeCustomProperties, BRAND_ASSET_BASE } from '../common/menu/theme';
import { brandTheme, type BrandTheme } from '../common/menu/theme-schema';

export interface Brand {
  storeName: string;
  theme?: BrandTheme;
  /** The logo's address, when the theme has one. */
  logoUrl?: string;
}

/** Theme files are served from the server's root, beside /display/. */
const brandFileUrl = (file: string): string => `/${BRAND_ASSET_BASE}${file}`;

async function loadBrand(): Promise<Brand> {
  const response = await fetch('./brand.json', { cache: 'no-cache' });
  const body = (await response.json()) as { storeName?: unknown; theme?: unknown };
  const theme = brandTheme.safeParse(body.theme);
  const storeName = typeof body.storeName === 'string' ? body.storeName : '';
  if (!theme.success) return { storeName };
  return { storeName, theme: theme.data, ...(theme.data.logo ? { logoUrl: brandFileUrl(theme.data.logo) } : {}) };
}

function applyTheme(theme: BrandTheme): void {
  const root = document.documentElement;
  for (const [name, value] of Object.entries(themeCustomProperties(theme))) root.style.setProperty(name, value);
  for (const font of theme.font?.files ?? []) {
    const face = new FontFace(theme.font!.family, `url("${brandFileUrl(font.file)}")`, { weight: String(font.weight), style: font.style });
    document.fonts.add(face);
    face.load().catch(() => undefined); // the default typeface stays
  }
}

/** The store's brand once loaded; the display shows its defaults until then (or when there is none). */
export function useBrand(): Brand | null {
  const [brand, setBrand] = useState<Brand | null>(null);
  useEffect(() => {
    let wanted = true;
    loadBrand().then(
      (loaded) => {
        if (!wanted) return;
        if (loaded.theme) applyTheme(loaded.theme);
        setBrand(loaded);
      },
      () => undefined,
    );
    return () => {
      wanted = false;
    };
  }, []);
  return brand;
}
