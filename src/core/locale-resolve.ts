import { match } from '@formatjs/intl-localematcher';
import { FALLBACK_LOCALE, SUPPORTED_LOCALES, type Locale } from './locales.js';

const byLowerCase = new Map<string, Locale>(SUPPORTED_LOCALES.map((l) => [l.toLowerCase(), l]));

// Slack names Latin American Spanish "es-LA"; LA is not a region, so no matcher knows it.
const NON_STANDARD: Record<string, Locale> = { 'es-la': 'es-419' };

// CLDR matching costs tens of microseconds; the same few tags arrive again and again.
const memo = new Map<string, Locale>();
const MEMO_SIZE = 1_000;

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
  // Platforms send the same few tags verbatim: skip the cleaning for one already seen.
  const seen = memo.get(tag);
  if (seen) return seen;
  const cleaned = (tag.trim().split('.')[0] ?? '').replace(/_/g, '-');
  const lower = cleaned.toLowerCase();
  const locale =
    byLowerCase.get(lower) ?? NON_STANDARD[lower] ?? memo.get(lower) ?? negotiate(cleaned);
  if (memo.size >= MEMO_SIZE) memo.delete(memo.keys().next().value!);
  memo.set(tag, locale);
  memo.set(lower, locale);
  return locale;
}
