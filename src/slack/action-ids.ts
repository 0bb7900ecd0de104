import { z } from 'zod';
import { LocaleSchema, type Locale } from '../core/locales.js';

/** The slash command, as declared in commands/slack-manifest.json. */
export const SLASH_COMMAND = '/vllm';

/** "Share in channel" on a private answer. */
export const ACTION_SHARE = 'vllm_share';
/** "Pin" on a shared answer. */
export const ACTION_PIN = 'vllm_pin';
/** "In my language" on a shared answer: a private copy in the clicker's language. */
export const ACTION_MINE = 'vllm_mine';
/** "Report / suggest a source" on a provider answer: opens the report modal. */
export const ACTION_REPORT = 'vllm_report';
/** Link buttons (the issue link): Slack still sends the click, which only needs an ack. */
export const ACTION_LINK = 'vllm_link';
/** The report modal's callback_id. */
export const VIEW_REPORT = 'vllm_report_view';
/** Its input blocks (block_id = action_id). */
export const REPORT_INPUT_WHAT = 'what';
export const REPORT_INPUT_SOURCE = 'source';
/** One per candidate provider; action_ids must be unique within a message. */
export const ACTION_PICK_PREFIX = 'vllm_pick:';
export const ACTION_PICK = /^vllm_pick:/;

export function pickActionId(providerId: string): string {
  return `${ACTION_PICK_PREFIX}${providerId}`;
}

/**
 * What a button stands for: enough to compose the answer again, in the same language,
 * without asking Slack for anything. Stored as the button's `value`.
 */
export type AnswerRef =
  { kind: 'provider'; id: string; locale: Locale } | { kind: 'overview'; locale: Locale };

const AnswerRefSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('p'), id: z.string().min(1).max(100), l: LocaleSchema }),
  z.object({ k: z.literal('o'), l: LocaleSchema }),
]);

export function encodeRef(ref: AnswerRef): string {
  return JSON.stringify(
    ref.kind === 'provider' ? { k: 'p', id: ref.id, l: ref.locale } : { k: 'o', l: ref.locale },
  );
}

/** Undefined for anything this adapter did not write (old messages, tampered payloads). */
export function decodeRef(value: string | undefined): AnswerRef | undefined {
  if (!value) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = AnswerRefSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const v = parsed.data;
  return v.k === 'p'
    ? { kind: 'provider', id: v.id, locale: v.l }
    : { kind: 'overview', locale: v.l };
}

/** What a report is about: the Report button's value. */
export interface ReportButtonRef {
  id: string;
  /** The language of the reported answer. */
  locale: Locale;
  query: string;
}

/** What the report modal carries (`private_metadata`): the button's ref, and where to thank. */
export interface ReportViewRef extends ReportButtonRef {
  /** The channel the button was clicked in (for chat.postEphemeral), if any. */
  channel?: string;
}

/** A query carried in a button or view: one line, at most this long (values allow 2,000). */
export const REF_QUERY_MAX = 200;

const ReportRefSchema = z.object({
  id: z.string().min(1).max(100),
  l: LocaleSchema,
  // Code points are cut to REF_QUERY_MAX; each is at most two UTF-16 units.
  q: z.string().max(REF_QUERY_MAX * 2),
  c: z.string().max(40).optional(),
});

function cutQuery(query: string): string {
  const line = query.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\s]+/gu, ' ').trim();
  return [...line].slice(0, REF_QUERY_MAX).join('');
}

export function encodeReportRef(ref: ReportViewRef): string {
  return JSON.stringify({
    id: ref.id,
    l: ref.locale,
    q: cutQuery(ref.query),
    ...(ref.channel ? { c: ref.channel } : {}),
  });
}

export function decodeReportRef(value: string | undefined): ReportViewRef | undefined {
  if (!value) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = ReportRefSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const v = parsed.data;
  return { id: v.id, locale: v.l, query: v.q, ...(v.c ? { channel: v.c } : {}) };
}
