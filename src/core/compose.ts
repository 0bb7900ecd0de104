import type {
  SuggestionAnswer,
  ProviderAnswer,
  OverviewAnswer,
  ProviderSummary,
} from './answer-schema.js';
import type { Dataset, Finding, Provider } from './dataset-schema.js';
import { formatDate, formatList } from './format.js';
import { pickText, translate, type Catalog } from './i18n.js';
import type { Locale } from './locales.js';
import { STATUS_STYLE, type Status } from './status.js';

/** Echoed queries are cut here: enough to recognise, never enough to flood a message. */
export const MAX_ECHO_LENGTH = 80;

export interface ComposeContext {
  dataset: Dataset;
  catalog: Catalog;
}

function statusView(ctx: ComposeContext, status: Status, locale: Locale) {
  return {
    status,
    statusLabel: translate(ctx.catalog, locale, `status.${status}`),
    ...STATUS_STYLE[status],
  };
}

function headline(provider: Provider): Finding {
  return provider.findings[0]!;
}

export function summarize(
  ctx: ComposeContext,
  provider: Provider,
  locale: Locale,
): ProviderSummary {
  return {
    id: provider.id,
    name: provider.name,
    ...statusView(ctx, headline(provider).status, locale),
  };
}

/** Keeps what a person typed recognisable while dropping control and invisible characters. */
export function echoQuery(query: string): string {
  const clean = query
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...clean];
  return chars.length <= MAX_ECHO_LENGTH
    ? clean
    : `${chars.slice(0, MAX_ECHO_LENGTH - 1).join('')}…`;
}

export function composeProvider(
  ctx: ComposeContext,
  provider: Provider,
  locale: Locale,
): ProviderAnswer {
  const t = (key: Parameters<typeof translate>[2], vars = {}) =>
    translate(ctx.catalog, locale, key, vars);
  const head = statusView(ctx, headline(provider).status, locale);
  return {
    kind: 'provider',
    locale,
    title: `${provider.name}: ${head.statusLabel}`,
    provider: { id: provider.id, name: provider.name, aliases: provider.aliases },
    ...head,
    findings: provider.findings.map((f) => ({
      ...statusView(ctx, f.status, locale),
      ...(f.subject ? { subject: pickText(f.subject, locale) } : {}),
      summary: pickText(f.summary, locale),
      details: pickText(f.details, locale),
      asOf: f.asOf,
      asOfText: t('answer.asOf', { date: formatDate(f.asOf, locale) }),
      sources: f.sources.map((s) => ({
        ...s,
        ...(s.date ? { dateText: formatDate(s.date, locale) } : {}),
      })),
    })),
    sourcesLabel: t('answer.sources'),
    reviewed: provider.reviewed,
    footer: t('answer.footer', {
      date: formatDate(provider.reviewed, locale),
      version: ctx.dataset.version,
    }),
  };
}

export function composeSuggestions(
  ctx: ComposeContext,
  kind: 'ambiguous' | 'not-found',
  query: string,
  suggestions: ProviderSummary[],
  locale: Locale,
): SuggestionAnswer {
  const echo = echoQuery(query);
  const message =
    kind === 'ambiguous'
      ? translate(ctx.catalog, locale, 'ambiguous.body', {
          query: echo,
          list: formatList(
            suggestions.map((s) => s.name),
            locale,
            'disjunction',
          ),
        })
      : translate(ctx.catalog, locale, 'notFound.body', { query: echo });
  const title = translate(
    ctx.catalog,
    locale,
    kind === 'ambiguous' ? 'ambiguous.title' : 'notFound.title',
  );
  return { kind, locale, title, query: echo, message, suggestions };
}

export function composeOverview(
  ctx: ComposeContext,
  providers: readonly Provider[],
  locale: Locale,
): OverviewAnswer {
  const newest = providers.reduce((max, p) => (p.reviewed > max ? p.reviewed : max), '0000-00-00');
  return {
    kind: 'overview',
    locale,
    title: translate(ctx.catalog, locale, 'overview.title', { count: providers.length }),
    message: translate(ctx.catalog, locale, 'overview.body'),
    providers: providers.map((p) => summarize(ctx, p, locale)),
    footer: translate(ctx.catalog, locale, 'answer.footer', {
      date: formatDate(newest, locale),
      version: ctx.dataset.version,
    }),
  };
}
