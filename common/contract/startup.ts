import { z } from 'zod';
import { menu, publicStoreConfig } from '../menu/schema';
import { defineCall } from './define';

export const startupCalls = {
  /** Everything the renderer needs to show the first screen: the store config's public view (no secrets) and the current menu. */
  getStartup: defineCall(
    z.object({}).strict(),
    z.object({
      store: publicStoreConfig,
      menu,
      /** Where menu images are served from, relative to the renderer page. */
      assetBase: z.string(),
    }),
  ),
};
