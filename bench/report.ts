// `npx tsx bench/report.ts`: bench/results.json as a Markdown table, for docs/performance.md.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BenchResult } from './result';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One row per figure: value, baseline, ratio (value ÷ baseline), target and whether it is met. */
export function markdownTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => {
    const ratio = r.baseline ? (r.value / r.baseline).toFixed(2) : '';
    const met = r.met === null || r.met === undefined ? '' : r.met ? 'yes' : '**no**';
    return `| ${cell(r.name)} | ${r.value} ${r.unit} | ${r.baseline === null ? '' : `${r.baseline} ${r.unit}`} | ${ratio} | ${cell(r.target ?? '')} | ${met} |`;
  });
  return ['| figure | value | baseline | ratio | target | met |', '| --- | ---: | ---: | ---: | --- | --- |', ...rows].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = JSON.parse(readFileSync(resolve(import.meta.dirname, 'results.json'), 'utf8')) as BenchResult[];
  console.log(markdownTable(results));
}
