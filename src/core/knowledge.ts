import { createHash } from 'node:crypto';
import type { Answer, ProviderAnswer, ProviderSummary } from './answer-schema.js';
import { composeOverview, composeProvider, composeSuggestions, summarize } from './compose.js';
import type { LoadedDataset } from './dataset-load.js';
import type { Provider } from './dataset-schema.js';
import type { Catalog } from './i18n.js';
import type { Locale } from './locales.js';
import { boundedMemo } from './bounded-memo.js';
import { createMatcher, type Matcher } from './matcher.js';
import type { TranslationSet } from './translations.js';

/**
 * Everything answers are made from, built once per dataset. Reloading builds a new one and
 * swaps the reference, so a request never sees half of an old and half of a new dataset.
 */
export interface Knowledge {
  readonly version: string;
  /** Changes whenever any file an answer is made from changes (data and UI strings). */
  readonly hash: string;
  readonly providers: readonly Provider[];
  readonly translations: TranslationSet;
  readonly catalog: Catalog;
  ask(query: string, locale: Locale): Answer;
  /** `lead`: the finding to put first (a model name leads with its own finding). */
  answerFor(providerId: string, locale: Locale, lead?: number): ProviderAnswer | undefined;
  suggest(query: string, locale: Locale, limit: number): ProviderSummary[];
}

/** Questions remembered per dataset, with their answers (see `ask`). */
const ASKED_MEMO_SIZE = 2_000;
const ASKED_MAX_LENGTH = 200;
/** Composed provider answers kept (99 providers × 32 locales is about 3,200, most never asked). */
const COMPOSED_MEMO_SIZE = 2_000;

export function createKnowledge(loaded: LoadedDataset, catalog: Catalog): Knowledge {
  const { dataset, translations } = loaded;
  const ctx = { dataset, translations, catalog };
  const matcher: Matcher = createMatcher(dataset.providers, dataset.unlisted);
  const byId = new Map(dataset.providers.map((p) => [p.id, p]));
  const sorted = [...dataset.providers].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  // Provider answers and the overview depend only on (provider, lead, locale): compose each once
  // (the renderers key their caches on the answer object, so theirs are bounded with this).
  const composed = boundedMemo<ProviderAnswer>(COMPOSED_MEMO_SIZE);
  const everyone = new Map<Locale, ProviderSummary[]>();
  const overviews = new Map<Locale, Answer>();

  function allSummaries(locale: Locale): ProviderSummary[] {
    let list = everyone.get(locale);
    if (!list) {
      list = sorted.map((p) => summarize(ctx, p, locale));
      everyone.set(locale, list);
    }
    return list;
  }

  function answerFor(providerId: string, locale: Locale, lead = 0): ProviderAnswer | undefined {
    const provider = byId.get(providerId);
    if (!provider) return undefined;
    return composed.get(`${providerId}\u0000${lead}\u0000${locale}`, () =>
      composeProvider(ctx, provider, locale, lead),
    );
  }

  // The same words in the same language get the same answer until the dataset changes, and
  // people ask the same few names over and over: a repeated question costs one Map lookup
  // instead of normalising, matching and composing again. First in, first out, bounded.
  const asked = boundedMemo<Answer>(ASKED_MEMO_SIZE);

  function ask(query: string, locale: Locale): Answer {
    // A long text is a sentence, not a name asked again: not worth its memory as a key.
    if (query.length > ASKED_MAX_LENGTH) return answerQuery(query, locale);
    return asked.get(`${locale}\u0000${query}`, () => answerQuery(query, locale));
  }

  function answerQuery(query: string, locale: Locale): Answer {
    const result = matcher.match(query);
    switch (result.kind) {
      case 'overview': {
        let overview = overviews.get(locale);
        if (!overview) {
          overview = composeOverview(ctx, sorted, locale);
          overviews.set(locale, overview);
        }
        return overview;
      }
      case 'provider':
        return answerFor(result.provider.id, locale, result.finding)!;
      case 'ambiguous':
        return composeSuggestions(
          ctx,
          'ambiguous',
          query,
          result.candidates.map((p) => summarize(ctx, p, locale)),
          locale,
        );
      case 'not-found':
        return composeSuggestions(ctx, 'not-found', query, allSummaries(locale), locale);
    }
  }

  function suggest(query: string, locale: Locale, limit: number): ProviderSummary[] {
    return matcher.rank(query, limit).map((p) => summarize(ctx, p, locale));
  }

  return {
    version: dataset.version,
    hash: createHash('sha256').update(loaded.hash).update(catalog.hash).digest('hex').slice(0, 12),
    providers: dataset.providers,
    translations,
    catalog,
    ask,
    answerFor,
    suggest,
  };
}
