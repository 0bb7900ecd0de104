import { qualifiedStatus, sourceMeta } from '../core/compose.js';
import {
  ButtonStyle,
  ComponentType,
  MessageFlags,
  TextInputStyle,
  escapeMarkdown,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
  type APIModalInteractionResponseCallbackData,
  type RESTPostAPIChannelMessageJSONBody,
} from 'discord.js';
import type {
  Answer,
  OverviewAnswer,
  ProviderAnswer,
  ProviderSummary,
  SuggestionAnswer,
} from '../core/answer-schema.js';
import { translate, type Catalog } from '../core/i18n.js';
import { FALLBACK_LOCALE, type Locale } from '../core/locales.js';
import { SOURCE_URL_MAX } from '../core/source-url.js';
import { STATUSES } from '../core/status.js';
import type { Report } from '../store/index.js';
import {
  mineId,
  pickId,
  pinId,
  reportId,
  reportModalId,
  shareId,
  type ReportRef,
} from './custom-ids.js';
import {
  ACTION_ROWS_MAX,
  AUTOCOMPLETE_CHOICES_MAX,
  BUTTONS_PER_ROW_MAX,
  BUTTON_LABEL_MAX,
  CHOICE_NAME_MAX,
  CHOICE_VALUE_MAX,
  EMBED_DESCRIPTION_MAX,
  EMBED_FIELDS_MAX,
  EMBED_FIELD_NAME_MAX,
  EMBED_FIELD_VALUE_MAX,
  EMBED_FOOTER_TEXT_MAX,
  EMBED_TITLE_MAX,
  EMBED_TOTAL_MAX,
  LABEL_TEXT_MAX,
  LINK_BUTTON_URL_MAX,
  MESSAGE_CONTENT_MAX,
  MODAL_TITLE_MAX,
  SOURCE_LINK_BUTTONS_MAX,
  TEXT_INPUT_PLACEHOLDER_MAX,
} from './limits.js';

/**
 * Answer → Discord message. Every length limit is enforced here and nowhere else, so a
 * message that leaves this file is one Discord accepts (tests/discord/render-limits.test.ts).
 */

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** What handlers pass to reply/update/editReply; discord.js turns it into the API body. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  /** Never ping: interactions parse user mentions by default, and we echo what people typed. */
  allowedMentions: { parse: [] };
  flags?: MessageFlags.Ephemeral;
}

export type Choice = APIApplicationCommandOptionChoice<string>;

export interface RenderOptions {
  catalog: Catalog;
  /** Only the asker sees it (the `private` option); it then offers "Post publicly" instead of Pin. */
  private: boolean;
  /** A message this answer responds to (the context-menu command): linked above the embed. */
  replyTo?: string;
  /** The finding a provider answer leads with (core `leadOf`); carried by its Pin button. */
  lead?: number;
  /** What was asked; the Report button carries it. Default: the provider's id. */
  query?: string;
  /** What the operator configured for reports (docs/community.md). */
  reports?: ReportButtons;
}

export interface ReportButtons {
  /** Show "Report / suggest a source" under provider answers (a report channel is set). */
  button: boolean;
  /** REPORT_ISSUE_URL: a link under provider and not-found answers. */
  issueUrl?: string;
}

const ELLIPSIS = '…';
/** Overview and suggestion lists are about many providers, so they get a neutral colour. */
const LIST_COLOR = 0x5865f2;
/** Reports to operators: amber, to stand out in their channel. */
const REPORT_COLOR = 0xf0b232;
const PIN_EMOJI = '📌';
const SHARE_EMOJI = '📣';
const REPLY_MARK = '↪️';
const MINE_EMOJI = '🌐';
const REPORT_EMOJI = '📝';

function noMentions(): { parse: [] } {
  return { parse: [] };
}

/** Cuts to at most `max` UTF-16 units without splitting a surrogate pair, marking the cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - ELLIPSIS.length) break;
    out += char;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}

/** Joins whole lines while they fit; when some do not, ends with an ellipsis line. */
export function fitLines(lines: readonly string[], max: number): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const added = (kept.length > 0 ? 1 : 0) + line.length;
    const reserve = index < lines.length - 1 ? 1 + ELLIPSIS.length : 0;
    if (length + added + reserve > max) {
      if (length + (kept.length > 0 ? 1 : 0) + ELLIPSIS.length <= max) kept.push(ELLIPSIS);
      return kept.join('\n');
    }
    kept.push(line);
    length += added;
  }
  return kept.join('\n');
}

