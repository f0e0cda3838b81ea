// Menu: validating and pricing the large generated menu, against JSON.parse of
// the same file in the same run (the cheapest thing any consumer must do).
import { validateMenu } from '../common/menu/validate';
import { defaultSelection, priceOrder } from '../common/menu/pricing';
import type { StoreConfig } from '../common/menu/schema';
import { generateLargeMenu } from './large-menu';
import { percentile, round, type BenchResult } from './result';

const tax: StoreConfig['tax'] = {
  rates: [{ id: 'reduced', label: { en: 'VAT 7%', de: 'MwSt. 7%' }, basisPoints: 700 }],
  classes: { food: { eat_in: 'reduced', take_away: 'reduced' } },
};

function timeMs(runs: number, work: () => void): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function benchMenu(): Promise<BenchResult[]> {
  const text = JSON.stringify(generateLargeMenu());
  const runs = 7;
  const parse = percentile(timeMs(runs, () => JSON.parse(text)), 50);
  const validate = percentile(
    timeMs(runs, () => {
      const result = validateMenu(JSON.parse(text));
      if (!result.ok) throw new Error(`generated menu is invalid: ${result.errors[0]?.path} ${result.errors[0]?.message}`);
    }),
    50,
  );
  const checked = validateMenu(JSON.parse(text));
  if (!checked.ok) throw new Error('generated menu is invalid');
  const menu = checked.menu;
  // A 20-line order with every line at its defaults, priced 100 times: the work of a busy cart.
  const lines = menu.items.slice(0, 20).map((item) => defaultSelection(menu, { kind: 'item', itemId: item.id }));
  const pricing = timeMs(100, () => priceOrder(menu, tax, 'eat_in', lines, 'en'));
  return [
    { name: 'menu: JSON.parse of the large menu', value: round(parse), unit: 'ms', baseline: null, target: null, met: null },
    {
      name: 'menu: parse + validate the large menu',
      value: round(validate),
      unit: 'ms',
      baseline: round(parse),
      target: null,
      met: null,
      note: `${(text.length / 1024 / 1024).toFixed(1)} MB, 1,000 items × 10 option groups`,
    },
    { name: 'menu: price a 20-line order, p50', value: round(percentile(pricing, 50), 3), unit: 'ms', baseline: null, target: null, met: null },
    { name: 'menu: price a 20-line order, p95', value: round(percentile(pricing, 95), 3), unit: 'ms', baseline: null, target: null, met: null },
  ];
}
