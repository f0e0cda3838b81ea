// `npm run bench`: runs every suite, prints one table, writes bench/results.json.
// Each figure carries a baseline measured in the same run where one applies.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import type { BenchResult } from './result';
import { benchBundle } from './bundle';
import { benchMenu } from './menu';
import { benchHugeCategory, benchInteraction } from './interaction';
import { benchStart } from './start';
import { benchSoak } from './soak';
import { benchDurable } from './durable';
import { benchPrintingAgainstTarget } from './printing';
import { benchTaps } from './taps';
import { benchCallStaff } from './call-staff';
import { benchBackOffice } from './back-office';
import { benchTerminalQuiet } from './terminal-quiet';
import { CHROMIUM_PATH } from '../tests/support/kiosk';
import { buildPages } from '../electron/browser-shell/renderer-build';

type Suite = { name: string; run: () => Promise<BenchResult[]> };

const suites: Suite[] = [
  { name: 'bundle', run: benchBundle },
  { name: 'start', run: benchStart },
  { name: 'interaction', run: benchInteraction },
  { name: 'category', run: benchHugeCategory },
  { name: 'soak', run: benchSoak },
  { name: 'durable', run: benchDurable },
  { name: 'menu', run: benchMenu },
  { name: 'print', run: benchPrintingAgainstTarget },
  { name: 'taps', run: benchTaps },
  { name: 'call-staff', run: benchCallStaff },
  { name: 'back-office', run: benchBackOffice },
  { name: 'terminal-quiet', run: benchTerminalQuiet },
];

const only = process.argv.slice(2);
const unknown = only.filter((name) => !suites.some((suite) => suite.name === name));
if (unknown.length > 0) throw new Error(`unknown bench suite(s): ${unknown.join(', ')} (known: ${suites.map((suite) => suite.name).join(', ')})`);

/** Figures written before they carried their suite are matched by name. */
const LEGACY_PREFIXES: [string, string][] = [
  ['bundle:', 'bundle'], ['start:', 'start'], ['tap to paint', 'interaction'], ['long tasks', 'interaction'], ['soak:', 'soak'],
  ['durable:', 'durable'], ['outbox:', 'durable'], ['menu:', 'menu'], ['receipt', 'print'], ['print time', 'print'], ['taps:', 'taps'], ['call staff:', 'call-staff'],
];
const suiteOf = (result: BenchResult): string | undefined => result.suite ?? LEGACY_PREFIXES.find(([prefix]) => result.name.startsWith(prefix))?.[1];
const suiteOrder = (result: BenchResult): number => suites.findIndex((suite) => suite.name === suiteOf(result));
const runStarted = performance.now();
// Every suite that opens a page runs the pages as built from the sources as they are now.
process.stdout.write('building the pages… ');
await buildPages();
process.stdout.write(`done in ${((performance.now() - runStarted) / 1000).toFixed(1)} s\n`);
const results: BenchResult[] = [];
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  const started = performance.now();
  process.stdout.write(`running ${suite.name}… `);
  try {
    const figures = (await suite.run()).map((figure) => ({ ...figure, suite: suite.name }));
    results.push(...figures);
    process.stdout.write(`${figures.length} figures in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    process.stdout.write('failed\n');
    console.error(`bench suite "${suite.name}" failed:`, error);
    process.exitCode = 1;
  }
}

const rows = results.map((r) => ({
  figure: r.name,
  value: `${r.value} ${r.unit}`,
  baseline: r.baseline === null ? '' : `${r.baseline} ${r.unit}`,
  ratio: r.baseline ? (r.value / r.baseline).toFixed(2) : '',
  target: r.target ?? '',
  met: r.met === null || r.met === undefined ? '' : r.met ? 'yes' : 'NO',
}));
console.table(rows);
const chromiumVersion = (() => {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
})();
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${chromiumVersion}`;
console.log(`machine: ${machine}`);
console.log(`whole run: ${((performance.now() - runStarted) / 1000).toFixed(0)} s`);
// A run of some suites replaces their figures and keeps the others' from the last run.
const resultsFile = resolve(import.meta.dirname, 'results.json');
const ran = new Set(results.map((r) => r.suite));
const kept = only.length === 0 || !existsSync(resultsFile) ? [] : (JSON.parse(readFileSync(resultsFile, 'utf8')) as BenchResult[]).filter((r) => !ran.has(suiteOf(r)));
writeFileSync(resultsFile, JSON.stringify([...kept, ...results].sort((a, b) => suiteOrder(a) - suiteOrder(b)), null, 2) + '\n');
