import type { Answer, ProviderAnswer, ProviderSummary } from './answer-schema.js';
import { composeOverview, composeProvider, composeSuggestions, summarize } from './compose.js';
import type { Dataset, Provider } from './dataset-schema.js';
import type { Catalog } from './i18n.js';
import type { Locale } from './locales.js';
import { createMatcher, type Matcher } from './matcher.js';

/**
 * Everything answers are made from, built once per dataset. Reloading builds a new one and
 * swaps the reference, so a request never sees half of an old and half of a new dataset.
 */
export interface Knowledge {
  readonly version: string;
  readonly hash: string;
  readonly providers: readonly Provider[];
  readonly catalog: Catalog;
  ask(query: string, locale: Locale): Answer;
  answerFor(providerId: string, locale: Locale): ProviderAnswer | undefined;
  suggest(query: string, locale: Locale, limit: number): ProviderSummary[];
}

export function createKnowledge(dataset: Dataset, catalog: Catalog, hash = ''): Knowledge {
  const ctx = { dataset, catalog };
  const matcher: Matcher = createMatcher(dataset.providers);
  const byId = new Map(dataset.providers.map((p) => [p.id, p]));
  const sorted = [...dataset.providers].sort((a, b) => a.name.localeCompare(b.name, 'en'));
  // Provider answers and the overview depend only on (provider, locale): compose each once.
  const cache = new Map<string, ProviderAnswer>();
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

  function answerFor(providerId: string, locale: Locale): ProviderAnswer | undefined {
    const provider = byId.get(providerId);
    if (!provider) return undefined;
    const key = `${providerId}\u0000${locale}`;
    let answer = cache.get(key);
    if (!answer) {
      answer = composeProvider(ctx, provider, locale);
      cache.set(key, answer);
    }
    return answer;
  }

  function ask(query: string, locale: Locale): Answer {
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
        return answerFor(result.provider.id, locale)!;
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
    hash,
    providers: dataset.providers,
    catalog,
    ask,
    answerFor,
    suggest,
  };
}
