import { z } from 'zod';
import { menu, publicStoreConfig } from '../menu/schema';
import { defineCall } from './define';

export const startupCalls = {
  /**
   * Everything the renderer needs to show the first screen: the store config's public view (no
   * secrets) and the current menu. A page that has the current menu cached says its version, and
   * the menu is not sent again (a 10,000-item menu is megabytes): `menu` is then left out.
   */
  getStartup: defineCall(
    z
      .object({
        /** The version of the menu the page has cached and checked. */
        cachedMenuVersion: z.string().min(1).max(200).optional(),
      })
      .strict(),
    z.object({
      store: publicStoreConfig,
      /** Left out when it is the version the page said it has. */
      menu: menu.optional(),
      menuVersion: z.string(),
      /** Where menu images are served from, relative to the renderer page. */
      assetBase: z.string(),
    }),
  ),
};
