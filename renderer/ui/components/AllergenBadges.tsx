// Allergens as text with a pictogram, never colour alone.
import type { Allergen } from '../../../common/menu/schema';
import { useI18n } from '../../i18n/useI18n';

/** Simple 24×24 pictograms; decorative, since the name is always written next to them. */
const icons: Record<Allergen, string> = {
  gluten: 'M12 22V6M12 10c-3-1-4-3-4-5 3 0 4 2 4 5zm0 0c3-1 4-3 4-5-3 0-4 2-4 5zm0 5c-3-1-4-3-4-5 3 0 4 2 4 5zm0 0c3-1 4-3 4-5-3 0-4 2-4 5z',
  crustaceans: 'M5 15c0-6 5-10 11-9 3 1 4 4 2 6-2 3-7 2-8 6l-3 3M9 9l-4-4M13 7l-1-5',
  eggs: 'M12 3c-4 0-7 7-7 11a7 7 0 0 0 14 0c0-4-3-11-7-11z',
  fish: 'M3 12c4-6 11-6 15 0-4 6-11 6-15 0zm15 0 4-4v8zM8 11h.01',
  peanuts: 'M9 4a5 5 0 0 1 5 7 5 5 0 1 1-6 6A5 5 0 0 1 9 4z',
  soybeans: 'M4 18C8 8 14 5 20 5c0 6-4 12-14 14zm5-3h.01M12 12h.01M15 9h.01',
  milk: 'M9 2h6v4l2 3v13H7V9l2-3zM7 12h10',
  nuts: 'M5 10h14c0-3-3-5-7-5s-7 2-7 5zm1 0c0 6 3 11 6 11s6-5 6-11M12 5V2',
  celery: 'M8 22V8M12 22V5M16 22V8M8 8 5 4M12 5l0-3M16 8l3-4',
  mustard: 'M8 8h8v13H8zM10 8V5h4v3M10 2h4v3h-4z',
  sesame: 'M7 8c2-2 4 0 2 3-2 2-4 0-2-3zm8-3c2-2 4 0 2 3-2 2-4 0-2-3zm-3 9c2-2 4 0 2 3-2 2-4 0-2-3z',
  sulphites: 'M7 3h10c0 6-2 9-5 9s-5-3-5-9zM12 12v8M8 21h8',
  lupin: 'M12 22V10M12 4a2 2 0 1 1 0 .01M9 8a2 2 0 1 1 0 .01M15 8a2 2 0 1 1 0 .01M12 8a2 2 0 1 1 0 .01',
  molluscs: 'M3 17a9 9 0 0 1 18 0zM12 17V8M7 17l2-7M17 17l-2-7',
};

export const AllergenIcon = ({ allergen }: { allergen: Allergen }) => (
  <svg className="allergen-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
    <path d={icons[allergen]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

export const AllergenBadges = ({ allergens, id }: { allergens: readonly Allergen[]; id?: string }) => {
  const { t } = useI18n();
  if (allergens.length === 0)
    return (
      <p className="allergens allergens-none" id={id}>
        {t.noAllergens}
      </p>
    );
  return (
    <p className="allergens" id={id}>
      <span className="allergens-label">{t.allergensLabel}: </span>
      {allergens.map((allergen, index) => (
        <span key={allergen} className="allergen-badge">
          <AllergenIcon allergen={allergen} />
          {t.allergens[allergen]}
          {index < allergens.length - 1 ? <span className="visually-hidden">, </span> : null}
        </span>
      ))}
    </p>
  );
};
