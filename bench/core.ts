import { loadKnowledge } from '../src/core/load-knowledge.js';
import { SUPPORTED_LOCALES } from '../src/core/locales.js';
import { MATCH_CASES } from '../tests/core/matcher-cases.js';
import { fmt, median, percentile } from './stats.js';

export interface CoreResult {
  queries: number;
  cold: number[];
  warm: number[];
  load: number[];
}

/**
 * Match + compose time per query over the matcher's test table in every locale. "Cold" uses
 * a fresh Knowledge per locale (empty memo and answer cache), "warm" asks the same again.
 */
export function benchCore(loads = 25): CoreResult {
  const queries = MATCH_CASES.map(([q]) => q);
  const load: number[] = [];
  for (let i = 0; i < loads; i++) {
    const t = performance.now();
    loadKnowledge();
    load.push(performance.now() - t);
  }
  // Let the JIT see the code paths before measuring.
  const warmup = loadKnowledge();
  for (let i = 0; i < 5; i++) for (const q of queries) warmup.ask(q, 'en-US');

  const cold: number[] = [];
  const warm: number[] = [];
  for (const locale of SUPPORTED_LOCALES) {
    const k = loadKnowledge();
    // Loading makes garbage; collect it now rather than inside a measured query.
    globalThis.gc?.();
    for (const q of queries) {
      const t = performance.now();
      k.ask(q, locale);
      cold.push((performance.now() - t) * 1000);
    }
    for (const q of queries) {
      const t = performance.now();
      k.ask(q, locale);
      warm.push((performance.now() - t) * 1000);
    }
  }
  return { queries: queries.length, cold, warm, load };
}

export function coreTable(r: CoreResult): string {
  return [
    `| core (${r.queries} queries × ${SUPPORTED_LOCALES.length} locales) | median | p99 |`,
    '|---|---|---|',
    `| match + compose, first time (µs) | ${fmt(median(r.cold))} | ${fmt(percentile(r.cold, 99))} |`,
    `| match + compose, repeated (µs) | ${fmt(median(r.warm))} | ${fmt(percentile(r.warm, 99))} |`,
    `| dataset load + index (ms) | ${fmt(median(r.load))} | ${fmt(percentile(r.load, 99))} |`,
  ].join('\n');
}
