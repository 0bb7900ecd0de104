import { qualifiedStatus, sourceMeta } from '../core/compose.js';
import type {
  Answer,
  FindingView,
  OverviewAnswer,
  ProviderAnswer,
  ProviderSummary,
  SuggestionAnswer,
} from '../core/answer-schema.js';
import { translate, type Catalog } from '../core/i18n.js';
import type { Locale } from '../core/locales.js';
import type { UiKey } from '../core/ui-strings.js';
import {
  ACTION_LINK,
  ACTION_MINE,
  ACTION_PIN,
  ACTION_REPORT,
  ACTION_SHARE,
  encodeRef,
  encodeReportRef,
  pickActionId,
  type AnswerRef,
} from './action-ids.js';
import { escapeText, mrkdwnLink } from './escape.js';
import {
  MAX_ACTIONS_ELEMENTS,
  MAX_BLOCKS,
  MAX_BUTTON_TEXT,
  MAX_BUTTON_URL,
  MAX_CONTEXT_TEXT,
  MAX_FALLBACK_TEXT,
  MAX_HEADER_TEXT,
  MAX_SECTION_TEXT,
} from './limits.js';

// The Block Kit subset this adapter writes. Narrower than @slack/types' KnownBlock (and
// assignable to it), so tests can walk every field.
export interface PlainText {
  type: 'plain_text';
  text: string;
  emoji: true;
}
export interface Mrkdwn {
  type: 'mrkdwn';
  text: string;
  /** Always true: Slack then never turns plain words such as "@here" into mentions. */
  verbatim: true;
}
export interface ButtonElement {
  type: 'button';
  text: PlainText;
  action_id: string;
  /** Action buttons carry a value; link buttons a url instead. */
  value?: string;
  url?: string;
  style?: 'primary';
}
export type Block =
  | { type: 'header'; text: PlainText }
  | { type: 'section'; text: Mrkdwn }
  | { type: 'context'; elements: Mrkdwn[]; block_id?: string }
  | { type: 'actions'; elements: ButtonElement[] }
  | { type: 'divider' };

export interface SlackMessage {
  /** Notification and screen-reader fallback; always present. */
  text: string;
  blocks: Block[];
}

/**
 * Where an answer is shown. `private`: only the asker sees it, with a Share button.
 * `shared`: posted in the channel by the bot, with a Pin button. `shared-unpinnable`: posted
 * through the response_url because the bot is not in the channel, so it cannot be pinned.
 */
export type Surface = 'private' | 'shared' | 'shared-unpinnable';

/** What the operator configured for reports, and what was asked (docs/community.md). */
export interface AnswerExtras {
  /** What was asked; the Report button carries it. Default: the provider's id. */
  query?: string;
  /** Show "Report / suggest a source" under provider answers (SLACK_REPORT_CHANNEL is set). */
  report?: boolean;
  /** REPORT_ISSUE_URL: a link button under provider and not-found answers. */
  issueUrl?: string;
  /** "Updated <date> because the dataset changed.": a context line above the buttons (pins). */
  updated?: string;
}

/** The block_id of the "updated" line, which the content hash leaves out (pins/content-hash.ts). */
export const UPDATED_BLOCK_ID = 'vllm_pin_updated';

/**
 * The one place text is cut to fit. Never splits a surrogate pair or one of the escapes
 * (`&amp;`, `&lt;`, `&gt;`), so what is left stays valid; ends with "…" when cut.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,3}$/, '');
  return `${cut}…`;
}

/**
 * Joins lines into as few texts of at most `max` characters as possible, never splitting a
 * line (a line may hold a link); a single line longer than `max` is cut.
 */
export function packLines(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = truncate(raw, max);
    if (current && current.length + 1 + line.length > max) {
      out.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) out.push(current);
  return out;
}

const plain = (text: string, max: number): PlainText => ({
  type: 'plain_text',
  text: truncate(escapeText(text), max),
  emoji: true,
});
const mrkdwn = (text: string, max: number): Mrkdwn => ({
  type: 'mrkdwn',
  text: truncate(text, max),
  verbatim: true,
});
const header = (text: string): Block => ({ type: 'header', text: plain(text, MAX_HEADER_TEXT) });
/** `text` is mrkdwn already escaped by the caller. */
const section = (text: string): Block => ({
  type: 'section',
  text: mrkdwn(text, MAX_SECTION_TEXT),
});
const context = (...texts: string[]): Block => ({
  type: 'context',
  elements: texts.map((t) => mrkdwn(escapeText(t), MAX_CONTEXT_TEXT)),
});
const button = (
  label: string,
  actionId: string,
  value: string,
  primary = false,
): ButtonElement => ({
  type: 'button',
  text: plain(label, MAX_BUTTON_TEXT),
  action_id: actionId,
  value,
  ...(primary ? { style: 'primary' as const } : {}),
});

/** A link button; Slack still sends its click (ACTION_LINK), which is only acknowledged. */
export const linkButton = (label: string, url: string, actionId = ACTION_LINK): ButtonElement => ({
  type: 'button',
  text: plain(label, MAX_BUTTON_TEXT),
  action_id: actionId,
  url,
});

