// The draft cart: one row, replaced on every change, so the cart survives a reload or a crash.
import { z } from 'zod';
import { serviceMode } from '../../common/menu/schema';
import { lineSelection } from '../../common/menu/selection';
import { lineComp } from '../../common/store-bus/messages';
import { invalidInput, type DataContext } from './context';
import { DRAFT_SCREENS, type DraftRow } from './db';

export const draftInput = z.object({
  sessionId: z.string().min(1).optional(),
  serviceMode: serviceMode.nullable(),
  locale: z.string().min(1),
  lines: z.array(z.object({ lineId: z.string().min(1), selection: lineSelection, comp: lineComp.optional() })),
  startedAt: z.number().int().nonnegative().optional(),
  // A cart is added to from the menu: a caller that does not say has reached it at least.
  screen: z.enum(DRAFT_SCREENS).default('menu'),
});
export type DraftInput = z.input<typeof draftInput>;
export type StoredDraft = Omit<DraftRow, 'id'>;

export const draftRecords = ({ db, now }: DataContext) => ({
  /** Replaces the stored cart (stamped with the current time). */
  async saveDraft(draft: DraftInput): Promise<void> {
    const parsed = draftInput.safeParse(draft);
    if (!parsed.success) throw invalidInput('Draft cart', parsed.error);
    await db.drafts.put({ id: 'current', ...parsed.data, updatedAt: now().toISOString() });
  },

  async loadDraft(): Promise<StoredDraft | undefined> {
    const row = await db.drafts.get('current');
    if (!row) return undefined;
    const { id: _id, ...draft } = row;
    return draft;
  },

  async clearDraft(): Promise<void> {
    await db.drafts.delete('current');
  },
});
