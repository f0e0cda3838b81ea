import { localize } from '../../common/menu/describe';
import type { LocalizedText, Menu } from '../../common/menu/schema';
import { isMarkedSoldOut, isSoldOutInMenu, type SoldOutKind } from '../../common/store-bus/availability';
import type { AvailabilityMessage } from '../../common/store-bus/messages';
import type { ServedMenu } from '../console-state';
import { useConsoleI18n } from '../i18n';

interface Toggle {
  kind: SoldOutKind;
  id: string;
  name: string;
}

/** What can be sold out, grouped as the kiosk shows it: categories with their items and meals, items only in meals, options. */
function soldOutGroups(menu: Menu, locale: string): { id: string; name: string; category?: Toggle; toggles: Toggle[] }[] {
  const text = (value: LocalizedText) => localize(value, locale, menu.defaultLocale);
  const entryName = new Map<string, string>([...menu.items, ...menu.meals].map((entry) => [entry.id, text(entry.name)]));
  const inCategory = new Set(menu.categories.flatMap((category) => category.entryIds));
  const options = new Map<string, string>();
  for (const group of menu.optionGroups) for (const option of group.options) if (!options.has(option.id)) options.set(option.id, text(option.name));
  return [
    ...menu.categories.map((category) => ({
      id: `category-${category.id}`,
      name: text(category.name),
      category: { kind: 'category' as const, id: category.id, name: text(category.name) },
      toggles: category.entryIds.map((id) => ({ kind: 'entry' as const, id, name: entryName.get(id) ?? id })),
    })),
    { id: 'meal-only', name: '', toggles: menu.items.filter((item) => !inCategory.has(item.id)).map((item) => ({ kind: 'entry' as const, id: item.id, name: text(item.name) })) },
    { id: 'options', name: '', toggles: [...options].map(([id, name]) => ({ kind: 'option' as const, id, name })) },
  ];
}

/**
 * Sold out in one tap: each item, meal, option and category is a toggle button (pressed =
 * sold out); tapping it again puts it back in stock. Names in the store's language.
 */
export function SoldOutPanel({ served, availability, onToggle }: { served: ServedMenu | null; availability: AvailabilityMessage | null; onToggle: (kind: SoldOutKind, id: string, soldOut: boolean) => void }) {
  const { t } = useConsoleI18n();
  const toggle = ({ kind, id, name }: Toggle, label = name) => {
    // Sold out in the menu file: kiosks keep it so whatever the bus says, so no tap could bring it back.
    if (served && isSoldOutInMenu(served.menu, kind, id)) {
      return (
        <button type="button" className="sold-out-toggle" aria-pressed={true} disabled>
          {label} <span className="badge bad">{t.soldOutState.inMenu}</span>
        </button>
      );
    }
    const soldOut = isMarkedSoldOut(availability, kind, id);
    return (
      <button type="button" className="sold-out-toggle" aria-pressed={soldOut} onClick={() => onToggle(kind, id, !soldOut)}>
        {label} <span className={soldOut ? 'badge bad' : 'badge'}>{soldOut ? t.soldOutState.soldOut : t.soldOutState.available}</span>
      </button>
    );
  };
  if (!served) {
    return (
      <section aria-labelledby="sold-out-heading" className="panel sold-out">
        <h2 id="sold-out-heading">{t.soldOutHeading}</h2>
        <p>{t.noMenu}</p>
      </section>
    );
  }
  const groups = soldOutGroups(served.menu, served.locale);
  const marked = groups
    .flatMap((group) => [...(group.category ? [group.category] : []), ...group.toggles])
    .filter((entry) => isMarkedSoldOut(availability, entry.kind, entry.id) && !isSoldOutInMenu(served.menu, entry.kind, entry.id));
  const unique = marked.filter((entry, index) => marked.findIndex((other) => other.kind === entry.kind && other.id === entry.id) === index);
  return (
    <section aria-labelledby="sold-out-heading" className="panel sold-out">
      <h2 id="sold-out-heading">{t.soldOutHeading}</h2>
      <p className="muted">{t.soldOutHint}</p>
      <h3 id="sold-out-now-heading">{t.soldOutNow(unique.length)}</h3>
      {unique.length === 0 ? <p>{t.nothingSoldOut}</p> : null}
      <ul aria-labelledby="sold-out-now-heading" className="toggles">
        {unique.map((entry) => (
          <li key={`${entry.kind}-${entry.id}`}>{toggle(entry, entry.kind === 'category' ? t.wholeCategory(entry.name) : entry.name)}</li>
        ))}
      </ul>
      {groups
        .filter((group) => group.toggles.length > 0)
        .map((group) => (
          <details key={group.id}>
            <summary>{group.id === 'meal-only' ? t.otherItems : group.id === 'options' ? t.optionsHeading : group.name}</summary>
            <ul className="toggles">
              {group.category ? <li>{toggle(group.category, t.wholeCategory(group.category.name))}</li> : null}
              {group.toggles.map((entry) => (
                <li key={entry.id}>{toggle(entry)}</li>
              ))}
            </ul>
          </details>
        ))}
    </section>
  );
}
