import { describe, expect, it } from 'vitest';
import { syntheticProviders } from '../helpers/synthetic-dataset.js';
import type { Provider } from '../../src/core/dataset-schema.js';
import { loadKnowledge } from '../../src/core/load-knowledge.js';
import { createMatcher, type MatchResult } from '../../src/core/matcher.js';
import { createMatcher as createReference } from './matcher-reference.js';
import { mulberry32 } from '../helpers/seeded-random.js';

/*
 * The indexed matcher must answer exactly as the one that scored every name did (kept in
 * matcher-reference.ts): same kind, same provider, same candidates in the same order.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789 -.';
const WORDS = ['does', 'run', 'vllm', 'is', 'using', 'the', 'what', 'about', 'inference', 'ai'];

function typo(name: string, rnd: () => number): string {
  const chars = [...name];
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits && chars.length > 0; e++) {
    const at = Math.floor(rnd() * chars.length);
    const letter = LETTERS[Math.floor(rnd() * 26)]!;
    const kind = Math.floor(rnd() * 5);
    if (kind === 0) chars.splice(at, 1);
    else if (kind === 1) chars.splice(at, 0, letter);
    else if (kind === 2) chars[at] = letter;
    else if (kind === 3 && at + 1 < chars.length)
      [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
    else chars.splice(Math.max(4, Math.floor(chars.length * rnd())));
  }
  return chars.join('');
}

function queriesFor(providers: readonly Provider[], count: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  const names = providers.flatMap((p) => [p.id, p.name, ...p.aliases]);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const out: string[] = [];
  while (out.length < count) {
    const name = pick(names);
    const kind = out.length % 6;
    if (kind <= 2) out.push(typo(name, rnd));
    else if (kind === 3) {
      const length = 3 + Math.floor(rnd() * 30);
      out.push(Array.from({ length }, () => pick([...LETTERS])).join(''));
    } else if (kind === 4)
      out.push(`${pick(WORDS)} ${typo(name, rnd)} ${pick(WORDS)} ${pick(WORDS)}`);
    else out.push(name.slice(0, 3 + Math.floor(rnd() * 6)));
  }
  return out;
}

function describe_(r: MatchResult): string {
  switch (r.kind) {
    case 'provider':
      return `${r.how}:${r.provider.id}${r.finding === undefined ? '' : `#${r.finding}`}`;
    case 'ambiguous':
      return `?${r.candidates.map((c) => c.id).join(',')}`;
    default:
      return r.kind;
  }
}

const shipped = loadKnowledge();
const synthetic = syntheticProviders(shipped).providers;

describe.each([
  ['shipped', shipped.providers, 600],
  ['10× synthetic', synthetic, 400],
] as const)('matcher equals the reference (%s dataset)', (_label, providers, count) => {
  const queries = queriesFor(providers, count, providers.length);
  const matcher = createMatcher(providers);
  const reference = createReference(providers);

  it('answers every generated query the same', () => {
    const differ = queries.filter(
      (q) => describe_(matcher.match(q)) !== describe_(reference.match(q)),
    );
    expect(differ).toEqual([]);
  });

  it('ranks autocomplete suggestions the same', () => {
    const ids = (list: Provider[]) => list.map((p) => p.id).join(',');
    const differ = queries.filter((q) => ids(matcher.rank(q, 25)) !== ids(reference.rank(q, 25)));
    expect(differ).toEqual([]);
  });

  it('has typos that the matcher corrects, ambiguous ones and misses', () => {
    const kinds = new Set(queries.map((q) => matcher.match(q).kind));
    // (A generated query may also come out blank: the overview. That is fine.)
    for (const kind of ['provider', 'ambiguous', 'not-found'] as const)
      expect(kinds).toContain(kind);
  });
});
