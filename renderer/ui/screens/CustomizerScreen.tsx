// Building one line the way burger chains do: every group (size, "no onions", extras with
// steppers, sauces with limits, meal size, each slot's choice with its own options) is a row
// saying its current choice, one group open at a time, so the whole choice fits one screen height.
// Price and calories update live (announced politely); "Add to order" says why it is disabled.
import { memo, useDeferredValue, useMemo } from 'react';
import type { Menu } from '../../../common/menu/schema';
import { priceLine, selectionProblems } from '../../../common/menu/pricing';
import type { LineSelection } from '../../../common/menu/selection';
import { useI18n } from '../../i18n/useI18n';
import { useKiosk } from '../../state/StoreProvider';
import { AllergenBadges } from '../components/AllergenBadges';
import { Picture } from '../components/Picture';
import { ScreenHeading } from '../components/ScreenHeading';
import { ScreenBody } from '../layout/ActionBar';
import { CustomizerActions } from '../customizer/CustomizerActions';
import { CustomizerGroups } from '../customizer/CustomizerGroups';
import { customizerGroups, groupKeyOfProblem, initialOpenGroup } from '../customizer/groups';
import { useOpenGroup } from '../customizer/useOpenGroup';
import '../customizer/customizer.css';
import { selectedEntry } from '../menuEntries';
import { useHeldWhileLeaving } from './useHeldWhileLeaving';

export const CustomizerScreen = () => {
  const menu = useKiosk((state) => state.menu);
  const customizer = useHeldWhileLeaving('customize', useKiosk((state) => state.customizer));
  if (!menu || !customizer) return null;
  const { selection } = customizer;
  // A new entry starts afresh with its own open group.
  const entryKey = selection.kind === 'item' ? `item-${selection.itemId}` : `meal-${selection.mealId}`;
  return <Customizer key={entryKey} menu={menu} selection={selection} editing={customizer.origin.kind === 'edit'} />;
};

// Memoised: once the line is added the screen renders again with what it held, until the menu shows.
const Customizer = memo(function Customizer({ menu, selection, editing }: { menu: Menu; selection: LineSelection; editing: boolean }) {
  const { t, text } = useI18n();
  const assetBase = useKiosk((state) => state.assetBase);
  // The tapped choice shows at once (the open group's choices take `selection`); what follows from
  // it (every row's summary, the price, allergens, what is missing) a transition later, so the
  // tap's frame paints the choice alone.
  const settled = useDeferredValue(selection);
  const price = useMemo(() => priceLine(menu, settled), [menu, settled]);
  const problems = useMemo(() => selectionProblems(menu, settled), [menu, settled]);
  const groups = useMemo(() => customizerGroups(menu, settled), [menu, settled]);
  const problemKeys = useMemo(() => new Set(problems.map((problem) => groupKeyOfProblem(settled, problem))), [problems, settled]);
  const { openKey, shownKey, toggle, show } = useOpenGroup(() => initialOpenGroup(groups, settled, problems));

  const entry = selectedEntry(menu, selection);
  if (!entry) return null;
  const name = text(entry.name);

  return (
    <main className="screen customizer with-bar">
      <ScreenBody className="customizer-body">
        <div className="customizer-intro">
          <Picture src={`${assetBase}/${entry.image}`} menuVersion={menu.version} className="customizer-picture" />
          <div>
            <ScreenHeading>{t.customizeTitle(name)}</ScreenHeading>
            {entry.description ? <p>{text(entry.description)}</p> : null}
          </div>
        </div>
        <CustomizerGroups menu={menu} selection={selection} settled={settled} groups={groups} openKey={openKey} shownKey={shownKey} problemKeys={problemKeys} onToggle={toggle} />
        <AllergenBadges allergens={price.allergens} />
      </ScreenBody>
      <CustomizerActions menu={menu} selection={settled} quantity={selection.quantity} name={name} price={price} problems={problems} editing={editing} onShowGroup={show} />
    </main>
  );
});
