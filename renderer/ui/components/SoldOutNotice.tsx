// Tells the customer, before they pay, that something in their order sold out after they
// chose it (staff marked it on the console), and offers to change it: change the sold-out
// choice, choose something else, or remove it. Payment waits until nothing is sold out
// (session slice: goTo('payment')). Shown on the cart and the review screens.
import { useMemo } from 'react';
import { describeLine } from '../../../common/menu/describe';
import { useI18n } from '../../i18n/useI18n';
import { soldOutLines } from '../../state/sold-out';
import { useKiosk } from '../../state/StoreProvider';
import './sold-out.css';

export const SoldOutNotice = () => {
  const { t, locale } = useI18n();
  const menu = useKiosk((state) => state.menu);
  const lines = useKiosk((state) => state.lines);
  const removeLine = useKiosk((state) => state.removeLine);
  const editLine = useKiosk((state) => state.editLine);
  const goTo = useKiosk((state) => state.goTo);
  const soldOut = useMemo(() => soldOutLines(menu, lines), [menu, lines]);
  if (!menu || soldOut.length === 0) return null;
  return (
    <section className="sold-out-notice" aria-labelledby="sold-out-notice-title">
      <h2 id="sold-out-notice-title">{t.soldOutNoticeTitle}</h2>
      <p role="alert">{t.soldOutNoticeBody}</p>
      <ul>
        {soldOut.map(({ line, whole }) => {
          const { title } = describeLine(menu, line.selection, locale);
          return (
            <li key={line.lineId}>
              <span>{whole ? t.soldOutLine(title) : t.soldOutPart(title)}</span>
              {whole ? (
                <button
                  type="button"
                  className="button primary"
                  onClick={() => {
                    removeLine(line.lineId);
                    goTo('menu');
                  }}
                >
                  {t.soldOutChooseOther(title)}
                </button>
              ) : (
                <button type="button" className="button primary" onClick={() => editLine(line.lineId)}>
                  {t.soldOutChange(title)}
                </button>
              )}
              <button type="button" className="button" onClick={() => removeLine(line.lineId)}>
                {t.remove(title)}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
};
