// The menu's SVG pictures as bitmaps (svg-bitmaps.ts says why), drawn after the menu arrives, one
// at a time in quiet moments (not while a customer is tapping: a drawing cannot be split, and a tap
// coming in waits for it); until its bitmap is ready a picture shows the SVG itself. Pictures that
// are bitmaps already (photos) are left as they are.
import { useEffect } from 'react';
import type { Menu } from '../../../common/menu/schema';
import { useKiosk } from '../../state/StoreProvider';
import { markStart } from '../../state/start-marks';
import { whenIdle, whenQuiet } from '../../state/when-idle';
import { drawAsBitmap } from './svg-bitmaps';

/** The long side of a drawn picture, in CSS pixels: the largest place it is shown (a card on a 1080-wide screen) and some. */
const DRAWN_SIZE = 512;

/** Each drawing's bitmap, and the menu version it was drawn for: a new version may have new drawings at the same paths. */
const bitmaps = new Map<string, { menuVersion: string; url: string }>();

/** The picture to show for `src` in this menu version: its bitmap once drawn, the source until then. */
export function pictureUrl(src: string, menuVersion: string): string {
  const drawn = bitmaps.get(src);
  return drawn?.menuVersion === menuVersion ? drawn.url : src;
}

function menuPictures(menu: Menu, assetBase: string): string[] {
  const paths = new Set<string>();
  for (const category of menu.categories) paths.add(category.image);
  for (const item of menu.items) paths.add(item.image);
  for (const meal of menu.meals) paths.add(meal.image);
  return [...paths].filter((path) => path.endsWith('.svg')).map((path) => `${assetBase}/${path}`);
}

/** Draws the current menu's SVG pictures as bitmaps, in idle time; screens pick them up as they render. */
export function usePictureBitmaps(): void {
  const menu = useKiosk((state) => state.menu);
  const assetBase = useKiosk((state) => state.assetBase);
  useEffect(() => {
    if (!menu) return;
    let stopped = false;
    void (async () => {
      for (const src of menuPictures(menu, assetBase)) {
        if (stopped) return;
        const before = bitmaps.get(src);
        if (before?.menuVersion === menu.version) continue;
        await whenQuiet();
        if (stopped) return;
        // A picture that will not draw keeps showing as its SVG.
        const drawn = await drawAsBitmap(src, DRAWN_SIZE).catch(() => undefined);
        if (!drawn) continue;
        bitmaps.set(src, { menuVersion: menu.version, url: drawn });
        // The last version's bitmap, once every screen shows this one's (they render a new menu at once).
        if (before) void whenIdle().then(() => URL.revokeObjectURL(before.url));
      }
      markStart('pictures-drawn');
    })();
    return () => {
      stopped = true;
    };
  }, [menu, assetBase]);
}
