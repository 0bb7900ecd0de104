/** Nearest-rank percentile of an unsorted sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const median = (values: readonly number[]) => percentile(values, 50);

export function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export const min = (values: readonly number[]) => Math.min(...values);
export const max = (values: readonly number[]) => Math.max(...values);
export const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** A ratio measured once per round: the median of the rounds and their min–max. */
export interface RoundRatio {
  value: number;
  low: number;
  high: number;
  rounds: number;
}

/** The middle value; with an even count, the mean of the two middle ones (no side favoured). */
export function midpoint(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
}

export function roundRatio(perRound: readonly number[]): RoundRatio {
  const finite = perRound.filter(Number.isFinite);
  return { value: midpoint(finite), low: min(finite), high: max(finite), rounds: finite.length };
}

/** `1.03×` */
export const times = (ratio: number, digits = 2) => `${fmt(ratio, digits)}×`;

/** Thousands separated with a comma: `10,000`. */
export const count = (n: number) => n.toLocaleString('en-US');
