// One group of the customiser as a disclosure: a button with the group's name and its current
// choice in words, and below it, while shown, the group's choices (closed groups render none; the
// one closing keeps its choices until the one opening has its own).
import { memo, type ReactNode } from 'react';
import { useI18n } from '../../i18n/useI18n';

export const groupRowId = (key: string) => `customizer-row-${key}`;

interface Props {
  groupKey: string;
  name: string;
  summary: string;
  open: boolean;
  /**
   * Its choices are rendered and shown: follows `open` a transition later, so the tap's frame only
   * marks the row (the group closing keeps its choices until the one opening has its own: one
   * change of layout, after the tap has painted).
   */
  shown: boolean;
  /** The group's rule is not met (it is why "Add to order" is disabled). */
  problem: boolean;
  onToggle(key: string): void;
  /** The group's choices: rendered only while shown. */
  children: ReactNode;
}

/** A row whose choices are not shown renders again only when what the row itself says changes. */
const rowTheSame = (before: Props, after: Props) =>
  !after.shown &&
  !before.shown &&
  before.groupKey === after.groupKey &&
  before.name === after.name &&
  before.summary === after.summary &&
  before.open === after.open &&
  before.problem === after.problem &&
  before.onToggle === after.onToggle;

export const GroupRow = memo(function GroupRow({ groupKey, name, summary, open, shown, problem, onToggle, children }: Props) {
  const { t } = useI18n();
  const id = groupRowId(groupKey);
  const classes = ['customizer-row', open ? 'open' : '', problem ? 'has-problem' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <h2 className="customizer-row-heading">
        <button type="button" id={id} className="customizer-row-button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => onToggle(groupKey)}>
          <span className="customizer-row-text">
            <span className="customizer-row-name">{t.groupRowName(name)}</span> <span className="customizer-row-choice">{summary}</span>
          </span>
          {problem ? (
            <>
              {' '}
              <span className="customizer-row-problem">{t.groupNeedsChoice}</span>
            </>
          ) : null}
          <span className="customizer-row-marker" aria-hidden="true" />
        </button>
      </h2>
      <div id={`${id}-panel`} className="customizer-panel" hidden={!shown}>
        {shown ? children : null}
      </div>
    </div>
  );
}, rowTheSame);
