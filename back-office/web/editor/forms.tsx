// One form per kind of menu entry, following the schema (common/menu/schema.ts).
import { useState } from 'react';
import type { Ingredient, MealSlot, Option, Size } from '../../../common/menu/schema';
import { api, errorText } from '../api';
import { AllergensField, CheckField, DietField, IdSetField, IntField, ListEditor, LocalizedField, MoneyField, SelectField, TextField, freeId, useDraft } from './fields';
import { getAt, type Path } from './draft';

const text = (locales: string[], value: string) => Object.fromEntries(locales.map((locale) => [locale, value]));

export const ImageField = ({ path }: { path: Path }) => {
  const { menu, update, errorsAt } = useDraft();
  const [problem, setProblem] = useState<string | null>(null);
  const current = getAt(menu, path) as string | undefined;
  const upload = async (file: File) => {
    setProblem(null);
    try {
      const saved = await api<{ path: string }>('POST', 'images', undefined, { raw: file, headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeURIComponent(file.name) } });
      update(path, saved.path);
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  const messages = [...errorsAt(path), ...(problem ? [problem] : [])];
  return (
    <div className={`bo-field bo-image${messages.length > 0 ? ' bo-invalid' : ''}`}>
      <label>
        Image (PNG, JPEG, WebP or SVG, at most 2 MB)
        <input type="file" accept="image/png,image/jpeg,image/webp,image/svg+xml" onChange={(event) => event.target.files?.[0] && void upload(event.target.files[0])} />
      </label>
      {current ? (
        <span className="bo-image-current">
          <img src={`/back-office/menu-assets/${current}`} alt="" width="48" height="48" /> {current}
        </span>
      ) : null}
      {messages.length > 0 ? <span className="bo-field-error" role="alert">{messages.join('; ')}</span> : null}
    </div>
  );
};

const AvailabilityFields = ({ path }: { path: Path }) => {
  const { menu } = useDraft();
  return (
    <>
      <CheckField label="Sold out (in the menu file; day-to-day use the Sold out page)" path={[...path, 'availability', 'soldOut']} />
      <IdSetField label="On sale during (none: always)" path={[...path, 'availability', 'scheduleIds']} options={menu.schedules.map((schedule) => ({ value: schedule.id, label: `${schedule.name[menu.defaultLocale] ?? schedule.id} ${schedule.from}–${schedule.until}` }))} />
    </>
  );
};

export const ItemForm = ({ index, taxClasses }: { index: number; taxClasses: string[] }) => {
  const { menu } = useDraft();
  const path: Path = ['items', index];
  const item = menu.items[index]!;
  return (
    <form className="bo-form" aria-label={`Item ${item.name[menu.defaultLocale] ?? item.id}`} onSubmit={(event) => event.preventDefault()}>
      <TextField label="Id" path={[...path, 'id']} />
      <LocalizedField label="Name" path={[...path, 'name']} />
      <LocalizedField label="Description" path={[...path, 'description']} optional />
      <MoneyField label="Price" path={[...path, 'price']} />
      <SelectField label="Tax class" path={[...path, 'taxClass']} options={taxClasses.map((value) => ({ value, label: value }))} />
      <IntField label="Calories (kcal)" path={[...path, 'calories']} />
      <AllergensField path={[...path, 'allergens']} label="Allergens (of the parts not listed as ingredients)" />
      <DietField path={[...path, 'diet']} />
      <ImageField path={[...path, 'image']} />
      <ListEditor<Size>
        label="Sizes"
        path={[...path, 'sizes']}
        itemLabel={(size) => `size ${size.id}`}
        make={(list) => ({ id: freeId('size', list.map((size) => size.id)), name: text(menu.locales, 'Size'), priceDelta: 0, calories: item.calories })}
        render={(sizeIndex) => (
          <>
            <TextField label="Size id" path={[...path, 'sizes', sizeIndex, 'id']} />
            <LocalizedField label="Size name" path={[...path, 'sizes', sizeIndex, 'name']} />
            <MoneyField label="Size price difference" path={[...path, 'sizes', sizeIndex, 'priceDelta']} />
            <IntField label="Size calories (kcal)" path={[...path, 'sizes', sizeIndex, 'calories']} />
          </>
        )}
      />
      {item.sizes.length > 0 ? <SelectField label="Default size" path={[...path, 'defaultSizeId']} optional options={item.sizes.map((size) => ({ value: size.id, label: size.id }))} /> : null}
      <ListEditor<Ingredient>
        label="Ingredients"
        path={[...path, 'ingredients']}
        itemLabel={(ingredient) => `ingredient ${ingredient.id}`}
        make={(list) => ({ id: freeId('ingredient', list.map((ingredient) => ingredient.id)), name: text(menu.locales, 'Ingredient'), removable: true, calories: 0, allergens: [] })}
        render={(ingredientIndex) => (
          <>
            <TextField label="Ingredient id" path={[...path, 'ingredients', ingredientIndex, 'id']} />
            <LocalizedField label="Ingredient name" path={[...path, 'ingredients', ingredientIndex, 'name']} />
            <CheckField label="Customers may leave it out" path={[...path, 'ingredients', ingredientIndex, 'removable']} />
            <IntField label="Ingredient calories (kcal)" path={[...path, 'ingredients', ingredientIndex, 'calories']} />
            <AllergensField path={[...path, 'ingredients', ingredientIndex, 'allergens']} label="Ingredient allergens" />
          </>
        )}
      />
      <IdSetField label="Option groups (extras, sauces…)" path={[...path, 'optionGroupIds']} options={menu.optionGroups.map((group) => ({ value: group.id, label: group.name[menu.defaultLocale] ?? group.id }))} />
      <CheckField label="Only in meals (not sold on its own)" path={[...path, 'mealOnly']} />
      <AvailabilityFields path={path} />
    </form>
  );
};

export const OptionGroupForm = ({ index }: { index: number }) => {
  const { menu } = useDraft();
  const path: Path = ['optionGroups', index];
  const group = menu.optionGroups[index]!;
  return (
    <form className="bo-form" aria-label={`Option group ${group.name[menu.defaultLocale] ?? group.id}`} onSubmit={(event) => event.preventDefault()}>
      <TextField label="Id" path={[...path, 'id']} />
      <LocalizedField label="Name" path={[...path, 'name']} />
      <SelectField label="Selection" path={[...path, 'selection']} options={[{ value: 'single', label: 'single (one of)' }, { value: 'multiple', label: 'multiple (with quantities)' }]} />
      <IntField label="Minimum" path={[...path, 'min']} />
      <IntField label="Maximum" path={[...path, 'max']} />
      <IntField label="Free units" path={[...path, 'freeQuantity']} />
      <ListEditor<Option>
        label="Options"
        path={[...path, 'options']}
        itemLabel={(option) => `option ${option.id}`}
        make={(list) => ({ id: freeId('option', list.map((option) => option.id)), name: text(menu.locales, 'Option'), priceDelta: 0, calories: 0, allergens: [], isDefault: false, maxQuantity: 1, soldOut: false })}
        render={(optionIndex) => (
          <>
            <TextField label="Option id" path={[...path, 'options', optionIndex, 'id']} />
            <LocalizedField label="Option name" path={[...path, 'options', optionIndex, 'name']} />
            <MoneyField label="Option price" path={[...path, 'options', optionIndex, 'priceDelta']} />
            <IntField label="Option calories (kcal)" path={[...path, 'options', optionIndex, 'calories']} />
            <IntField label="Option maximum quantity" path={[...path, 'options', optionIndex, 'maxQuantity']} />
            <CheckField label="Chosen by default" path={[...path, 'options', optionIndex, 'isDefault']} />
            <AllergensField path={[...path, 'options', optionIndex, 'allergens']} label="Option allergens" />
            <DietField path={[...path, 'options', optionIndex, 'diet']} label="Option diet" />
          </>
        )}
      />
    </form>
  );
};

export const MealForm = ({ index }: { index: number }) => {
  const { menu } = useDraft();
  const path: Path = ['meals', index];
  const meal = menu.meals[index]!;
  const itemOptions = menu.items.map((item) => ({ value: item.id, label: item.name[menu.defaultLocale] ?? item.id }));
  return (
    <form className="bo-form" aria-label={`Meal ${meal.name[menu.defaultLocale] ?? meal.id}`} onSubmit={(event) => event.preventDefault()}>
      <TextField label="Id" path={[...path, 'id']} />
      <LocalizedField label="Name" path={[...path, 'name']} />
      <LocalizedField label="Description" path={[...path, 'description']} optional />
      <MoneyField label="Price" path={[...path, 'price']} />
      <ImageField path={[...path, 'image']} />
      <ListEditor
        label="Meal sizes"
        path={[...path, 'sizes']}
        itemLabel={(size: { id: string }) => `meal size ${size.id}`}
        make={(list: { id: string }[]) => ({ id: freeId('size', list.map((size) => size.id)), name: text(menu.locales, 'Size'), priceDelta: 0, slotSizes: {} })}
        render={(sizeIndex) => (
          <>
            <TextField label="Meal size id" path={[...path, 'sizes', sizeIndex, 'id']} />
            <LocalizedField label="Meal size name" path={[...path, 'sizes', sizeIndex, 'name']} />
            <MoneyField label="Meal size price difference" path={[...path, 'sizes', sizeIndex, 'priceDelta']} />
            {meal.slots.map((slot) => (
              <TextField key={slot.id} label={`Item size in slot ${slot.id}`} path={[...path, 'sizes', sizeIndex, 'slotSizes', slot.id]} required={false} />
            ))}
          </>
        )}
      />
      <ListEditor<MealSlot>
        label="Slots"
        path={[...path, 'slots']}
        itemLabel={(slot) => `slot ${slot.id}`}
        make={(list) => ({ id: freeId('slot', list.map((slot) => slot.id)), kind: 'side', name: text(menu.locales, 'Slot'), choices: [], defaultItemId: '' })}
        render={(slotIndex) => (
          <>
            <TextField label="Slot id" path={[...path, 'slots', slotIndex, 'id']} />
            <SelectField label="Slot kind" path={[...path, 'slots', slotIndex, 'kind']} options={['main', 'side', 'drink', 'dessert'].map((value) => ({ value, label: value }))} />
            <LocalizedField label="Slot name" path={[...path, 'slots', slotIndex, 'name']} />
            <ListEditor
              label="Choices"
              path={[...path, 'slots', slotIndex, 'choices']}
              itemLabel={(choice: { itemId: string }) => `choice ${choice.itemId}`}
              make={() => ({ itemId: menu.items[0]?.id ?? '', priceDelta: 0 })}
              render={(choiceIndex) => (
                <>
                  <SelectField label="Choice item" path={[...path, 'slots', slotIndex, 'choices', choiceIndex, 'itemId']} options={itemOptions} />
                  <MoneyField label="Choice upcharge" path={[...path, 'slots', slotIndex, 'choices', choiceIndex, 'priceDelta']} />
                </>
              )}
            />
            <SelectField label="Default choice" path={[...path, 'slots', slotIndex, 'defaultItemId']} options={(meal.slots[slotIndex]?.choices ?? []).map((choice) => ({ value: choice.itemId, label: choice.itemId }))} />
          </>
        )}
      />
      <AvailabilityFields path={path} />
    </form>
  );
};

export const CategoryForm = ({ index }: { index: number }) => {
  const { menu, update } = useDraft();
  const path: Path = ['categories', index];
  const category = menu.categories[index]!;
  const [adding, setAdding] = useState('');
  const entries = [...menu.items.filter((item) => !item.mealOnly), ...menu.meals].filter((entry) => !category.entryIds.includes(entry.id));
  const move = (from: number, to: number) => {
    const ids = [...category.entryIds];
    const [id] = ids.splice(from, 1);
    ids.splice(to, 0, id!);
    update([...path, 'entryIds'], ids);
  };
  const nameOf = (id: string) => (menu.items.find((item) => item.id === id) ?? menu.meals.find((meal) => meal.id === id))?.name[menu.defaultLocale] ?? id;
  return (
    <form className="bo-form" aria-label={`Category ${category.name[menu.defaultLocale] ?? category.id}`} onSubmit={(event) => event.preventDefault()}>
      <TextField label="Id" path={[...path, 'id']} />
      <LocalizedField label="Name" path={[...path, 'name']} />
      <ImageField path={[...path, 'image']} />
      <section aria-label="Items and meals in this category">
        <h3>Items and meals, in order</h3>
        <ol className="bo-entry-order">
          {category.entryIds.map((id, position) => (
            <li key={id}>
              {nameOf(id)}{' '}
              <button type="button" disabled={position === 0} onClick={() => move(position, position - 1)} aria-label={`Move ${nameOf(id)} up`}>
                ↑
              </button>
              <button type="button" disabled={position === category.entryIds.length - 1} onClick={() => move(position, position + 1)} aria-label={`Move ${nameOf(id)} down`}>
                ↓
              </button>
              <button type="button" onClick={() => update([...path, 'entryIds'], category.entryIds.filter((other) => other !== id))} aria-label={`Take ${nameOf(id)} out of this category`}>
                ✕
              </button>
            </li>
          ))}
        </ol>
        <label>
          Add to this category{' '}
          <select value={adding} onChange={(event) => setAdding(event.target.value)}>
            <option value="">(choose)</option>
            {entries.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.name[menu.defaultLocale] ?? entry.id}
              </option>
            ))}
          </select>
        </label>{' '}
        <button
          type="button"
          disabled={adding === ''}
          onClick={() => {
            update([...path, 'entryIds'], [...category.entryIds, adding]);
            setAdding('');
          }}
        >
          Add
        </button>
      </section>
    </form>
  );
};

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export const ScheduleForm = ({ index, timezone }: { index: number; timezone: string }) => {
  const { menu, update } = useDraft();
  const path: Path = ['schedules', index];
  const schedule = menu.schedules[index]!;
  return (
    <form className="bo-form" aria-label={`Schedule ${schedule.name[menu.defaultLocale] ?? schedule.id}`} onSubmit={(event) => event.preventDefault()}>
      <p>Times are the store's local time ({timezone}); daylight saving is followed. “Until” is exclusive; an end before the start runs past midnight.</p>
      <TextField label="Id" path={[...path, 'id']} />
      <LocalizedField label="Name" path={[...path, 'name']} />
      <fieldset>
        <legend>Days</legend>
        {DAYS.map((day, dayIndex) => (
          <label key={day} className="bo-check">
            <input
              type="checkbox"
              checked={schedule.days.includes(dayIndex + 1)}
              onChange={(event) => update([...path, 'days'], event.target.checked ? [...schedule.days, dayIndex + 1].sort() : schedule.days.filter((other) => other !== dayIndex + 1))}
            />{' '}
            {day}
          </label>
        ))}
      </fieldset>
      <TextField label="From (HH:MM)" path={[...path, 'from']} />
      <TextField label="Until (HH:MM)" path={[...path, 'until']} />
    </form>
  );
};
