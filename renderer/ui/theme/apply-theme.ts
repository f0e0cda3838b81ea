// Puts the store's brand theme on a page: its colours and font family as CSS custom properties
// on the root element (set through the CSSOM, which the page's CSP allows), and its font files as
// FontFaces from the host's store-assets/. A font that does not load leaves the default typeface.
import { BRAND_ASSET_BASE, themeCustomProperties } from '../../../common/menu/theme';
import type { BrandTheme } from '../../../common/menu/theme-schema';

/** Applies `theme` to `root` and returns a function that takes it off again. */
export function applyBrandTheme(root: HTMLElement, theme: BrandTheme | undefined, assetBase = BRAND_ASSET_BASE): () => void {
  const properties = themeCustomProperties(theme);
  for (const [name, value] of Object.entries(properties)) root.style.setProperty(name, value);
  root.classList.toggle('themed', theme?.colors !== undefined);
  root.classList.toggle('themed-font', theme?.font !== undefined);
  const faces = (theme?.font?.files ?? []).map((font) => new FontFace(theme!.font!.family, `url("${assetBase}${font.file}")`, { weight: String(font.weight), style: font.style }));
  for (const face of faces) {
    document.fonts.add(face);
    face.load().catch(() => undefined);
  }
  return () => {
    for (const name of Object.keys(properties)) root.style.removeProperty(name);
    root.classList.remove('themed', 'themed-font');
    for (const face of faces) document.fonts.delete(face);
  };
}
