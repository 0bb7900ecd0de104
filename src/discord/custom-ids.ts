import { isLocale, type Locale } from '../core/locales.js';
import { CUSTOM_ID_MAX } from './limits.js';

/**
 * Button custom_ids carry everything a click needs, so no state is kept between an answer
 * and a click (the bot may have restarted in between):
 *   vllm:pick:<locale>:<p|v>:<providerId>   "did you mean" choice; p = private, v = visible
 *   vllm:share:<locale>:<providerId>        post a private answer publicly; empty id = overview
 *   vllm:pin                                pin the message the button is on
 */
export type ButtonAction =
  | { action: 'pick'; locale: Locale; private: boolean; providerId: string }
  | { action: 'share'; locale: Locale; providerId: string | undefined }
  | { action: 'pin' };

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

/** The action a button stands for, or undefined for an id this bot did not make. */
export function parseButtonId(customId: string): ButtonAction | undefined {
  const [prefix, action, locale, ...rest] = customId.split(':');
  if (prefix !== PREFIX) return undefined;
  if (action === 'pin' && locale === undefined) return { action: 'pin' };
  if (locale === undefined || !isLocale(locale)) return undefined;
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
