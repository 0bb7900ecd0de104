import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { syntheticProviders } from '../helpers/synthetic-dataset.js';
import { loadKnowledge } from '../../src/core/load-knowledge.js';
import { bigramsOf, createNamesInside } from '../../src/core/names-inside.js';
import { compact } from '../../src/core/normalize.js';
import { mulberry32 } from '../helpers/seeded-random.js';

/** The matcher's fuse.js options: names inside names, at most 20 % of the query in edits. */
const RATIO = 0.2;
const FUSE_OPTIONS = {
  keys: ['key'],
  includeScore: true,
  ignoreLocation: true,
  ignoreFieldNorm: true,
  threshold: RATIO,
  minMatchCharLength: 3,
};

/** What fuse.js accepts when it is given every name: the shortlist must hold all of them. */
function fuseOverAll(keys: readonly string[], key: string): Set<string> {
  const hits = new Fuse(
    keys.map((k) => ({ key: k })),
    FUSE_OPTIONS,
  ).search(key);
  return new Set(hits.filter((h) => (h.score ?? 1) <= RATIO).map((h) => h.item.key));
}

/** How many times each bigram occurs in a text. */
function bigramCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + 2 <= text.length; i++) {
    const gram = text.slice(i, i + 2);
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/**
 * Names sharing enough of the query's bigrams (counted with repeats: the q-gram lemma), by
 * the first of the query's bigrams they have, then as given.
 */
function bigramOrder(keys: readonly string[], key: string): string[] {
  const wanted = bigramCounts(key);
  const needed = Math.max(1, key.length - 1 - 2 * Math.floor(key.length * RATIO));
  const shared = (k: string) => {
    const own = bigramCounts(k);
    let sum = 0;
    for (const [gram, count] of wanted) sum += Math.min(count, own.get(gram) ?? 0);
    return sum;
  };
  const grams = bigramsOf(key);
  const first = (k: string) => grams.findIndex((g) => k.includes(g));
  return keys
    .filter((k) => shared(k) >= needed)
    .sort((a, b) => first(a) - first(b) || keys.indexOf(a) - keys.indexOf(b));
}

const knowledge = loadKnowledge();
const shipped = knowledge.providers;
const namesOf = (providers: typeof shipped) => [
  ...new Set(
    providers
      .flatMap((p) => [p.id, p.name, ...p.aliases, ...p.findings.flatMap((f) => f.aliases ?? [])])
      .map(compact)
      .filter(Boolean),
  ),
];

/** Pieces of names, with a letter changed, dropped or added: what "inside" queries look like. */
function queries(keys: readonly string[], count: number, seed: number): string[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const out = ['arena', 'seek', 'hello', 'banana', 'kubernetes', 'cloud', 'ai', 'x'];
  while (out.length < count) {
    const name = pick(keys);
    const from = Math.floor(random() * Math.max(1, name.length - 3));
    let piece = name.slice(from, from + 3 + Math.floor(random() * 10));
    const at = Math.floor(random() * piece.length);
    const edit = random();
    if (edit < 0.25) piece = piece.slice(0, at) + 'q' + piece.slice(at + 1);
    else if (edit < 0.5) piece = piece.slice(0, at) + piece.slice(at + 1);
    else if (edit < 0.75) piece = piece.slice(0, at) + 'e' + piece.slice(at);
    out.push(piece);
  }
  return out;
}

describe.each([
  ['shipped', namesOf(shipped), 300],
  ['10× synthetic', namesOf(syntheticProviders(knowledge).providers), 60],
])('names inside names, %s dataset', (_label, keys, count) => {
  const inside = createNamesInside(keys);

  it('returns every name fuse.js accepts, in the order the bigram count met them', () => {
    for (const key of queries(keys, count, 7)) {
      const found = inside.within(key, RATIO).map((i) => keys[i]!);
      const accepted = fuseOverAll(keys, key);
      for (const name of accepted) expect(found, `${key} → ${name}`).toContain(name);
      // Nothing fuse.js would refuse for its edits, and the same order as counting bigrams.
      expect(found, key).toEqual(bigramOrder(keys, key).filter((k) => found.includes(k)));
    }
  });
});

describe('names inside names', () => {
  const inside = createNamesInside(['chatbotarena', 'deepseek', 'arenaai', 'mistral']);

  it('finds a name inside a longer one, with a typo', () => {
    expect(inside.within('arena', RATIO)).toEqual([0, 2]);
    expect(inside.within('arwna', RATIO)).toEqual([0, 2]);
    expect(inside.within('seek', RATIO)).toEqual([1]);
  });

  it('refuses what is too far, too short or too long', () => {
    expect(inside.within('arxxa', RATIO)).toEqual([]);
    expect(inside.within('a', RATIO)).toEqual([]);
    expect(inside.within('a'.repeat(33), RATIO)).toEqual([]);
  });
});
