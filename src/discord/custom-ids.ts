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
 */
export type ButtonAction =
  | { action: 'pick'; locale: Locale; private: boolean; providerId: string }
  | { action: 'share'; locale: Locale; providerId: string | undefined }
  | { action: 'pin'; shows?: PinnedRef & { locale: Locale } };

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

/** The Pin button under a public answer: says which answer it is on. */
export function pinId(locale: Locale, providerId: string | undefined, lead = 0): string {
  return checked(`${PIN_ID}:${locale}:${lead}:${providerId ?? OVERVIEW_PIN}`);
}

/** The action a button stands for, or undefined for an id this bot did not make. */
export function parseButtonId(customId: string): ButtonAction | undefined {
  const [prefix, action, locale, ...rest] = customId.split(':');
  if (prefix !== PREFIX) return undefined;
  if (action === 'pin' && locale === undefined) return { action: 'pin' };
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
