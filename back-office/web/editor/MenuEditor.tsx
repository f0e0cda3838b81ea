// The menu editor: entries on the left, the selected one's form in the middle, the
// kiosk's preview on the right; errors at their fields and in one list, warnings, undo.
import { useEffect, useMemo, useState } from 'react';
import type { Menu } from '../../../common/menu/schema';
import type { BackOfficeState } from '../api';
import { describePath, useMenuDraft } from './draft';
import { DraftContext, freeId } from './fields';
import { CategoryForm, ItemForm, MealForm, OptionGroupForm, ScheduleForm } from './forms';
import { Preview } from './Preview';
import { PublishBar } from './PublishBar';

type Kind = 'category' | 'item' | 'meal' | 'optionGroup' | 'schedule';
type Selected = { kind: Kind; index: number } | null;

const startingMenu = (state: BackOfficeState): Menu | null => (state.draft?.menu as Menu | undefined) ?? state.published?.menu ?? null;

export const MenuEditor = ({ state, onChanged }: { state: BackOfficeState; onChanged: () => Promise<void> }) => {
  const initial = useMemo(() => startingMenu(state), []); // eslint-disable-line react-hooks/exhaustive-deps
  if (!initial) return <main><p>No menu is known yet: import one on the “Publish and kiosks” page.</p></main>;
  return <Editor initial={initial} state={state} onChanged={onChanged} />;
};

