// The current choice of every group in a few lines at the top of the customiser ("Side: Fries
// (Medium)", "Drink: Cola (Medium 0.4 l), no ice"), so it is seen in one screen height however
// long the form below is; for a meal, a button per slot goes straight to that slot in place.
import { describeLine } from '../../../common/menu/describe';
import type { Menu } from '../../../common/menu/schema';
import type { LineSelection } from '../../../common/menu/selection';
import { useI18n } from '../../i18n/useI18n';

const goToSlot = (slotId: string) => {
  const section = document.getElementById(`slot-section-${slotId}`);
  if (!section) return;
  section.scrollIntoView({ block: 'start' });
  section.querySelector<HTMLElement>('input:not([disabled]), button:not([disabled])')?.focus({ preventScroll: true });
};

export const ChoiceSummary = ({ menu, selection }: { menu: Menu; selection: LineSelection }) => {
  const { t, text, locale } = useI18n();
  const described = describeLine(menu, selection, locale);
  const meal = selection.kind === 'meal' ? menu.meals.find((candidate) => candidate.id === selection.mealId) : undefined;
  return (
    <section className="choice-summary" aria-labelledby="choice-summary-title">
      <h2 id="choice-summary-title" className="choice-summary-title">
        {t.yourChoice}: <span className="choice-summary-line">{described.title}</span>
      </h2>
      {described.details.length > 0 ? (
        <ul className="choice-summary-details">
          {described.details.map((detail, index) => (
            <li key={index}>{detail}</li>
          ))}
        </ul>
      ) : null}
      {meal ? (
        <div className="choice-summary-jumps" role="group" aria-label={t.changeSlotGroup}>
          {meal.slots.map((slot) => (
            <button key={slot.id} type="button" className="chip" onClick={() => goToSlot(slot.id)}>
              {t.changeSlot(text(slot.name))}
            </button>
          ))}
        </div>
      ) : null}
    </section>
  );
};