/** Buttons in rows of at most 25, using no more than `maxBlocks` blocks. */
function buttonRows(buttons: ButtonElement[], maxBlocks: number): Block[] {
  const rows: Block[] = [];
  for (let i = 0; i < buttons.length && rows.length < maxBlocks; i += MAX_ACTIONS_ELEMENTS) {
    rows.push({ type: 'actions', elements: buttons.slice(i, i + MAX_ACTIONS_ELEMENTS) });
  }
  return rows;
}

function fallback(text: string): string {
  return truncate(escapeText(text.replace(/\s+/g, ' ').trim()), MAX_FALLBACK_TEXT);
}

type T = (key: UiKey, vars?: Record<string, string | number>) => string;

/**
 * Share on a private answer, Pin on a shared one (nothing where it cannot be pinned); "In my
 * language" on shared answers; Report and the issue link on provider answers, when configured.
 */
function answerActions(ref: AnswerRef, surface: Surface, t: T, extras: AnswerExtras): Block[] {
  const elements: ButtonElement[] = [];
  if (surface === 'private') {
    elements.push(button(t('button.share'), ACTION_SHARE, encodeRef(ref), true));
  }
  if (surface === 'shared') elements.push(button(t('button.pin'), ACTION_PIN, encodeRef(ref)));
  if (surface !== 'private') {
    elements.push(button(`🌐 ${t('button.inMyLanguage')}`, ACTION_MINE, encodeRef(ref)));
  }
  if (ref.kind === 'provider' && extras.report) {
    const value = encodeReportRef({
      id: ref.id,
      locale: ref.locale,
      query: extras.query ?? ref.id,
    });
    elements.push(button(`📝 ${t('button.report')}`, ACTION_REPORT, value));
  }
  elements.push(...issueLink(ref.kind === 'provider', t, extras));
  return elements.length > 0 ? [{ type: 'actions', elements }] : [];
}

function issueLink(shown: boolean, t: T, extras: AnswerExtras): ButtonElement[] {
  const url = extras.issueUrl;
  return shown && url && url.length <= MAX_BUTTON_URL ? [linkButton(t('report.link'), url)] : [];
}

function findingText(answer: ProviderAnswer, f: FindingView): string {
  const lines: string[] = [];
  // The header already carries the status when there is one finding about the provider itself.
  if (f.subject || answer.findings.length > 1) {
    const subject = escapeText(f.subject ?? answer.provider.name);
    lines.push(`${f.emoji} *${subject}* · ${escapeText(qualifiedStatus(f))}`);
  }
  lines.push(`*${escapeText(f.summary)}*`, escapeText(f.details));
  return lines.join('\n');
}

function sourceLine(s: FindingView['sources'][number]): string {
  const meta = sourceMeta(s);
  const link = mrkdwnLink(s.url, s.title);
  const line = `• ${link}${meta ? ` — ${escapeText(meta)}` : ''}`;
  // An absurdly long URL would be cut inside the link markup: show the title alone instead.
  return line.length <= MAX_SECTION_TEXT ? line : `• ${escapeText(s.title)}`;
}

function sourcesText(label: string, f: FindingView): string {
  // Whole lines only: a cut link would show as broken markup.
  const [first] = packLines(
    [`*${escapeText(label)}*`, ...f.sources.map(sourceLine)],
    MAX_SECTION_TEXT,
  );
  return first ?? '';
}

function updatedLine(extras: AnswerExtras): Block[] {
  if (!extras.updated) return [];
  return [
    {
      type: 'context',
      block_id: UPDATED_BLOCK_ID,
      elements: [mrkdwn(escapeText(`🔄 ${extras.updated}`), MAX_CONTEXT_TEXT)],
    },
  ];
}

function renderProvider(
  answer: ProviderAnswer,
  surface: Surface,
  t: T,
  extras: AnswerExtras,
): SlackMessage {
  const ref: AnswerRef = { kind: 'provider', id: answer.provider.id, locale: answer.locale };
  const head = [header(`${answer.emoji} ${answer.title}`)];
  const tail = [
    // A text shown in English because its translation is missing or stale says so.
    ...(answer.notice ? [context(`🔤 ${answer.notice}`)] : []),
    context(answer.footer),
    ...updatedLine(extras),
    ...answerActions(ref, surface, t, extras),
  ];
  const PER_FINDING = 4; // divider, text, sources, as-of
  const room = Math.floor((MAX_BLOCKS - head.length - tail.length) / PER_FINDING);
  const body = answer.findings
    .slice(0, room)
    .flatMap((f, i): Block[] => [
      ...(i > 0 ? [{ type: 'divider' } as const] : []),
      section(findingText(answer, f)),
      section(sourcesText(answer.sourcesLabel, f)),
      context(f.asOfText),
    ]);
  const first = answer.findings[0];
  return {
    text: fallback(`${answer.emoji} ${answer.title}${first ? ` — ${first.summary}` : ''}`),
    blocks: [...head, ...body, ...tail],
  };
}

