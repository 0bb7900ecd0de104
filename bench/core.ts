import { createKnowledge, type Knowledge } from '../src/core/knowledge.js';
import { SUPPORTED_LOCALES } from '../src/core/locales.js';
import { createMatcher } from '../src/core/matcher.js';
import { MATCH_CASES } from '../tests/core/matcher-cases.js';
import { fmt, median, percentile } from './stats.js';

export interface CoreResult {
  label: string;
  providers: number;
  queries: number;
  /** Matcher alone, each query the first time it is asked, after a warm-up on others (µs). */
  match: number[];
  cold: number[];
  warm: number[];
  /** loadKnowledge: read, validate, index (ms). */
  load: number[];
}

/** Queries about invented providers: the name, a typo in it, its start, and a miss. */
export function queriesFor(names: readonly string[], count = 60): string[] {
  const out: string[] = [];
  const step = Math.max(1, Math.floor(names.length / count));
  for (let i = 0; i < names.length && out.length < count * 4; i += step) {
    const name = names[i]!;
    const swapped = name.length > 4 ? name.slice(0, 2) + name[3] + name[2] + name.slice(4) : name;
    out.push(name, swapped, name.slice(0, 5), `${name.slice(0, 3)}zzqx`);
  }
  return out;
}

/**
 * Match, and match + compose, per query over the matcher's test table (plus `extraQueries`)
 * in every locale. "Cold" uses a fresh Knowledge per locale (empty memo and answer cache),
 * "warm" asks the same again. `load` builds a Knowledge from disk (dataset, catalog, index).
 */
export function benchCore(
  label: string,
  load: () => Knowledge,
  extraQueries: readonly string[] = [],
  loads = 10,
): CoreResult {
  const queries = [...MATCH_CASES.map(([q]) => q), ...extraQueries];
  const loadMs: number[] = [];
  for (let i = 0; i < loads; i++) {
    globalThis.gc?.();
    const t = performance.now();
    load();
    loadMs.push(performance.now() - t);
  }
  // Let the JIT see the code paths before measuring.
  const warmup = load();
  for (let i = 0; i < 5; i++) for (const q of queries) warmup.ask(q, 'en-US');

  // The matcher alone, each query the first time it sees it (no memo hit), after warming up
  // on other queries: what a new question costs once the process runs.
  const match: number[] = [];
  for (let i = 0; i < 5; i++) {
    const matcher = createMatcher(warmup.providers);
    for (const q of queries) matcher.match(`${q} warm`);
    globalThis.gc?.();
    for (const q of queries) {
      const t = performance.now();
      matcher.match(q);
      match.push((performance.now() - t) * 1000);
    }
  }

  const cold: number[] = [];
  const warm: number[] = [];
  // A fresh Knowledge (empty memo and caches) from the loaded data, without reading it again.
  const fresh = () =>
    createKnowledge(
      {
        dataset: { version: warmup.version, providers: [...warmup.providers], unlisted: [] },
        translations: warmup.translations,
        hash: warmup.hash,
      },
      warmup.catalog,
    );
  for (const locale of SUPPORTED_LOCALES) {
    const k = fresh();
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
  return {
    label,
    providers: warmup.providers.length,
    queries: queries.length,
    match,
    cold,
    warm,
    load: loadMs,
  };
}

export const TARGET_MATCH_P99_US = 50;

export function coreTable(results: CoreResult[]): string {
  const rows = [
    `| core, in process | ${results.map((r) => `${r.label}: median / p99`).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
  ];
  const row = (what: string, pick: (r: CoreResult) => number[], digits = 1) =>
    rows.push(
      `| ${what} | ${results
        .map((r) => `${fmt(median(pick(r)), digits)} / ${fmt(percentile(pick(r), 99), digits)}`)
        .join(' | ')} |`,
    );
  rows.push(
    `| providers × locales; queries | ${results
      .map((r) => `${r.providers} × ${SUPPORTED_LOCALES.length}; ${r.queries}`)
      .join(' | ')} |`,
  );
  row('match alone, a new query (µs)', (r) => r.match);
  row('match + compose, first time (µs)', (r) => r.cold);
  row('match + compose, repeated (µs)', (r) => r.warm);
  row('loadKnowledge: read + validate + index (ms)', (r) => r.load, 0);
  const last = results[results.length - 1]!;
  const p99 = percentile(last.match, 99);
  rows.push(
    `| matching p99 ≤ ${TARGET_MATCH_P99_US} µs (${last.label}) | ${results
      .map((r) => (r === last ? (p99 <= TARGET_MATCH_P99_US ? 'PASS' : 'MISS') : '—'))
      .join(' | ')} |`,
  );
  return rows.join('\n');
}
