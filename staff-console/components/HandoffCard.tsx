import { useId, useState } from 'react';
import { HANDOFF_OUTCOMES, type HandoffMessage, type HandoffOutcome } from '../../common/store-bus/messages';
import { formatWaiting } from '../console-state';
import { useConsoleI18n } from '../i18n';
import { LinesList } from './LinesList';

/** Outcomes staff may choose; "cancelled by the customer" is the kiosk's own. */
const STAFF_OUTCOMES = HANDOFF_OUTCOMES.filter((outcome) => outcome !== 'cancelled_by_customer' && outcome !== 'customer_left');

/** One help request: who waits where and how long, their cart, "On my way" and "Resolve" (described by the request's heading). */
export function HandoffCard({ handoff, now, staffName, onAcknowledge, onResolve }: { handoff: HandoffMessage; now: number; staffName: string; onAcknowledge: () => void; onResolve: (outcome: HandoffOutcome) => void }) {
  const { t, catalog, money } = useConsoleI18n();
  const [outcome, setOutcome] = useState<HandoffOutcome>('helped');
  const headingId = useId();
  const waited = formatWaiting(now - Date.parse(handoff.openedAt));
  const where = [t.onScreen(t.screens[handoff.screen] ?? handoff.screen), ...(handoff.trigger === 'offer' ? [t.acceptedOffer] : [])];
  return (
    <li className={`card handoff ${handoff.state}`} aria-labelledby={headingId} data-handoff-id={handoff.handoffId}>
      <h3 id={headingId}>{t.requestHeading(handoff.kioskId, catalog.staffReasons[handoff.reason])}</h3>
      <p>
        {t.waiting}{' '}
        <span className="waiting">{waited}</span>{' '}
        · {where.join(' · ')}
      </p>
      <p className="state">
        {handoff.state === 'acknowledged' ? (handoff.acknowledgedBy.name === staffName ? t.youAreOnTheWay : t.onTheWay(handoff.acknowledgedBy.name)) : t.noAnswerYet}
      </p>
      <h4>{t.cartHeading(money(handoff.cart.total, handoff.cart.currency))}</h4>
      {handoff.cart.lines.length === 0 ? <p>{t.emptyCart}</p> : <LinesList lines={handoff.cart.lines} currency={handoff.cart.currency} />}
      <div className="actions">
        {handoff.state === 'open' ? (
          <button type="button" className="primary" aria-describedby={headingId} onClick={onAcknowledge}>
            {t.actions.acknowledge}
          </button>
        ) : null}
        <label>
          {t.outcome}
          <select value={outcome} onChange={(event) => setOutcome(event.target.value as HandoffOutcome)}>
            {STAFF_OUTCOMES.map((candidate) => (
              <option key={candidate} value={candidate}>
                {catalog.outcomes[candidate]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-describedby={headingId} onClick={() => onResolve(outcome)}>
          {t.actions.resolve}
        </button>
      </div>
    </li>
  );
}
