import { useI18n } from '../../i18n/useI18n';

interface Props {
  /** What is being counted, used in the buttons' names ("More Ketchup"). */
  name: string;
  value: number;
  min: number;
  max: number;
  onChange(value: number): void;
}

/** − count + with large targets; the count is announced with the thing it counts. */
export const Stepper = ({ name, value, min, max, onChange }: Props) => {
  const { t, number } = useI18n();
  return (
    <div className="stepper" role="group" aria-label={t.quantityOf(name, value)}>
      <button type="button" className="stepper-button" aria-label={t.decrease(name)} disabled={value <= min} onClick={() => onChange(value - 1)}>
        <span aria-hidden="true">−</span>
      </button>
      {/* The group's name already says the count; this is the visible copy. */}
      <span className="stepper-value" aria-hidden="true">
        {number(value)}
      </span>
      <button type="button" className="stepper-button" aria-label={t.increase(name)} disabled={value >= max} onClick={() => onChange(value + 1)}>
        <span aria-hidden="true">+</span>
      </button>
    </div>
  );
};
