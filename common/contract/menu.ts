import { z } from 'zod';
import { menu } from '../menu/schema';
import { defineCall } from './define';

export const menuCalls = {
  /** The menu the host serves now (the last good one: a menu that failed validation never replaces it). */
  getMenu: defineCall(z.object({}).strict(), z.object({ menu })),
};

/** The host took a new valid menu; the renderer fetches it with getMenu and applies it between customers. */
export const menuUpdatedEvent = z.object({ type: z.literal('menu.updated'), version: z.string().min(1), at: z.string() });
