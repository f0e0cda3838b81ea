import { compNote } from '../../common/i18n';
import type { LineComp } from '../../common/order/order';
import { useConsoleI18n } from '../i18n';

export interface ConsoleLine {
  title: string;
  /** What differs from the defaults ("No onions", "Drink: Cola (Large)"). */
  details?: string[];
  quantity: number;
  total: number;
  comp?: Pick<LineComp, 'by' | 'reason' | 'note'>;
}

/** The lines of a cart or an order with their changes; a comped line says who gave it away and why. */
export function LinesList({ lines, currency }: { lines: ConsoleLine[]; currency: string }) {
  const { catalog, money } = useConsoleI18n();
  return (
    <ul className="lines">
      {lines.map((line, index) => (
        <li key={index}>
          {line.quantity} × {line.title} <span className="amount">{money(line.total, currency)}</span>
          {line.comp ? <em className="comp-note"> {compNote(catalog, line.comp)}</em> : null}
          {line.details && line.details.length > 0 ? (
            <ul className="line-details">
              {line.details.map((detail, detailIndex) => (
                <li key={detailIndex}>{detail}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
