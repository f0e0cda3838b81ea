// The customiser's groups as an accordion: every group's row with its current choice, one group
// open in place below its row. Opening one closes the other; tapping an open row closes it.
import { useMemo } from 'react';
import type { Menu } from '../../../common/menu/schema';
import type { LineSelection } from '../../../common/menu/selection';
import { useI18n, type I18n } from '../../i18n/useI18n';
import { GroupRow } from './GroupRow';
import { groupSummary } from './group-summary';
import type { CustomizerGroup } from './groups';
import { IngredientChoices, SizeChoices } from './ItemChoices';
import { MealSizeChoices, SlotChoices } from './MealChoices';
import { OptionGroupChoices } from './OptionGroupChoices';

const groupName = ({ t, text }: I18n, group: CustomizerGroup): string => {
  switch (group.kind) {
    case 'size':
      return t.sizeGroup;
    case 'ingredients':
      return t.ingredientsGroup;
    case 'options':
      return text(group.group.name);
    case 'meal-size':
      return t.mealSizeGroup;
    case 'slot':
      return text(group.slot.name);
  }
};

const GroupChoices = ({ menu, selection, group }: { menu: Menu; selection: LineSelection; group: CustomizerGroup }) => {
  if (selection.kind === 'meal') {
    if (group.kind === 'meal-size') return <MealSizeChoices meal={group.meal} selection={selection} />;
    if (group.kind === 'slot') return <SlotChoices menu={menu} meal={group.meal} slot={group.slot} selection={selection} />;
    return null;
  }
  switch (group.kind) {
    case 'size':
      return <SizeChoices item={group.item} sizeId={selection.sizeId} />;
    case 'ingredients':
      return <IngredientChoices item={group.item} choice={selection} target={{}} nameShown={false} />;
    case 'options':
      return <OptionGroupChoices group={group.group} choice={selection} target={{}} nameShown={false} />;
    default:
      return null;
  }
};

interface Props {
  menu: Menu;
  /** As tapped: the open group's choices show it at once. */
  selection: LineSelection;
  /** A transition behind `selection`: the rows' summaries follow it. */
  settled: LineSelection;
  groups: readonly CustomizerGroup[];
  openKey: string | undefined;
  /** The group whose choices are rendered: openKey, a transition later (useOpenGroup). */
  shownKey: string | undefined;
  /** Keys of the groups whose rule is not met. */
  problemKeys: ReadonlySet<string | undefined>;
  onToggle(key: string): void;
}

export const CustomizerGroups = ({ menu, selection, settled, groups, openKey, shownKey, problemKeys, onToggle }: Props) => {
  const i18n = useI18n();
  // Worked out again only when the settled choice changes, not when a row opens.
  const summaries = useMemo(() => groups.map((group) => groupSummary(i18n, menu, settled, group)), [i18n, menu, settled, groups]);
  return (
    <div className="customizer-groups">
      {groups.map((group, index) => (
        <GroupRow
          key={group.key}
          groupKey={group.key}
          name={groupName(i18n, group)}
          summary={summaries[index] ?? ''}
          open={openKey === group.key}
          shown={shownKey === group.key}
          problem={problemKeys.has(group.key)}
          onToggle={onToggle}
        >
          <GroupChoices menu={menu} selection={selection} group={group} />
        </GroupRow>
      ))}
    </div>
  );
};