/** Text someone typed, shown as typed: no formatting, no masked links. */
export function escapeUserText(text: string): string {
  return escapeMarkdown(text, {
    heading: true,
    bulletedList: true,
    numberedList: true,
    maskedLink: true,
  });
}

function maskedLink(title: string, url: string): string {
  const text = escapeMarkdown(truncate(title, 100)).replace(/[[\]]/g, '\\$&');
  const target = url.replace(/[()\s]/g, encodeURIComponent);
  return `[${text}](${target})`;
}

// escapeMarkdown runs a dozen regular expressions; the same summaries are listed again and again.
const summaryLines = new WeakMap<ProviderSummary, string>();

function summaryLine(s: ProviderSummary): string {
  let line = summaryLines.get(s);
  if (line === undefined) {
    line = `${s.emoji} **${escapeMarkdown(s.name)}** — ${s.statusLabel}`;
    summaryLines.set(s, line);
  }
  return line;
}

/** The characters Discord counts against the 6,000 total of an embed. */
export function embedTextLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/** Applies every per-part limit, then shortens the description (and drops fields) to fit the total. */
function fitEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, EMBED_TITLE_MAX);
  if (out.description !== undefined) {
    out.description = truncate(out.description, EMBED_DESCRIPTION_MAX);
  }
  if (out.footer)
    out.footer = { ...out.footer, text: truncate(out.footer.text, EMBED_FOOTER_TEXT_MAX) };
  if (out.fields) {
    out.fields = out.fields.slice(0, EMBED_FIELDS_MAX).map((f) => ({
      ...f,
      name: truncate(f.name, EMBED_FIELD_NAME_MAX),
      value: truncate(f.value, EMBED_FIELD_VALUE_MAX),
    }));
  }
  let excess = embedTextLength(out) - EMBED_TOTAL_MAX;
  if (excess > 0 && out.description) {
    const keep = Math.max(ELLIPSIS.length, out.description.length - excess);
    out.description = truncate(out.description, keep);
    excess = embedTextLength(out) - EMBED_TOTAL_MAX;
  }
  while (excess > 0 && out.fields && out.fields.length > 0) {
    out.fields = out.fields.slice(0, -1);
    excess = embedTextLength(out) - EMBED_TOTAL_MAX;
  }
  return out;
}

function rows(buttons: APIButtonComponent[]): ButtonRow[] {
  const out: ButtonRow[] = [];
  const usable = buttons.slice(0, ACTION_ROWS_MAX * BUTTONS_PER_ROW_MAX);
  for (let i = 0; i < usable.length; i += BUTTONS_PER_ROW_MAX) {
    out.push({
      type: ComponentType.ActionRow,
      components: usable.slice(i, i + BUTTONS_PER_ROW_MAX),
    });
  }
  return out;
}

function actionButton(
  answer: ProviderAnswer | OverviewAnswer,
  options: RenderOptions,
): APIButtonComponent {
  const label = (key: 'button.pin' | 'button.postPublicly') =>
    truncate(translate(options.catalog, answer.locale, key), BUTTON_LABEL_MAX);
  if (options.private) {
    return {
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: label('button.postPublicly'),
      emoji: { name: SHARE_EMOJI },
      custom_id: shareId(
        answer.locale,
        answer.kind === 'provider' ? answer.provider.id : undefined,
      ),
    };
  }
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: label('button.pin'),
    emoji: { name: PIN_EMOJI },
    custom_id: pinId(
      answer.locale,
      answer.kind === 'provider' ? answer.provider.id : undefined,
      options.lead,
    ),
  };
}

function sourceButtons(answer: ProviderAnswer): APIButtonComponent[] {
  const seen = new Set<string>();
  const buttons: APIButtonComponent[] = [];
  for (const source of answer.findings.flatMap((f) => f.sources)) {
    if (seen.has(source.url) || source.url.length > LINK_BUTTON_URL_MAX) continue;
    seen.add(source.url);
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: truncate(source.publisher, BUTTON_LABEL_MAX),
      url: source.url,
    });
    if (buttons.length === SOURCE_LINK_BUTTONS_MAX) break;
  }
  return buttons;
}