function pickButton(s: ProviderSummary, locale: Locale): ButtonElement {
  return button(
    `${s.emoji} ${s.name}`,
    pickActionId(s.id),
    encodeRef({ kind: 'provider', id: s.id, locale }),
  );
}

// "Not found" offers every provider, from a list the core keeps per locale: its buttons are
// built once per list rather than once per miss.
const pickRowsOf = new WeakMap<readonly ProviderSummary[], { locale: Locale; rows: Block[] }>();

function pickRows(answer: SuggestionAnswer, maxBlocks: number): Block[] {
  const kept = pickRowsOf.get(answer.suggestions);
  if (kept && kept.locale === answer.locale && kept.rows.length <= maxBlocks) return kept.rows;
  const rows = buttonRows(
    answer.suggestions.map((s) => pickButton(s, answer.locale)),
    maxBlocks,
  );
  pickRowsOf.set(answer.suggestions, { locale: answer.locale, rows: deepFreeze(rows) });
  return rows;
}

function renderSuggestions(answer: SuggestionAnswer, t: T, extras: AnswerExtras): SlackMessage {
  const head = [header(answer.title), section(escapeText(answer.message))];
  const link = issueLink(answer.kind === 'not-found', t, extras);
  const tail: Block[] = [
    context(t('usage.hint')),
    ...(link.length > 0 ? [{ type: 'actions' as const, elements: link }] : []),
  ];
  const rows = pickRows(answer, MAX_BLOCKS - head.length - tail.length);
  return {
    text: fallback(`${answer.title} — ${answer.message}`),
    blocks: [...head, ...rows, ...tail],
  };
}

function renderOverview(
  answer: OverviewAnswer,
  surface: Surface,
  t: T,
  extras: AnswerExtras,
): SlackMessage {
  const ref: AnswerRef = { kind: 'overview', locale: answer.locale };
  const head = [header(answer.title), section(escapeText(answer.message))];
  const tail = [
    context(t('usage.hint')),
    context(answer.footer),
    ...updatedLine(extras),
    ...answerActions(ref, surface, t, extras),
  ];
  const lines = answer.providers.map(
    (p) => `${p.emoji} *${escapeText(p.name)}* — ${escapeText(p.statusLabel)}`,
  );
  const list = packLines(lines, MAX_SECTION_TEXT)
    .slice(0, MAX_BLOCKS - head.length - tail.length)
    .map(section);
  return {
    text: fallback(`${answer.title} — ${answer.message}`),
    blocks: [...head, ...list, ...tail],
  };
}

function buildAnswer(
  answer: Answer,
  catalog: Catalog,
  surface: Surface,
  extras: AnswerExtras,
): SlackMessage {
  const t: T = (key, vars) => translate(catalog, answer.locale, key, vars);
  switch (answer.kind) {
    case 'provider':
      return renderProvider(answer, surface, t, extras);
    case 'ambiguous':
    case 'not-found':
      return renderSuggestions(answer, t, extras);
    case 'overview':
      return renderOverview(answer, surface, t, extras);
  }
}

/** Cached messages are shared between requests: anything writing into one must fail loudly. */
function deepFreeze<V>(value: V): V {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

// The core hands out the same Answer object for the same provider (or overview) and locale,
// so its rendering per surface and options is kept with it and dropped with it. Rendering was
// the largest part of the bot's own work per Slack command (docs/benchmarks.md). The Report
// button carries the query, so a few renderings per answer are kept, the oldest dropped first.
const renderedAnswers = new WeakMap<
  Answer,
  { catalog: Catalog; messages: Map<string, SlackMessage> }
>();
const RENDERINGS_PER_ANSWER = 16;

/**
 * An answer as a Slack message: blocks within every Block Kit limit, and fallback text. The
 * blocks may be shared with other requests and are frozen: copy before changing anything.
 */
export function renderAnswer(
  answer: Answer,
  catalog: Catalog,
  surface: Surface = 'private',
  extras: AnswerExtras = {},
): SlackMessage {
  // Suggestions carry the query and are composed afresh per request: nothing to keep.
  if (answer.kind !== 'provider' && answer.kind !== 'overview') {
    return buildAnswer(answer, catalog, surface, extras);
  }
  let entry = renderedAnswers.get(answer);
  if (!entry || entry.catalog !== catalog) {
    entry = { catalog, messages: new Map() };
    renderedAnswers.set(answer, entry);
  }
  const key = [
    surface,
    extras.report ? 'r' : '',
    extras.issueUrl ?? '',
    // Only the Report button carries the query: without it, one rendering serves every query.
    extras.report ? (extras.query ?? '') : '',
    extras.updated ?? '',
  ].join('\u0000');
  let message = entry.messages.get(key);
  if (!message) {
    message = deepFreeze(buildAnswer(answer, catalog, surface, extras));
    if (entry.messages.size >= RENDERINGS_PER_ANSWER) {
      entry.messages.delete(entry.messages.keys().next().value!);
    }
    entry.messages.set(key, message);
  }
  return { text: message.text, blocks: message.blocks };
}

/** A short private note (shared, pinned, an error…): one section. */
export function renderNotice(text: string): SlackMessage {
  return { text: fallback(text), blocks: [section(escapeText(text))] };
}
