// The header's accessibility controls, each an icon with words: "Lower screen" (reach mode,
// one visible control), "Accessibility" (speech and keypad, contrast, motion, text size) and
// "Allergens and diet" (the filter). Every mode is one press away, on every screen.
import { ALLERGENS, type Allergen } from '../../../common/menu/allergens';
import { DIETS, isFilterActive } from '../../../common/menu/dietary-filter';
import { useI18n } from '../../i18n/useI18n';
import { TEXT_SCALES, type FilterMode } from '../../state/accessibility-slice';
import { useKiosk } from '../../state/StoreProvider';
import { AllergenIcon } from '../components/AllergenBadges';
import { ModalDialog } from '../components/ModalDialog';

const Icon = ({ path }: { path: string }) => (
  <svg className="a11y-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
    <path d={path} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
const ICONS = {
  person: 'M12 4a1.5 1.5 0 1 1 0 .01M5 8h14M12 8v6M9 21l3-7 3 7',
  lower: 'M12 3v14M6 11l6 6 6-6M4 21h16',
  filter: 'M4 5h16l-6 7v6l-4 2v-8z',
};

export const AccessibilityControls = () => {
  const { catalog } = useI18n();
  const words = catalog.accessibility;
  const a11y = useKiosk((state) => state.a11y);
  const toggleReach = useKiosk((state) => state.toggleReach);
  const openPanel = useKiosk((state) => state.openAccessibilityPanel);
  const filterOn = isFilterActive(a11y.dietaryFilter);
  return (
    <>
      <button type="button" className="chip a11y-button" aria-pressed={a11y.reach} onClick={toggleReach}>
        <Icon path={ICONS.lower} />
        {words.reachButton}
      </button>
      <button type="button" className="chip a11y-button" aria-haspopup="dialog" onClick={() => openPanel('settings')}>
        <Icon path={ICONS.person} />
        {words.panelButton}
      </button>
      <button type="button" className="chip a11y-button" aria-haspopup="dialog" aria-pressed={filterOn} onClick={() => openPanel('filters')}>
        <Icon path={ICONS.filter} />
        {words.filtersButton}
      </button>
      {a11y.panel === 'settings' ? <SettingsDialog /> : null}
      {a11y.panel === 'filters' ? <FilterDialog /> : null}
    </>
  );
};

const Toggle = ({ pressed, onClick, children }: { pressed: boolean; onClick(): void; children: string }) => (
  <button type="button" className="chip a11y-toggle" aria-pressed={pressed} onClick={onClick}>
    {children}
  </button>
);

const SettingsDialog = () => {
  const { catalog } = useI18n();
  const words = catalog.accessibility;
  const a11y = useKiosk((state) => state.a11y);
  const close = useKiosk((state) => state.closeAccessibilityPanel);
  const startSpeech = useKiosk((state) => state.startSpeechMode);
  const stopSpeech = useKiosk((state) => state.stopSpeechMode);
  const toggleHighContrast = useKiosk((state) => state.toggleHighContrast);
  const toggleLessMotion = useKiosk((state) => state.toggleLessMotion);
  const setTextScale = useKiosk((state) => state.setTextScale);
  return (
    <ModalDialog titleId="a11y-settings-title" onDismiss={close}>
      <h2 id="a11y-settings-title">{words.panelTitle}</h2>
      <div className="a11y-settings">
        <div className="a11y-setting">
          <Toggle pressed={a11y.speech} onClick={() => (a11y.speech ? stopSpeech() : startSpeech('panel'))}>
            {words.speechMode}
          </Toggle>
          <p className="hint">{words.speechModeHint}</p>
        </div>
        <Toggle pressed={a11y.highContrast} onClick={toggleHighContrast}>
          {words.highContrast}
        </Toggle>
        <Toggle pressed={a11y.lessMotion} onClick={toggleLessMotion}>
          {words.lessMotion}
        </Toggle>
        <div className="a11y-text-size" role="group" aria-label={words.textSize}>
          <span aria-hidden="true">{words.textSize}</span>
          {TEXT_SCALES.map((scale) => (
            <Toggle key={scale} pressed={a11y.textScale === scale} onClick={() => setTextScale(scale)}>
              {words.textSizeOption(scale * 100)}
            </Toggle>
          ))}
        </div>
      </div>
      <div className="actions">
        <button type="button" className="button primary" onClick={close}>
          {words.close}
        </button>
      </div>
    </ModalDialog>
  );
};

const FilterDialog = () => {
  const { catalog, t } = useI18n();
  const words = catalog.accessibility;
  const filter = useKiosk((state) => state.a11y.dietaryFilter);
  const mode = useKiosk((state) => state.a11y.filterMode);
  const setFilter = useKiosk((state) => state.setDietaryFilter);
  const setMode = useKiosk((state) => state.setFilterMode);
  const close = useKiosk((state) => state.closeAccessibilityPanel);
  const toggleAllergen = (allergen: Allergen) =>
    setFilter({
      ...filter,
      allergens: filter.allergens.includes(allergen) ? filter.allergens.filter((other) => other !== allergen) : ALLERGENS.filter((other) => other === allergen || filter.allergens.includes(other)),
    });
  return (
    <ModalDialog titleId="a11y-filter-title" describedById="a11y-filter-intro" onDismiss={close}>
      <h2 id="a11y-filter-title">{words.filterTitle}</h2>
      <p id="a11y-filter-intro">{words.filterIntro}</p>
      <div className="a11y-filter-group" role="group" aria-labelledby="a11y-diet-label">
        <h3 id="a11y-diet-label">{words.dietGroup}</h3>
        {DIETS.map((diet) => (
          <Toggle key={diet} pressed={filter.diet === diet} onClick={() => setFilter({ ...filter, diet })}>
            {words.diets[diet]}
          </Toggle>
        ))}
      </div>
      <div className="a11y-filter-group" role="group" aria-labelledby="a11y-avoid-label">
        <h3 id="a11y-avoid-label">{words.avoidGroup}</h3>
        {ALLERGENS.map((allergen) => (
          <button key={allergen} type="button" className="chip a11y-toggle" aria-pressed={filter.allergens.includes(allergen)} onClick={() => toggleAllergen(allergen)}>
            <AllergenIcon allergen={allergen} />
            {t.allergens[allergen]}
          </button>
        ))}
      </div>
      <div className="a11y-filter-group" role="group" aria-labelledby="a11y-mode-label">
        <h3 id="a11y-mode-label">{words.filterModeGroup}</h3>
        {(['hide', 'mark'] as FilterMode[]).map((option) => (
          <Toggle key={option} pressed={mode === option} onClick={() => setMode(option)}>
            {words.filterModes[option]}
          </Toggle>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="button" onClick={() => setFilter({ allergens: [], diet: 'any' })}>
          {words.clearFilters}
        </button>
        <button type="button" className="button primary" onClick={close}>
          {words.done}
        </button>
      </div>
    </ModalDialog>
  );
};