function providerEmbed(answer: ProviderAnswer): APIEmbed {
  const several = answer.findings.length > 1;
  const blocks = answer.findings.map((f) => {
    const lines: string[] = [];
    const status = qualifiedStatus(f);
    if (f.subject) lines.push(`${f.emoji} **${escapeMarkdown(f.subject)}** · ${status}`);
    else if (several) lines.push(`${f.emoji} **${status}**`);
    lines.push(f.summary, '', f.details, `*${f.asOfText}*`);
    return lines.join('\n');
  });
  // A text shown in English because its translation is missing or stale says so.
  if (answer.notice) blocks.push(`-# 🔤 ${answer.notice}`);
  const fields: APIEmbedField[] = answer.findings.map((f) => {
    const about = f.subject ?? f.statusLabel;
    const lines = f.sources.map((s) => {
      return `• ${maskedLink(s.title, s.url)} · ${escapeMarkdown(sourceMeta(s))}`;
    });
    return {
      name: several ? `${answer.sourcesLabel} · ${about}` : answer.sourcesLabel,
      value: fitLines(lines, EMBED_FIELD_VALUE_MAX),
    };
  });
  return {
    title: `${answer.emoji} ${answer.title}`,
    color: answer.color,
    description: blocks.join('\n\n'),
    fields,
    footer: { text: answer.footer },
  };
}

/**
 * A hundred providers one per line would not fit an embed: past a few, list them by status,
 * one line each ("🟢 Runs vLLM in production: A, B, C").
 */
function byStatus(providers: readonly ProviderSummary[]): string[] {
  const groups = new Map<string, { head: ProviderSummary; names: string[] }>();
  for (const p of providers) {
    const group = groups.get(p.status) ?? { head: p, names: [] };
    group.names.push(escapeMarkdown(p.name));
    groups.set(p.status, group);
  }
  return STATUSES.flatMap((status) => {
    const group = groups.get(status);
    return group
      ? [`${group.head.emoji} **${group.head.statusLabel}**: ${group.names.join(', ')}`]
      : [];
  });
}

const ONE_PER_LINE_MAX = 10;

function listEmbed(
  title: string,
  intro: string,
  providers: readonly ProviderSummary[],
  footer?: string,
): APIEmbed {
  const lines =
    providers.length <= ONE_PER_LINE_MAX ? providers.map(summaryLine) : byStatus(providers);
  return {
    title,
    color: LIST_COLOR,
    description: fitLines([intro, '', ...lines], EMBED_DESCRIPTION_MAX),
    ...(footer ? { footer: { text: footer } } : {}),
  };
}

/** The core echoes the query inside its message; show that part literally. */
function suggestionIntro(answer: SuggestionAnswer): string {
  if (!answer.query) return answer.message;
  const escaped = escapeUserText(answer.query);
  return answer.message.replace(answer.query, () => escaped);
}

function pickButtons(answer: SuggestionAnswer, isPrivate: boolean): APIButtonComponent[] {
  return answer.suggestions.map((s) => ({
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: truncate(s.name, BUTTON_LABEL_MAX),
    emoji: { name: s.emoji },
    custom_id: pickId(answer.locale, isPrivate, s.id),
  }));
}

