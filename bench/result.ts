// One benchmark figure. `baseline` is measured in the same run where one applies
// (the serial floor, JSON.parse of the same file, an empty page's start), so a
// figure reads as a ratio on any machine; `target` is what we hold ourselves to.
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  target: string | null;
  /** Whether the target is met; null when the figure has no target. */
  met?: boolean | null;
  note?: string;
  /** The suite that measured it (set by bench/run.ts). */
  suite?: string;
}

export const percentile = (samples: readonly number[], p: number): number => {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
};

export const round = (value: number, digits = 2): number => Number(value.toFixed(digits));
