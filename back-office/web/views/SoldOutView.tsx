// Sold out, as the staff console and the kiosks see it (the retained availability
// message): it ends at closing time unless kept.
import { useState } from 'react';
import { api, errorText, type BackOfficeState } from '../api';

export const SoldOutView = ({ state, onChanged }: { state: BackOfficeState; onChanged: () => Promise<void> }) => {
  const [problem, setProblem] = useState<string | null>(null);
  const menu = state.published?.menu;
  const soldOut = new Map(state.soldOut.map((row) => [row.itemId, row]));
  const set = async (itemId: string, value: boolean, keep: boolean) => {
    try {
      await api('PUT', `sold-out/${encodeURIComponent(itemId)}`, { soldOut: value, keep });
      setProblem(null);
      await onChanged();
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  const entries = menu ? [...menu.items.filter((item) => !item.mealOnly), ...menu.items.filter((item) => item.mealOnly), ...menu.meals] : [];
  return (
    <main className="bo-sold-out">
      <h2>Sold out</h2>
      <p>Sold out ends at closing time ({state.closingTime}, {state.store.timezone}) unless you keep it.</p>
      {problem ? <p role="alert" className="bo-error">{problem}</p> : null}
      <table>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col">Sold out</th>
            <th scope="col">Keep after closing</th>
            <th scope="col">Since</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            const row = soldOut.get(entry.id);
            const label = entry.name[menu!.defaultLocale] ?? entry.id;
            // Sold out in the menu itself: kiosks keep it so whatever the bus says, so no checkbox here can put it back.
            const inMenu = entry.availability.soldOut;
            return (
              <tr key={entry.id}>
                <th scope="row">{label}</th>
                <td>
                  <input type="checkbox" aria-label={`${label} sold out`} checked={inMenu || row !== undefined} disabled={inMenu || !state.busOnline} onChange={(event) => void set(entry.id, event.target.checked, false)} />
                </td>
                <td>
                  <input type="checkbox" aria-label={`Keep ${label} sold out after closing`} checked={row?.keep ?? false} disabled={!row} onChange={(event) => void set(entry.id, true, event.target.checked)} />
                </td>
                <td>{inMenu ? 'In the menu (edit the item to change it)' : row ? `${new Date(row.since).toLocaleString()} (${row.by})` : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </main>
  );
};