function message(
  embed: APIEmbed,
  buttons: APIButtonComponent[],
  ephemeral: boolean,
  content?: string,
): DiscordMessage {
  return {
    ...(content ? { content: truncate(content, MESSAGE_CONTENT_MAX) } : {}),
    embeds: [fitEmbed(embed)],
    components: rows(buttons),
    allowedMentions: noMentions(),
    ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

function buildAnswer(answer: Answer, options: RenderOptions): DiscordMessage {
  const replyTo = options.replyTo ? `${REPLY_MARK} ${options.replyTo}` : undefined;
  switch (answer.kind) {
    case 'provider':
      return message(
        providerEmbed(answer),
        [actionButton(answer, options), ...sourceButtons(answer)],
        options.private,
        replyTo,
      );
    case 'overview':
      return message(
        listEmbed(answer.title, answer.message, answer.providers, answer.footer),
        [actionButton(answer, options)],
        options.private,
        replyTo,
      );
    case 'ambiguous':
      return message(
        listEmbed(answer.title, suggestionIntro(answer), answer.suggestions),
        pickButtons(answer, options.private),
        true,
      );
    case 'not-found':
      return message(
        listEmbed(answer.title, suggestionIntro(answer), answer.suggestions),
        [],
        true,
      );
  }
}

interface Rendered {
  catalog: Catalog;
  messages: Partial<Record<'public' | 'private', DiscordMessage>>;
  /** Community rows that carry no query, by privacy and issue URL (null: no row). */
  rows: Map<string, ButtonRow | null>;
}

// The core hands out the same Answer object for the same provider and locale, so its
// rendering can be kept with it and dropped with it.
const renderedAnswers = new WeakMap<Answer, Rendered>();

/**
 * Real answers (a provider, the overview) are public unless asked privately; misses
 * (ambiguous, not found) are always private, with "did you mean" buttons when ambiguous.
 * Returns a fresh top-level object: discord.js writes into the options it is given.
 */
export function renderAnswer(answer: Answer, options: RenderOptions): DiscordMessage {
  if (options.replyTo) return withCommunityRow(buildAnswer(answer, options), answer, options);
  let entry = renderedAnswers.get(answer);
  if (!entry || entry.catalog !== options.catalog) {
    entry = { catalog: options.catalog, messages: {}, rows: new Map() };
    renderedAnswers.set(answer, entry);
  }
  const key = options.private ? 'private' : 'public';
  const message = (entry.messages[key] ??= buildAnswer(answer, options));
  return withCommunityRow({ ...message }, answer, options, entry);
}

/**
 * "In my language" (public answers), "Report / suggest a source" (provider answers, when a
 * report channel is set) and the REPORT_ISSUE_URL link (provider and not-found answers), in a
 * row of their own. Built per reply, outside the cache: the Report button carries the query.
 */
function communityButtons(answer: Answer, options: RenderOptions): APIButtonComponent[] {
  const label = (key: 'button.inMyLanguage' | 'button.report' | 'report.link') =>
    truncate(translate(options.catalog, answer.locale, key), BUTTON_LABEL_MAX);
  const buttons: APIButtonComponent[] = [];
  const isPublic = !options.private && (answer.kind === 'provider' || answer.kind === 'overview');
  if (isPublic) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: label('button.inMyLanguage'),
      emoji: { name: MINE_EMOJI },
      custom_id: mineId(answer.kind === 'provider' ? answer.provider.id : undefined),
    });
  }
  if (answer.kind === 'provider' && options.reports?.button) {
    const ref: ReportRef = {
      locale: answer.locale,
      providerId: answer.provider.id,
      query: options.query ?? answer.provider.id,
    };
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: label('button.report'),
      emoji: { name: REPORT_EMOJI },
      custom_id: reportId(ref),
    });
  }
  const issueUrl = options.reports?.issueUrl;
  const linked = answer.kind === 'provider' || answer.kind === 'not-found';
  if (linked && issueUrl && issueUrl.length <= LINK_BUTTON_URL_MAX) {
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: label('report.link'),
      url: issueUrl,
    });
  }
  return buttons;
}

function communityRow(answer: Answer, options: RenderOptions): ButtonRow | undefined {
  const buttons = communityButtons(answer, options);
  return buttons.length === 0 ? undefined : rows(buttons)[0];
}

/** The community row, kept with a cached answer unless its Report button carries the query. */
function cachedCommunityRow(
  answer: Answer,
  options: RenderOptions,
  entry: Rendered,
): ButtonRow | undefined {
  if (answer.kind === 'provider' && options.reports?.button) return communityRow(answer, options);
  const key = `${options.private ? 'private' : 'public'} ${options.reports?.issueUrl ?? ''}`;
  let row = entry.rows.get(key);
  if (row === undefined) {
    row = communityRow(answer, options) ?? null;
    entry.rows.set(key, row);
  }
  return row ?? undefined;
}

function withCommunityRow(
  message: DiscordMessage,
  answer: Answer,
  options: RenderOptions,
  entry?: Rendered,
): DiscordMessage {
  if (message.components.length >= ACTION_ROWS_MAX) return message;
  const row = entry ? cachedCommunityRow(answer, options, entry) : communityRow(answer, options);
  return row ? { ...message, components: [...message.components, row] } : message;
}

/** The "Report / suggest a source" modal, in the reporter's language. */
export function renderReportModal(
  catalog: Catalog,
  locale: Locale,
  ref: ReportRef,
  whatMax: number,
): APIModalInteractionResponseCallbackData {
  const t = (key: Parameters<typeof translate>[2]) => translate(catalog, locale, key);
  return {
    custom_id: reportModalId(ref),
    title: truncate(t('report.modal.title'), MODAL_TITLE_MAX),
    components: [
      {
        type: ComponentType.Label,
        label: truncate(t('report.modal.what'), LABEL_TEXT_MAX),
        component: {
          type: ComponentType.TextInput,
          custom_id: REPORT_FIELD_WHAT,
          style: TextInputStyle.Paragraph,
          required: true,
          max_length: whatMax,
          placeholder: truncate(t('report.modal.whatPlaceholder'), TEXT_INPUT_PLACEHOLDER_MAX),
        },
      },
      {
        type: ComponentType.Label,
        label: truncate(t('report.modal.source'), LABEL_TEXT_MAX),
        component: {
          type: ComponentType.TextInput,
          custom_id: REPORT_FIELD_SOURCE,
          style: TextInputStyle.Short,
          required: false,
          max_length: SOURCE_URL_MAX,
          placeholder: 'https://',
        },
      },
    ],
  };
}

