// Form fields bound to a JSON path of the draft menu: each shows the kiosk validator's
// errors for exactly its path, next to it (aria-invalid + aria-describedby).
import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { ALLERGENS } from '../../../common/menu/schema';
import { getAt, type MenuDraft, type Path } from './draft';

export const DraftContext = createContext<MenuDraft | null>(null);
export const useDraft = (): MenuDraft => {
  const draft = useContext(DraftContext);
  if (!draft) throw new Error('fields need a <DraftContext.Provider>');
  return draft;
};

const FieldErrors = ({ id, messages }: { id: string; messages: string[] }) =>
  messages.length > 0 ? (
    <span id={id} className="bo-field-error">
      {messages.join('; ')}
    </span>
  ) : null;

const Field = ({ label, path, children }: { label: string; path: Path; children: (props: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode }) => {
  const { errorsAt } = useDraft();
  const id = useId();
  const messages = errorsAt(path);
  const errorId = `${id}-error`;
  return (
    <div className={`bo-field${messages.length > 0 ? ' bo-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(messages.length > 0 ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {}) })}
      <FieldErrors id={errorId} messages={messages} />
    </div>
  );
};

export const TextField = ({ label, path, required = true }: { label: string; path: Path; required?: boolean }) => {
  const { menu, update } = useDraft();
  const value = getAt(menu, path);
  return (
    <Field label={label} path={path}>
      {(props) => <input {...props} value={typeof value === 'string' ? value : ''} onChange={(event) => update(path, event.target.value === '' && !required ? undefined : event.target.value)} />}
    </Field>
  );
};

export const IntField = ({ label, path }: { label: string; path: Path }) => {
  const { menu, update } = useDraft();
  const value = getAt(menu, path);
  return (
    <Field label={label} path={path}>
      {(props) => (
        <input {...props} type="number" step="1" value={typeof value === 'number' && Number.isFinite(value) ? value : ''} onChange={(event) => update(path, event.target.value === '' ? undefined : Number(event.target.value))} />
      )}
    </Field>
  );
};

/** An amount in the menu's currency, typed as 10.99 and kept as 1099 minor units. */
export const MoneyField = ({ label, path }: { label: string; path: Path }) => {
  const { menu, update } = useDraft();
  const value = getAt(menu, path);
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (typeof value === 'number' ? (value / 100).toFixed(2) : '');
  return (
    <Field label={`${label} (${menu.currency})`} path={path}>
      {(props) => (
        <input
          {...props}
          inputMode="decimal"
          value={shown}
          onChange={(event) => {
            setText(event.target.value);
            const parsed = Number(event.target.value.replace(',', '.'));
            if (event.target.value.trim() !== '' && Number.isFinite(parsed)) update(path, Math.round(parsed * 100));
          }}
          onBlur={() => setText(null)}
        />
      )}
    </Field>
  );
};

export const CheckField = ({ label, path }: { label: string; path: Path }) => {
  const { menu, update } = useDraft();
  return (
    <label className="bo-check">
      <input type="checkbox" checked={getAt(menu, path) === true} onChange={(event) => update(path, event.target.checked)} /> {label}
    </label>
  );
};

export const SelectField = ({ label, path, options, optional = false }: { label: string; path: Path; options: { value: string; label: string }[]; optional?: boolean }) => {
  const { menu, update } = useDraft();
  const value = getAt(menu, path);
  return (
    <Field label={label} path={path}>
      {(props) => (
        <select {...props} value={typeof value === 'string' ? value : ''} onChange={(event) => update(path, event.target.value === '' ? undefined : event.target.value)}>
          {optional || typeof value !== 'string' ? <option value="">(none)</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
};

/** Text in every menu language, side by side. */
export const LocalizedField = ({ label, path, optional = false }: { label: string; path: Path; optional?: boolean }) => {
  const { menu, update, errorsAt } = useDraft();
  const value = (getAt(menu, path) as Record<string, string> | undefined) ?? {};
  const messages = errorsAt(path);
  const id = useId();
  return (
    <fieldset className={`bo-localized${messages.length > 0 ? ' bo-invalid' : ''}`} aria-describedby={messages.length > 0 ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {menu.locales.map((locale) => (
        <LocaleInput
          key={locale}
          label={`${label} (${locale})`}
          path={[...path, locale]}
          value={value[locale] ?? ''}
          onChange={(text) => {
            const next = { ...value };
            if (text === '') delete next[locale];
            else next[locale] = text;
            update(path, optional && Object.keys(next).length === 0 ? undefined : next);
          }}
        />
      ))}
      <FieldErrors id={`${id}-error`} messages={messages} />
    </fieldset>
  );
};

const LocaleInput = ({ label, path, value, onChange }: { label: string; path: Path; value: string; onChange: (text: string) => void }) => (
  <Field label={label} path={path}>
    {(props) => <input {...props} value={value} onChange={(event) => onChange(event.target.value)} />}
  </Field>
);

/** A set of ids chosen from a list (option groups of an item, schedules, allergens). */
export const IdSetField = ({ label, path, options }: { label: string; path: Path; options: { value: string; label: string }[] }) => {
  const { menu, update, errorsAt } = useDraft();
  const chosen = (getAt(menu, path) as string[] | undefined) ?? [];
  const messages = errorsAt(path);
  const id = useId();
  return (
    <fieldset className={`bo-id-set${messages.length > 0 ? ' bo-invalid' : ''}`} aria-describedby={messages.length > 0 ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {options.map((option) => (
        <label key={option.value} className="bo-check">
          <input
            type="checkbox"
            checked={chosen.includes(option.value)}
            onChange={(event) => update(path, event.target.checked ? [...chosen, option.value] : chosen.filter((value) => value !== option.value))}
          />{' '}
          {option.label}
        </label>
      ))}
      <FieldErrors id={`${id}-error`} messages={messages} />
    </fieldset>
  );
};

export const AllergensField = ({ path, label = 'Allergens' }: { path: Path; label?: string }) => (
  <IdSetField label={label} path={path} options={ALLERGENS.map((allergen) => ({ value: allergen, label: allergen }))} />
);

const DIETS = {
  unknown: { label: 'Not stated (diet filters leave it out)', flags: undefined },
  neither: { label: 'Neither vegetarian nor vegan', flags: { vegetarian: false, vegan: false } },
  vegetarian: { label: 'Vegetarian', flags: { vegetarian: true, vegan: false } },
  vegan: { label: 'Vegan (and so vegetarian)', flags: { vegetarian: true, vegan: true } },
} as const;
type Diet = keyof typeof DIETS;
const dietOf = (flags: unknown): Diet => {
  const { vegetarian, vegan } = (flags ?? {}) as { vegetarian?: boolean; vegan?: boolean };
  if (vegetarian === undefined || vegan === undefined) return 'unknown';
  return vegan ? 'vegan' : vegetarian ? 'vegetarian' : 'neither';
};

/** The vegetarian and vegan flags as one choice: the kiosk's diet filters offer only what is stated. */
export const DietField = ({ path, label = 'Diet' }: { path: Path; label?: string }) => {
  const { menu, update } = useDraft();
  return (
    <Field label={label} path={path}>
      {(props) => (
        <select {...props} value={dietOf(getAt(menu, path))} onChange={(event) => update(path, DIETS[event.target.value as Diet].flags)}>
          {Object.entries(DIETS).map(([value, diet]) => (
            <option key={value} value={value}>
              {diet.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
};

/** A list of sub-entries (sizes, options, slots…) with add and remove. */
export function ListEditor<T>({ label, path, make, render, itemLabel }: { label: string; path: Path; make: (list: T[]) => T; render: (index: number) => ReactNode; itemLabel: (entry: T, index: number) => string }) {
  const { menu, update } = useDraft();
  const list = (getAt(menu, path) as T[] | undefined) ?? [];
  return (
    <section className="bo-list" aria-label={label}>
      <h3>{label}</h3>
      {list.map((entry, index) => (
        <div className="bo-list-entry" key={index}>
          {render(index)}
          <button type="button" onClick={() => update(path, list.filter((_, other) => other !== index))}>
            Remove {itemLabel(entry, index)}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => update(path, [...list, make(list)])}>
        Add to {label.toLowerCase()}
      </button>
    </section>
  );
}

/** The first free id from a base, e.g. "new-item", "new-item-2". */
export const freeId = (base: string, taken: Iterable<string>): string => {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n += 1) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
};
