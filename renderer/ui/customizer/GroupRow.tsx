// One group of the customiser as a disclosure: a button with the group's name and its current
// choice in words, and below it, only while open, the group's choices (closed groups render none).
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/useI18n';

export const groupRowId = (key: string) => `customizer-row-${key}`;

interface Props {
  groupKey: string;
  name: string;
  summary: string;
  open: boolean;
  /** Its choices are rendered: follows `open` in a transition (the tap paints first); hidden at once when closed. */
  shown: boolean;
  /** The group's rule is not met (it is why "Add to order" is disabled). */
  problem: boolean;
  onToggle(): void;
  children: ReactNode;
}

export const GroupRow = ({ groupKey, name, summary, open, shown, problem, onToggle, children }: Props) => {
  const { t } = useI18n();
  const id = groupRowId(groupKey);
  const classes = ['customizer-row', open ? 'open' : '', problem ? 'has-problem' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes}>
      <h2 className="customizer-row-heading">
        <button type="button" id={id} className="customizer-row-button" aria-expanded={open} aria-controls={`${id}-panel`} onClick={onToggle}>
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
      <div id={`${id}-panel`} className="customizer-panel" hidden={!(open && shown)}>
        {shown ? children : null}
      </div>
    </div>
  );
};
