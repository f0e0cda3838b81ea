// A suggestion in its own row above the action bar (never over a control, never modal): "Make it
// a meal?" on the menu, "Add a drink?" on the review. One tap accepts, one tap dismisses, and
// ignoring it is fine: it is shown once per order. Like the added notice it follows the screen on
// show, so a tap's own frame never moves the screen's rows for it.
import { describeLine } from '../../../common/menu/describe';
import { drinksToOffer } from '../../../common/menu/suggestions';
import { priceLine } from '../../../common/menu/pricing';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import type { KioskState } from '../../state/types';
import { keepFocusOnScreen } from '../components/keep-focus';

export const SuggestionBanner = ({ shownScreen }: { shownScreen: KioskState['screen'] }) => {
  const { t, money, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const suggestion = useKiosk((state) => state.suggestion);
  const acceptMeal = useKiosk((state) => state.acceptMeal);
  const addSuggestedDrink = useKiosk((state) => state.addSuggestedDrink);
  const dismiss = useKiosk((state) => state.dismissSuggestion);
  const shown =
    menu !== null && suggestion !== null && ((suggestion.kind === 'make_it_a_meal' && shownScreen === 'menu') || (suggestion.kind === 'add_a_drink' && shownScreen === 'review'));

  let body = null;
  if (shown && suggestion.kind === 'make_it_a_meal') {
    const { offer } = suggestion;
    const described = describeLine(menu, offer.meal, locale);
    const saving = offer.partsPrice - offer.mealPrice;
    body = (
      <>
        <div className="suggestion-text">
          <p className="suggestion-title">{t.suggestMealTitle}</p>
          <p>
            {t.suggestMealOffer(described.title, described.details.join(', '), money(offer.mealPrice * offer.meal.quantity))}
            {saving > 0 ? ` ${t.suggestMealSaving(money(saving * offer.meal.quantity))}` : ''}
          </p>
        </div>
        <div className="suggestion-actions">
          <button type="button" className="button primary" onClick={(event) => {
              keepFocusOnScreen(event);
              acceptMeal();
            }}>
            {t.suggestMealAccept}
          </button>
          <button type="button" className="button" onClick={(event) => {
              keepFocusOnScreen(event);
              dismiss();
            }}>
            {t.suggestionDismiss}
          </button>
        </div>
      </>
    );
  } else if (shown && suggestion.kind === 'add_a_drink') {
    body = (
      <>
        <div className="suggestion-text">
          <p className="suggestion-title">{t.suggestDrinkTitle}</p>
        </div>
        <div className="suggestion-actions">
          {drinksToOffer(menu).map((drink) => {
            const title = describeLine(menu, drink, locale).title;
            const price = money(priceLine(menu, drink).total);
            return (
              <button key={drink.itemId} type="button" className="button" aria-label={t.quickAdd(title, price)} onClick={(event) => {
                keepFocusOnScreen(event);
                addSuggestedDrink(drink.itemId);
              }}>
                {t.quickAddDetail(title, price)}
              </button>
            );
          })}
          <button type="button" className="button" onClick={(event) => {
              keepFocusOnScreen(event);
              dismiss();
            }}>
            {t.suggestionDismiss}
          </button>
        </div>
      </>
    );
  }
  return (
    <section className="suggestion" aria-label={t.suggestionLabel} hidden={!shown}>
      {body}
    </section>
  );
};
