// Menu: validating and pricing the large generated menu, against JSON.parse of
// the same file in the same run (the cheapest thing any consumer must do).
import { validateMenu } from '../common/menu/validate';
import { defaultSelection, priceOrder } from '../common/menu/pricing';
import type { StoreConfig } from '../common/menu/schema';
import { generateHugeCategoryMenu, generateLargeMenu } from './large-menu';
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

const TARGET_RATIO = 3;

/** Median of parse alone and of parse + validate, interleaved so both see the same machine. */
function parseAndValidate(text: string, runs: number): { parse: number; validate: number } {
  const parse: number[] = [];
  const validate: number[] = [];
  for (let i = 0; i < runs; i++) {
    parse.push(...timeMs(1, () => JSON.parse(text)));
    validate.push(
      ...timeMs(1, () => {
        const result = validateMenu(JSON.parse(text));
        if (!result.ok) throw new Error(`generated menu is invalid: ${result.errors[0]?.path} ${result.errors[0]?.message}`);
      }),
    );
  }
  return { parse: percentile(parse, 50), validate: percentile(validate, 50) };
}

function validationFigures(label: string, text: string, shape: string): BenchResult[] {
  const { parse, validate } = parseAndValidate(text, 9);
  return [
    { name: `menu: JSON.parse of the ${label}`, value: round(parse), unit: 'ms', baseline: null, target: null, met: null },
    {
      name: `menu: parse + validate the ${label}`,
      value: round(validate),
      unit: 'ms',
      baseline: round(parse),
      target: `<= ${TARGET_RATIO} × JSON.parse`,
      met: validate <= TARGET_RATIO * parse,
      note: `${(text.length / 1024 / 1024).toFixed(1)} MB, ${shape}; median of 9, interleaved with JSON.parse of the same text`,
    },
  ];
}

export async function benchMenu(): Promise<BenchResult[]> {
  const text = JSON.stringify(generateLargeMenu());
  const results = [
    ...validationFigures('large menu', text, '1,000 items × 10 option groups'),
    ...validationFigures('10,000-item menu', JSON.stringify(generateHugeCategoryMenu()), '10,000 items × 1 option group, one category of all of them'),
  ];
  const checked = validateMenu(JSON.parse(text));
  if (!checked.ok) throw new Error('generated menu is invalid');
  const menu = checked.menu;
  // A 20-line order with every line at its defaults, priced 100 times: the work of a busy cart.
  const lines = menu.items.slice(0, 20).map((item) => defaultSelection(menu, { kind: 'item', itemId: item.id }));
  const pricing = timeMs(100, () => priceOrder(menu, tax, 'eat_in', lines, 'en'));
  return [
    ...results,
    { name: 'menu: price a 20-line order, p50', value: round(percentile(pricing, 50), 3), unit: 'ms', baseline: null, target: null, met: null },
    { name: 'menu: price a 20-line order, p95', value: round(percentile(pricing, 95), 3), unit: 'ms', baseline: null, target: null, met: null },
  ];
}
