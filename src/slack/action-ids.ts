import { z } from 'zod';
import { LocaleSchema, type Locale } from '../core/locales.js';

/** The slash command, as declared in commands/slack-manifest.json. */
export const SLASH_COMMAND = '/vllm';

/** "Share in channel" on a private answer. */
export const ACTION_SHARE = 'vllm_share';
/** "Pin" on a shared answer. */
export const ACTION_PIN = 'vllm_pin';
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
