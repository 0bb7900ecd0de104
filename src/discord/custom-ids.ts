import { isLocale, type Locale } from '../core/locales.js';
import { OVERVIEW_PIN, type PinnedRef } from '../core/pinned-answer.js';
import { CUSTOM_ID_MAX } from './limits.js';

/**
 * Button custom_ids carry everything a click needs, so no state is kept between an answer
 * and a click (the bot may have restarted in between):
 *   vllm:pick:<locale>:<p|v>:<providerId>   "did you mean" choice; p = private, v = visible
 *   vllm:share:<locale>:<providerId>        post a private answer publicly; empty id = overview
 *   vllm:pin:<locale>:<lead>:<providerId>   pin the message the button is on; `*` = overview.
 *                                           The rest says what it shows, so the pin can be
 *                                           kept true (see docs/pinned-answers.md)
 *   vllm:pin                                the same, on answers posted before that
 *   vllm:mine:<providerId>                  "In my language": a private copy for the clicker;
 *                                           empty id = overview
 *   vllm:report:<locale>:<providerId>:<query>   "Report / suggest a source": opens the modal
 * and the report modal itself (its submit comes back with this id):
 *   vllm:rmodal:<locale>:<providerId>:<query>
 * The query is last and may hold ':'; it is cut so the id stays within 100 characters.
 */
export type ButtonAction =
  | { action: 'pick'; locale: Locale; private: boolean; providerId: string }
  | { action: 'share'; locale: Locale; providerId: string | undefined }
  | { action: 'pin'; shows?: PinnedRef & { locale: Locale } }
  | { action: 'mine'; providerId: string | undefined }
  | ({ action: 'report' } & ReportRef);

/** What a report is about: carried by the Report button and by its modal. */
export interface ReportRef {
  /** The language of the reported answer. */
  locale: Locale;
  providerId: string;
  /** What was asked, as far as it fits. */
  query: string;
}

const PREFIX = 'vllm';
const PROVIDER_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function checked(id: string): string {
  if (id.length > CUSTOM_ID_MAX) throw new Error(`custom_id longer than ${CUSTOM_ID_MAX}: ${id}`);
  return id;
}

export function pickId(locale: Locale, isPrivate: boolean, providerId: string): string {
  return checked(`${PREFIX}:pick:${locale}:${isPrivate ? 'p' : 'v'}:${providerId}`);
}

export function shareId(locale: Locale, providerId: string | undefined): string {
  return checked(`${PREFIX}:share:${locale}:${providerId ?? ''}`);
}

export const PIN_ID = `${PREFIX}:pin`;

export function mineId(providerId: string | undefined): string {
  return checked(`${PREFIX}:mine:${providerId ?? ''}`);
}

/** Control characters out, whitespace collapsed: the query as one line of text. */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function withQuery(head: string, query: string): string {
  let room = CUSTOM_ID_MAX - head.length;
  let out = '';
  for (const char of oneLine(query)) {
    if (char.length > room) break;
    out += char;
    room -= char.length;
  }
  return checked(`${head}${out}`);
}

export function reportId(ref: ReportRef): string {
  return withQuery(`${PREFIX}:report:${ref.locale}:${ref.providerId}:`, ref.query);
}

export function reportModalId(ref: ReportRef): string {
  return withQuery(`${PREFIX}:rmodal:${ref.locale}:${ref.providerId}:`, ref.query);
}

function parseReportRef(locale: string, rest: string[]): ReportRef | undefined {
  const [providerId, ...query] = rest;
  if (!isLocale(locale) || providerId === undefined || !PROVIDER_ID.test(providerId)) {
    return undefined;
  }
  return { locale, providerId, query: query.join(':') };
}

/** The report a modal submit is about, or undefined for a modal this bot did not make. */
export function parseReportModalId(customId: string): ReportRef | undefined {
  const [prefix, kind, locale, ...rest] = customId.split(':');
  if (prefix !== PREFIX || kind !== 'rmodal' || locale === undefined) return undefined;
  return parseReportRef(locale, rest);
}

/** The Pin button under a public answer: says which answer it is on. */
export function pinId(locale: Locale, providerId: string | undefined, lead = 0): string {
  return checked(`${PIN_ID}:${locale}:${lead}:${providerId ?? OVERVIEW_PIN}`);
}

/** The action a button stands for, or undefined for an id this bot did not make. */
export function parseButtonId(customId: string): ButtonAction | undefined {
  const [prefix, action, locale, ...rest] = customId.split(':');
  if (prefix !== PREFIX) return undefined;
  if (action === 'pin' && locale === undefined) return { action: 'pin' };
  if (action === 'mine' && locale !== undefined && rest.length === 0) {
    if (locale !== '' && !PROVIDER_ID.test(locale)) return undefined;
    return { action: 'mine', providerId: locale || undefined };
  }
  if (action === 'report' && locale !== undefined) {
    const ref = parseReportRef(locale, rest);
    return ref ? { action: 'report', ...ref } : undefined;
  }
  if (locale === undefined || !isLocale(locale)) return undefined;
  if (action === 'pin' && rest.length === 2) {
    const [lead, providerId] = rest as [string, string];
    if (!/^\d{1,3}$/.test(lead)) return undefined;
    if (providerId !== OVERVIEW_PIN && !PROVIDER_ID.test(providerId)) return undefined;
    return { action: 'pin', shows: { locale, lead: Number(lead), providerId } };
  }
  if (action === 'pick' && rest.length === 2) {
    const [visibility, providerId] = rest as [string, string];
    if ((visibility !== 'p' && visibility !== 'v') || !PROVIDER_ID.test(providerId))
      return undefined;
    return { action: 'pick', locale, private: visibility === 'p', providerId };
  }
  if (action === 'share' && rest.length === 1) {
    const providerId = rest[0]!;
    if (providerId !== '' && !PROVIDER_ID.test(providerId)) return undefined;
    return { action: 'share', locale, providerId: providerId || undefined };
  }
  return undefined;
}
