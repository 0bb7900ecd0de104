import { match } from '@formatjs/intl-localematcher';
import { boundedMemo } from './bounded-memo.js';
import { FALLBACK_LOCALE, SUPPORTED_LOCALES, type Locale } from './locales.js';

const byLowerCase = new Map<string, Locale>(SUPPORTED_LOCALES.map((l) => [l.toLowerCase(), l]));

// Slack names Latin American Spanish "es-LA"; LA is not a region, so no matcher knows it.
const NON_STANDARD: Record<string, Locale> = { 'es-la': 'es-419' };

// CLDR matching costs tens of microseconds, and cleaning a tag a few more; platforms send the
// same few tags verbatim again and again.
const memo = boundedMemo<Locale>(1_000);

function negotiate(tag: string): Locale {
  try {
    // CLDR's language-matching data: en-AU → en-GB, zh-HK → zh-TW, nb → no, pt-PT → pt-BR.
    return match([tag], SUPPORTED_LOCALES, FALLBACK_LOCALE, { algorithm: 'best fit' }) as Locale;
  } catch {
    return FALLBACK_LOCALE; // not a well-formed language tag
  }
}

/**
 * Maps any language tag (Discord, Slack, BCP 47, POSIX-ish) to the closest supported locale,
 * with @formatjs/intl-localematcher rather than hand-written region tables. Unknown or
 * malformed input resolves to the fallback, never throws.
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (!tag) return FALLBACK_LOCALE;
  return memo.get(tag, () => {
    const cleaned = (tag.trim().split('.')[0] ?? '').replace(/_/g, '-');
    const lower = cleaned.toLowerCase();
    return byLowerCase.get(lower) ?? NON_STANDARD[lower] ?? negotiate(cleaned);
  });
}
