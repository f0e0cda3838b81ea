import { z } from 'zod';
import { menu, storeConfig } from '../menu/schema';
import { defineCall } from './define';

export const startupCalls = {
  /** Everything the renderer needs to show the first screen: store config and the current menu. */
  getStartup: defineCall(
    z.object({}).strict(),
    z.object({
      store: storeConfig,
      menu,
      /** Where menu images are served from, relative to the renderer page. */
      assetBase: z.string(),
    }),
  ),
};
