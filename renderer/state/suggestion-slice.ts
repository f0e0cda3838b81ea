// Suggestions while ordering (common/menu/suggestions.ts): "Make it a meal?" after an item that is
// a meal's main is added on its own, "Add a drink?" on the review when the order has none. Each
// kind at most once per order, never pushy: dismissed in one tap, or simply ignored. Shown,
// accepted and dismissed are analytics events (the one event type).
import type { StateCreator } from 'zustand';
import { drinksToOffer, mealOfferFor, orderHasDrink } from '../../common/menu/suggestions';
import { sessionRecorder } from './record';
import type { KioskDeps, KioskState, SuggestionKind, SuggestionSlice } from './types';

export const createSuggestionSlice =
  (deps: KioskDeps): StateCreator<KioskState, [], [], SuggestionSlice> =>
  (set, get) => {
    const record = sessionRecorder(deps, get);
    const show = (suggestion: NonNullable<SuggestionSlice['suggestion']>, detail: Record<string, unknown>) => {
      set({ suggestion, suggested: [...get().suggested, suggestion.kind] });
      record('suggestion_shown', { detail: { kind: suggestion.kind, ...detail } });
    };
    const shownBefore = (kind: SuggestionKind) => get().suggested.includes(kind);

    return {
      suggestion: null,
      suggested: [],

      suggestMealFor(lineId, added) {
        const { menu } = get();
        if (!menu || shownBefore('make_it_a_meal')) return;
        const offer = mealOfferFor(menu, added);
        if (offer) show({ kind: 'make_it_a_meal', lineId, offer }, { itemId: added.kind === 'item' ? added.itemId : undefined, mealId: offer.meal.mealId });
      },

      suggestDrink() {
        const { menu, lines } = get();
        if (!menu || shownBefore('add_a_drink') || lines.length === 0) return;
        if (orderHasDrink(menu, lines.map((line) => line.selection)) || drinksToOffer(menu).length === 0) return;
        show({ kind: 'add_a_drink' }, {});
      },

      acceptMeal() {
        const { suggestion } = get();
        if (suggestion?.kind !== 'make_it_a_meal') return;
        const line = get().lines.find((candidate) => candidate.lineId === suggestion.lineId);
        set({ suggestion: null });
        if (!line) return;
        const { meal } = suggestion.offer;
        // Only what was just added becomes the meal (an identical line may have merged into it).
        const left = line.selection.quantity - meal.quantity;
        if (left > 0) {
          get().setQuantity(line.lineId, left);
          get().addLine(meal);
        } else {
          get().replaceLine(line.lineId, meal);
        }
        record('suggestion_accepted', { detail: { kind: 'make_it_a_meal', mealId: meal.mealId } });
      },

      addSuggestedDrink(itemId) {
        const { suggestion, menu } = get();
        if (suggestion?.kind !== 'add_a_drink' || !menu) return;
        const drink = drinksToOffer(menu).find((candidate) => candidate.itemId === itemId);
        set({ suggestion: null });
        if (!drink) return;
        get().addLine(drink);
        record('suggestion_accepted', { detail: { kind: 'add_a_drink', itemId } });
      },

      dismissSuggestion() {
        const { suggestion } = get();
        if (!suggestion) return;
        set({ suggestion: null });
        record('suggestion_dismissed', { detail: { kind: suggestion.kind } });
      },
    };
  };
