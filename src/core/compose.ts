import type {
  FindingView,
  OverviewAnswer,
  ProviderAnswer,
  ProviderSummary,
  SourceView,
  SuggestionAnswer,
} from './answer-schema.js';
import type { Dataset, Finding, Provider, Source } from './dataset-schema.js';
import { formatDate, formatList } from './format.js';
import { translate, type Catalog, type Vars } from './i18n.js';
import type { Locale } from './locales.js';
import { STATUS_STYLE, STRONG_STATUSES, type Status } from './status.js';
import { unitContext, type TextField } from './text-units.js';
import { lookup, type TranslationSet } from './translations.js';
import type { UiKey } from './ui-strings.js';

/** Echoed queries are cut here: enough to recognise, never enough to flood a message. */
export const MAX_ECHO_LENGTH = 80;

export interface ComposeContext {
  dataset: Dataset;
  translations: TranslationSet;
  catalog: Catalog;
}

function statusView(ctx: ComposeContext, status: Status, locale: Locale) {
  return {
    status,
    statusLabel: translate(ctx.catalog, locale, `status.${status}`),
    ...STATUS_STYLE[status],
  };
}

export function summarize(
  ctx: ComposeContext,
  provider: Provider,
  locale: Locale,
): ProviderSummary {
  return {
    id: provider.id,
    name: provider.name,
    kind: provider.kind,
    ...statusView(ctx, provider.findings[0]!.status, locale),
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

/** "As of" is the date of the newest dated source, never the date someone reviewed it. */
export function newestSourceDate(sources: readonly Source[]): string | undefined {
  return sources.reduce<string | undefined>(
    (max, s) => (s.date && (!max || s.date > max) ? s.date : max),
    undefined,
  );
}

function sourceView(ctx: ComposeContext, s: Source, locale: Locale): SourceView {
  const t = (key: UiKey) => translate(ctx.catalog, locale, key);
  const notes = [
    ...(s.primary ? [] : [t('source.secondary')]),
    ...(s.copy ? [t(`source.${s.copy}`)] : []),
  ];
  return {
    ...s,
    ...(s.date ? { dateText: formatDate(s.date, locale) } : {}),
    ...(notes.length > 0 ? { note: notes.join(', ') } : {}),
  };
}

function findingView(
  ctx: ComposeContext,
  provider: Provider,
  index: number,
  locale: Locale,
): FindingView {
  const f: Finding = provider.findings[index]!;
  const t = (key: UiKey, vars?: Vars) => translate(ctx.catalog, locale, key, vars);
  let untranslated = false;
  const text = (field: TextField, english: string) => {
    const found = lookup(ctx.translations, locale, unitContext(provider.id, index, field), english);
    // English readers lose nothing when an en-GB text falls back to en-US.
    if (found.state !== 'translated' && !locale.startsWith('en')) untranslated = true;
    return found.text;
  };
  const subject = f.subject === undefined ? undefined : text('subject', f.subject);
  const summary = text('summary', f.summary);
  const details = text('details', f.details);
  const asOf = newestSourceDate(f.sources);
  const evidence = f.sources.some((s) => s.primary) ? 'primary' : 'secondary';
  const qualified = evidence === 'secondary' && STRONG_STATUSES.has(f.status);
  return {
    ...statusView(ctx, f.status, locale),
    ...(subject === undefined ? {} : { subject }),
    summary,
    details,
    ...(asOf ? { asOf } : {}),
    asOfText: asOf ? t('answer.asOf', { date: formatDate(asOf, locale) }) : t('answer.undated'),
    evidence,
    ...(qualified ? { qualifier: t('answer.secondaryOnly') } : {}),
    untranslated,
    sources: f.sources.map((s) => sourceView(ctx, s, locale)),
  };
}

/** The finding `lead` first (a model name asked about leads with its finding), then the rest. */
function order(count: number, lead: number | undefined): number[] {
  const all = [...Array(count).keys()];
  return lead === undefined || lead <= 0 || lead >= count
    ? all
    : [lead, ...all.filter((i) => i !== lead)];
}

export function composeProvider(
  ctx: ComposeContext,
  provider: Provider,
  locale: Locale,
  lead?: number,
): ProviderAnswer {
  const t = (key: UiKey, vars?: Vars) => translate(ctx.catalog, locale, key, vars);
  const findings = order(provider.findings.length, lead).map((i) =>
    findingView(ctx, provider, i, locale),
  );
  const head = findings[0]!;
  const kindLabel = provider.kind === 'provider' ? undefined : t(`kind.${provider.kind}`);
  const name = kindLabel ? `${provider.name} (${kindLabel})` : provider.name;
  const label = head.qualifier ? `${head.statusLabel} (${head.qualifier})` : head.statusLabel;
  return {
    kind: 'provider',
    locale,
    title: `${name}: ${label}`,
    provider: {
      id: provider.id,
      name: provider.name,
      aliases: provider.aliases,
      kind: provider.kind,
      ...(kindLabel ? { kindLabel } : {}),
    },
    status: head.status,
    statusLabel: head.statusLabel,
    emoji: head.emoji,
    color: head.color,
    ...(head.qualifier ? { qualifier: head.qualifier } : {}),
    findings,
    ...(lead !== undefined && lead > 0 && head.subject ? { focus: head.subject } : {}),
    ...(findings.some((f) => f.untranslated) ? { notice: t('answer.untranslated') } : {}),
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

/** A status label with its qualifier, e.g. "Runs vLLM in production (secondary sources only)". */
export function qualifiedStatus(f: { statusLabel: string; qualifier?: string }): string {
  return f.qualifier ? `${f.statusLabel} (${f.qualifier})` : f.statusLabel;
}

/** Publisher, date and remarks of a source, as one short line. */
export function sourceMeta(s: SourceView): string {
  return [s.publisher, s.dateText, s.note].filter(Boolean).join(', ');
}
