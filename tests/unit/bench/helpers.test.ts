// The bench's helpers that have logic: percentiles, the initial-asset parser behind the
// bundle figure, and the print target derived from the printing figures. No timing here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { initialAssetSizes } from '../../../bench/bundle';
import { withIssuePrintTarget } from '../../../bench/printing';
import { markdownTable } from '../../../bench/report';
import { percentile, round, type BenchResult } from '../../../bench/result';

const page = join(import.meta.dirname, 'fixtures/built-page');
const gzipped = (file: string) => gzipSync(readFileSync(join(page, file)), { level: 9 }).length;

describe('percentile', () => {
  it('takes the nearest rank of the sorted samples, whatever their order', () => {
    const samples = [50, 10, 40, 20, 30];
    expect(percentile(samples, 50)).toBe(30);
    expect(percentile(samples, 0)).toBe(10);
    expect(percentile(samples, 20)).toBe(10);
    expect(percentile(samples, 21)).toBe(20);
    expect(percentile(samples, 95)).toBe(50);
    expect(percentile(samples, 100)).toBe(50);
    expect(samples).toEqual([50, 10, 40, 20, 30]);
  });

  it('gives p99 of 100 samples as the 99th smallest, and NaN for no samples', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile([], 50)).toBeNaN();
  });

  it('rounds to the given digits', () => {
    expect(round(3.14159)).toBe(3.14);
    expect(round(3.14159, 0)).toBe(3);
    expect(round(2.005, 1)).toBe(2);
  });
});

describe('initialAssetSizes', () => {
  it('sums the gzip sizes of the scripts and stylesheets the page loads, each file once', () => {
    const sizes = initialAssetSizes(join(page, 'index.html'));
    expect(sizes.js).toBe(gzipped('assets/app.js') + gzipped('assets/vendor.js'));
    expect(sizes.css).toBe(gzipped('assets/app.css'));
  });

  it('leaves out files the page does not link (lazy chunks) and links that are not JS or CSS (icons)', () => {
    const sizes = initialAssetSizes(join(page, 'index.html'));
    expect(sizes.js).not.toBe(gzipped('assets/app.js') + gzipped('assets/vendor.js') + gzipped('assets/lazy.js'));
    expect(sizes.js + sizes.css).toBe(gzipped('assets/app.js') + gzipped('assets/vendor.js') + gzipped('assets/app.css'));
  });
});

describe('withIssuePrintTarget', () => {
  const lastByte = (baud: number, value: number, floor: number): BenchResult => ({
    name: `receipt time to last byte @ ${baud}`,
    value,
    unit: 'ms',
    baseline: floor,
    target: '≤ 1.10 × serial floor',
    met: value <= floor * 1.1,
  });

  it('adds one figure per baud rate with the 1.2 × floor target, keeping the original figures', () => {
    const job: BenchResult = { name: 'receipt print job (status, write, confirm) @ 9600', value: 1600, unit: 'ms', baseline: 1500, target: null, met: null };
    const figures = [lastByte(9600, 1500, 1494), job, lastByte(115200, 160, 124.5)];
    const result = withIssuePrintTarget(figures);
    expect(result.slice(0, 3)).toEqual(figures);
    expect(result.slice(3)).toMatchObject([
      { name: 'print time vs serial floor @ 9600', value: 1500, baseline: 1494, target: '<= 1.2 × serial floor', met: true },
      { name: 'print time vs serial floor @ 115200', value: 160, baseline: 124.5, met: false },
    ]);
  });

  it('derives nothing from figures without a floor', () => {
    expect(withIssuePrintTarget([{ ...lastByte(9600, 1, 1), baseline: null }])).toHaveLength(1);
  });
});

describe('markdownTable', () => {
  it('writes one row per figure with the ratio to its baseline, escaping pipes', () => {
    const table = markdownTable([
      { name: 'start | cold', value: 1500, unit: 'ms', baseline: 1000, target: '<= 1000 ms', met: false },
      { name: 'bundle', value: 150, unit: 'KB', baseline: null, target: null, met: null },
    ]);
    expect(table.split('\n')).toEqual([
      '| figure | value | baseline | ratio | target | met |',
      '| --- | ---: | ---: | ---: | --- | --- |',
      '| start \\| cold | 1500 ms | 1000 ms | 1.50 | <= 1000 ms | **no** |',
      '| bundle | 150 KB |  |  |  |  |',
    ]);
  });
});
