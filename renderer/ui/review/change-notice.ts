// What the last cart change was, in words ("Cola added to your order."), for the visible notices
// with their Undo and for the screen-reader announcement.
import type { KioskMessages } from '../../../common/i18n';
import type { CartChangeKind } from '../../state/types';

export const changeNotice = (t: KioskMessages, kind: CartChangeKind, title: string, quantity: number): string => {
  switch (kind) {
    case 'added':
      return t.addedToOrder(title);
    case 'edited':
      return t.updatedInOrder(title);
    case 'quantity':
      return t.quantityChanged(title, quantity);
    case 'removed':
      return t.removedNotice(title);
    case 'undone':
      return t.undone;
  }
};
