// Allergens as text with a pictogram, never colour alone.
import { memo } from 'react';
import type { Allergen } from '../../../common/menu/schema';
import { useI18n } from '../../i18n/useI18n';
import './allergen-icons/allergen-icons.css';

/** A simple pictogram, drawn in the text's colour (allergen-icons/); decorative, since the name is always written next to it. */
export const AllergenIcon = ({ allergen }: { allergen: Allergen }) => <span className={`allergen-icon allergen-icon-${allergen}`} aria-hidden="true" />;

export const AllergenBadges = memo(function AllergenBadges({ allergens, id }: { allergens: readonly Allergen[]; id?: string }) {
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
});