const Editor = ({ initial, state, onChanged }: { initial: Menu; state: BackOfficeState; onChanged: () => Promise<void> }) => {
  const draft = useMenuDraft(initial, state.published?.menu ?? null, state.draft?.baseVersion ?? state.published?.version ?? null);
  const { menu } = draft;
  const [selected, setSelected] = useState<Selected>(menu.items.length > 0 ? { kind: 'item', index: 0 } : null);
  const { undo, redo } = draft;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key.toLowerCase() !== 'z') return;
      if ((event.target as HTMLElement).tagName === 'INPUT' || (event.target as HTMLElement).tagName === 'TEXTAREA') return;
      event.preventDefault();
      if (event.shiftKey) redo();
      else undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const name = (entry: { id: string; name?: Record<string, string> }) => entry.name?.[menu.defaultLocale] || entry.id;
  const add = (kind: Kind) => {
    const text = (value: string) => Object.fromEntries(menu.locales.map((locale) => [locale, value]));
    const ids = [...menu.items.map((item) => item.id), ...menu.meals.map((meal) => meal.id)];
    const image = menu.items[0]?.image ?? 'images/new.svg';
    draft.change((current) => {
      if (kind === 'item') return { ...current, items: [...current.items, { id: freeId('new-item', ids), name: text('New item'), image, price: 0, calories: 0, allergens: [], taxClass: state.store.taxClasses[0] ?? 'food', sizes: [], ingredients: [], optionGroupIds: [], availability: { soldOut: false, scheduleIds: [] }, mealOnly: false }] };
      if (kind === 'category') return { ...current, categories: [...current.categories, { id: freeId('new-category', current.categories.map((category) => category.id)), name: text('New category'), image, entryIds: [] }] };
      if (kind === 'optionGroup') return { ...current, optionGroups: [...current.optionGroups, { id: freeId('new-group', current.optionGroups.map((group) => group.id)), name: text('New group'), selection: 'multiple', min: 0, max: 1, freeQuantity: 0, options: [] }] };
      if (kind === 'schedule') return { ...current, schedules: [...current.schedules, { id: freeId('new-schedule', current.schedules.map((schedule) => schedule.id)), name: text('New schedule'), days: [1, 2, 3, 4, 5, 6, 7], from: '06:00', until: '10:30' }] };
      return { ...current, meals: [...current.meals, { id: freeId('new-meal', ids), name: text('New meal'), image, price: 0, sizes: [{ id: 'regular', name: text('Regular'), priceDelta: 0, slotSizes: {} }], slots: [], availability: { soldOut: false, scheduleIds: [] } }] };
    });
    const lengths = { item: menu.items.length, category: menu.categories.length, optionGroup: menu.optionGroups.length, schedule: menu.schedules.length, meal: menu.meals.length };
    setSelected({ kind, index: lengths[kind] });
  };
  const removeSelected = () => {
    if (!selected) return;
    const key = ({ item: 'items', meal: 'meals', category: 'categories', optionGroup: 'optionGroups', schedule: 'schedules' } as const)[selected.kind];
    draft.change((current) => ({ ...current, [key]: (current[key] as unknown[]).filter((_, index) => index !== selected.index) }));
    setSelected(null);
  };
  const moveCategory = (index: number, to: number) =>
    draft.change((current) => {
      const categories = [...current.categories];
      const [moved] = categories.splice(index, 1);
      categories.splice(to, 0, moved!);
      return { ...current, categories };
    });

  const list = (kind: Kind, label: string, entries: { id: string; name?: Record<string, string> }[], movable = false) => (
    <section aria-label={label} className="bo-entries">
      <h2>{label}</h2>
      <ul>
        {entries.map((entry, index) => (
          <li key={`${entry.id}-${index}`}>
            <button type="button" aria-current={selected?.kind === kind && selected.index === index ? 'true' : undefined} onClick={() => setSelected({ kind, index })}>
              {name(entry)}
            </button>
            {movable ? (
              <>
                <button type="button" disabled={index === 0} onClick={() => moveCategory(index, index - 1)} aria-label={`Move category ${name(entry)} up`}>
                  ↑
                </button>
                <button type="button" disabled={index === entries.length - 1} onClick={() => moveCategory(index, index + 1)} aria-label={`Move category ${name(entry)} down`}>
                  ↓
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => add(kind)}>
        New {label.toLowerCase().replace(/s$/, '').replace(/ie$/, 'y')}
      </button>
    </section>
  );

  const exists = selected && ((selected.kind === 'item' && menu.items[selected.index]) || (selected.kind === 'meal' && menu.meals[selected.index]) || (selected.kind === 'category' && menu.categories[selected.index]) || (selected.kind === 'optionGroup' && menu.optionGroups[selected.index]) || (selected.kind === 'schedule' && menu.schedules[selected.index]));
  const previewSelection =
    selected && exists
      ? selected.kind === 'item'
        ? { kind: 'item' as const, id: menu.items[selected.index]!.id }
        : selected.kind === 'meal'
          ? { kind: 'meal' as const, id: menu.meals[selected.index]!.id }
          : selected.kind === 'category'
            ? { kind: 'category' as const, id: menu.categories[selected.index]!.id }
            : null
      : null;

  return (
    <DraftContext.Provider value={draft}>
      <div className="bo-editor">
        <section aria-label="Menu status" className="bo-toolbar">
          <button type="button" onClick={draft.undo} disabled={!draft.canUndo}>
            Undo
          </button>
          <button type="button" onClick={draft.redo} disabled={!draft.canRedo}>
            Redo
          </button>
          <span role="status">{{ saved: 'Draft saved', saving: 'Saving draft…', unsaved: 'Changed', failed: 'Draft not saved (the server did not answer)' }[draft.saved]}</span>
          {state.draft?.baseVersion && state.published && state.draft.baseVersion !== state.published.version ? (
            <p className="bo-notice" role="note">
              This draft was started from version {state.draft.baseVersion}; version {state.published.version} is published now. Publishing publishes the draft as it is, with every change it holds.
            </p>
          ) : null}
          <PublishBar draft={draft} state={state} onPublished={async (published) => {
            draft.replace(published);
            await onChanged();
          }} />
          {draft.errors.length > 0 ? (
            <div className="bo-problems" aria-label="Errors">
              <h2>{draft.errors.length} error{draft.errors.length === 1 ? '' : 's'}: the kiosk would refuse this menu</h2>
              <ul>
                {draft.errors.slice(0, 30).map((error, index) => (
                  <li key={index}>
                    {describePath(menu, error.path)}: {error.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {draft.warnings.length > 0 ? (
            <div className="bo-warnings" aria-label="Warnings">
              <h2>Warnings</h2>
              <ul>
                {draft.warnings.map((warning, index) => (
                  <li key={index}>
                    {describePath(menu, warning.path)}: {warning.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
        <nav className="bo-sidebar" aria-label="Menu entries">
          {list('category', 'Categories', menu.categories, true)}
          {list('item', 'Items', menu.items)}
          {list('meal', 'Meals', menu.meals)}
          {list('optionGroup', 'Option groups', menu.optionGroups)}
          {list('schedule', 'Schedules', menu.schedules)}
        </nav>
        <section className="bo-detail" aria-label="Selected entry">
          {selected && exists ? (
            <>
              {selected.kind === 'item' ? <ItemForm index={selected.index} taxClasses={state.store.taxClasses} /> : null}
              {selected.kind === 'meal' ? <MealForm index={selected.index} /> : null}
              {selected.kind === 'category' ? <CategoryForm index={selected.index} /> : null}
              {selected.kind === 'optionGroup' ? <OptionGroupForm index={selected.index} /> : null}
              {selected.kind === 'schedule' ? <ScheduleForm index={selected.index} timezone={state.store.timezone} /> : null}
              <button type="button" className="bo-danger" onClick={removeSelected}>
                Delete this {selected.kind === 'optionGroup' ? 'option group' : selected.kind}
              </button>
            </>
          ) : (
            <p>Choose an entry on the left.</p>
          )}
        </section>
        {draft.errors.length === 0 ? <Preview menu={menu} store={state.store} selection={previewSelection} /> : <p className="bo-preview">The preview shows once the menu has no errors.</p>}
      </div>
    </DraftContext.Provider>
  );
};
