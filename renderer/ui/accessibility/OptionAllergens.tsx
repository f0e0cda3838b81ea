// An option's or a meal choice's allergens in its label, as words with pictograms, so a customer
// (and speech mode, which reads the label) knows what a choice brings before choosing it.
import type { Allergen } from '../../../common/menu/schema';
import { useI18n } from '../../i18n/useI18n';
import { AllergenIcon } from '../components/AllergenBadges';

export const OptionAllergens = ({ allergens }: { allergens: readonly Allergen[] }) => {
  const { t } = useI18n();
  if (allergens.length === 0) return null;
  return (
    <span className="choice-allergens">
      {t.allergensLabel}:{' '}
      {allergens.map((allergen, index) => (
        <span key={allergen} className="choice-allergen">
          <AllergenIcon allergen={allergen} />
          {t.allergens[allergen]}
          {index < allergens.length - 1 ? ', ' : ''}
        </span>
      ))}
    </span>
  );
};