/** The modal's text inputs. */
export const REPORT_FIELD_WHAT = 'what';
export const REPORT_FIELD_SOURCE = 'source';

/** A private note with one link button (the thank-you with its pre-filled issue). */
export function renderNoticeWithLink(text: string, label: string, url: string): DiscordMessage {
  const notice = renderNotice(text);
  if (url.length > LINK_BUTTON_URL_MAX) return notice;
  return {
    ...notice,
    components: rows([
      {
        type: ComponentType.Button,
        style: ButtonStyle.Link,
        label: truncate(label, BUTTON_LABEL_MAX),
        url,
      },
    ]),
  };
}

export interface ReportPostInput {
  catalog: Catalog;
  report: Report;
  providerName: string;
  issueUrl?: string;
}

/**
 * The operators' copy of a report, as a REST body for POST /channels/{id}/messages. In the
 * fallback language (operators share no single language with reporters). Nothing in it can
 * ping: allowed_mentions is empty and every user-written text is escaped; the reporter is
 * named as plain text with their id, never as a <@id> mention.
 */
export function renderReportPost(input: ReportPostInput): RESTPostAPIChannelMessageJSONBody {
  const { catalog, report } = input;
  const t = (key: Parameters<typeof translate>[2], vars?: Record<string, string>) =>
    translate(catalog, FALLBACK_LOCALE, key, vars);
  const reporter = `${report.reporterName} (${report.reporterId})`;
  const fields: APIEmbedField[] = [
    {
      name: '\u200b',
      value: truncate(
        escapeUserText(
          t('report.post.body', { query: report.query, locale: report.locale, reporter }),
        ),
        EMBED_FIELD_VALUE_MAX,
      ),
    },
  ];
  if (report.sourceUrl) {
    fields.push({
      name: t('report.modal.source'),
      value: truncate(escapeMarkdown(report.sourceUrl), EMBED_FIELD_VALUE_MAX),
    });
  }
  const embed: APIEmbed = {
    title: t('report.post.title', { provider: input.providerName }),
    color: REPORT_COLOR,
    description: escapeUserText(report.whatIsWrong),
    fields,
    footer: { text: `${report.platform} · ${report.id}` },
  };
  const issueUrl = input.issueUrl;
  return {
    embeds: [fitEmbed(embed)],
    components:
      issueUrl && issueUrl.length <= LINK_BUTTON_URL_MAX
        ? rows([
            {
              type: ComponentType.Button,
              style: ButtonStyle.Link,
              label: truncate(t('report.issueLink'), BUTTON_LABEL_MAX),
              url: issueUrl,
            },
          ])
        : [],
    allowed_mentions: { parse: [] },
  };
}

/** A short private explanation: errors, rate limits, pin results. */
export function renderNotice(text: string): DiscordMessage {
  return {
    content: truncate(text, MESSAGE_CONTENT_MAX),
    embeds: [],
    components: [],
    allowedMentions: noMentions(),
    flags: MessageFlags.Ephemeral,
  };
}

/** Edits and in-place updates cannot change a message's flags: leave them out. */
export function forEdit(message: DiscordMessage): Omit<DiscordMessage, 'flags'> {
  const rest = { ...message };
  delete rest.flags;
  return rest;
}

/** Autocomplete for the provider option: what the core ranks, with the localised status. */
export function renderProviderChoices(summaries: readonly ProviderSummary[]): Choice[] {
  return summaries
    .filter((s) => s.id.length <= CHOICE_VALUE_MAX)
    .slice(0, AUTOCOMPLETE_CHOICES_MAX)
    .map((s) => ({
      name: truncate(`${s.emoji} ${s.name} — ${s.statusLabel}`, CHOICE_NAME_MAX),
      value: s.id,
    }));
}

/** Autocomplete for the language option: each locale under its own name. */
export function renderLanguageChoices(
  languages: readonly { locale: Locale; name: string }[],
): Choice[] {
  return languages.slice(0, AUTOCOMPLETE_CHOICES_MAX).map((l) => ({
    name: truncate(`${l.name} (${l.locale})`, CHOICE_NAME_MAX),
    value: l.locale,
  }));
}
