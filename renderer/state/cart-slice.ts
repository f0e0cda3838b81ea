import type { StateCreator } from 'zustand';
import type { LineSelection } from '../../common/menu/selection';
import type { CartChangeKind, CartSlice, KioskDeps, KioskState } from './types';

export const MAX_LINE_QUANTITY = 99;

/** The thing a line is of: only lines of the same one can have the same choices. */
const productOf = (selection: LineSelection): string => (selection.kind === 'item' ? `item:${selection.itemId}` : `meal:${selection.mealId}`);
/** The choices, whatever the quantity and the order of keys (options are records). */
const choicesKey = (selection: LineSelection): string => canonical({ ...selection, quantity: 0 });
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : Array.isArray(inner) && inner.every((entry) => typeof entry === 'string')
        ? [...(inner as string[])].sort()
        : inner,
  );

export const createCartSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], CartSlice> =>
  (set, get) => {
    /** Applies a change to the lines, remembering the previous lines so it can be undone. */
    const change = (kind: Exclude<CartChangeKind, 'undone'>, selection: LineSelection, lines: CartSlice['lines'], alongside: Partial<KioskState> = {}) => {
      const previousLines = get().lines;
      set({
        ...alongside,
        lines,
        checkoutOrderId: null,
        undoable: { kind, previousLines, selection },
        lastChange: { kind, selection, seq: (get().lastChange?.seq ?? 0) + 1 },
      });
    };

    return {
      lines: [],
      undoable: null,
      lastChange: null,

      addLine(selection, alongside) {
        // The same choices again make one line of two, not two lines (a comped line stays apart).
        // Runs in the tap: lines of other products are passed over before any choices are compared.
        const product = productOf(selection);
        let key: string | undefined;
        const same = get().lines.find(
          (line) =>
            !line.comp &&
            line.selection.quantity < MAX_LINE_QUANTITY &&
            productOf(line.selection) === product &&
            choicesKey(line.selection) === (key ??= choicesKey(selection)),
        );
        const lineId = same?.lineId ?? deps.newId();
        const lines = same
          ? get().lines.map((line) =>
              line === same ? { lineId, selection: { ...line.selection, quantity: Math.min(MAX_LINE_QUANTITY, line.selection.quantity + selection.quantity) } } : line,
            )
          : [...get().lines, { lineId, selection }];
        change('added', selection, lines, alongside);
        get().suggestMealFor(lineId, selection);
        const { session } = get();
        const ref = selection.kind === 'item' ? { itemId: selection.itemId } : { mealId: selection.mealId };
        deps
          .recordEvent({ type: 'item_added', ...(session ? { sessionId: session.id } : {}), detail: { ...ref, quantity: selection.quantity } })
          .catch(() => undefined);
        return lineId;
      },

      replaceLine(lineId, selection, alongside) {
        if (!get().lines.some((line) => line.lineId === lineId)) {
          if (alongside) set(alongside);
          return;
        }
        change(
          'edited',
          selection,
          get().lines.map((line) => (line.lineId === lineId ? { lineId, selection } : line)),
          alongside,
        );
      },

      setQuantity(lineId, quantity) {
        const line = get().lines.find((candidate) => candidate.lineId === lineId);
        const clamped = Math.min(MAX_LINE_QUANTITY, Math.max(1, Math.round(quantity)));
        if (!line || line.selection.quantity === clamped) return;
        const selection = { ...line.selection, quantity: clamped };
        change(
          'quantity',
          selection,
          get().lines.map((candidate) => (candidate.lineId === lineId ? { ...candidate, selection } : candidate)),
        );
      },

      setLineComp(lineId, comp) {
        const line = get().lines.find((candidate) => candidate.lineId === lineId);
        if (!line || (comp === null && !line.comp)) return;
        const { comp: _previous, ...rest } = line;
        change(
          'edited',
          line.selection,
          get().lines.map((candidate) => (candidate.lineId === lineId ? (comp ? { ...rest, comp } : rest) : candidate)),
        );
      },

      removeLine(lineId) {
        const line = get().lines.find((candidate) => candidate.lineId === lineId);
        if (!line) return;
        change(
          'removed',
          line.selection,
          get().lines.filter((candidate) => candidate.lineId !== lineId),
        );
      },

      undo() {
        const { undoable, lastChange } = get();
        if (!undoable) return;
        set({
          lines: undoable.previousLines,
          checkoutOrderId: null,
          undoable: null,
          lastChange: { kind: 'undone', selection: undoable.selection, seq: (lastChange?.seq ?? 0) + 1 },
        });
      },

      clearCart() {
        // A new order: suggestions may be made again.
        set({ lines: [], undoable: null, lastChange: null, suggestion: null, suggested: [] });
      },
    };
  };
