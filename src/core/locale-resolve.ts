import { FALLBACK_LOCALE, SUPPORTED_LOCALES, type Locale } from './locales.js';

const byLowerCase = new Map<string, Locale>(SUPPORTED_LOCALES.map((l) => [l.toLowerCase(), l]));

// Where the language subtag alone is not enough to pick one of our locales.
const BY_LANGUAGE: Record<string, Locale> = {
  en: 'en-US',
  es: 'es-ES',
  pt: 'pt-BR',
  sv: 'sv-SE',
  nb: 'no',
  nn: 'no',
  no: 'no',
  zh: 'zh-CN',
};

// Spanish outside Spain, as Slack ("es-LA") and BCP 47 regions name it.
const LATIN_AMERICAN_SPANISH = new Set([
  'la',
  '419',
  'mx',
  'ar',
  'co',
  'cl',
  'pe',
  've',
  'ec',
  'gt',
  'cu',
  'bo',
  'do',
  'hn',
  'py',
  'sv',
  'ni',
  'cr',
  'pa',
  'uy',
  'pr',
  'us',
]);
const TRADITIONAL_CHINESE_REGIONS = new Set(['tw', 'hk', 'mo']);

function parse(tag: string): Intl.Locale | undefined {
  try {
    return new Intl.Locale(tag.replace(/_/g, '-'));
  } catch {
    return undefined;
  }
}

function resolveChinese(loc: Intl.Locale): Locale {
  const script = loc.script?.toLowerCase();
  if (script === 'hant') return 'zh-TW';
  if (script === 'hans') return 'zh-CN';
  return TRADITIONAL_CHINESE_REGIONS.has(loc.region?.toLowerCase() ?? '') ? 'zh-TW' : 'zh-CN';
}

/**
 * Maps any language tag (Discord, Slack, BCP 47, POSIX-ish) to the closest supported locale.
 * Unknown or malformed input resolves to the fallback, never throws.
 */
export function resolveLocale(tag: string | null | undefined): Locale {
  if (!tag) return FALLBACK_LOCALE;
  const trimmed = tag.trim().split('.')[0] ?? '';
  const exact = byLowerCase.get(trimmed.toLowerCase().replace(/_/g, '-'));
  if (exact) return exact;

  const loc = parse(trimmed);
  // "und" parses but has no language (ICU reports undefined despite the typings).
  const language = loc?.language?.toLowerCase();
  if (!loc || !language) return FALLBACK_LOCALE;
  const region = loc.region?.toLowerCase() ?? '';

  if (language === 'zh') return resolveChinese(loc);
  if (language === 'en') return region === 'us' || region === '' ? 'en-US' : enVariant(region);
  if (language === 'es') return LATIN_AMERICAN_SPANISH.has(region) ? 'es-419' : 'es-ES';

  const withRegion = byLowerCase.get(`${language}-${region}`);
  if (withRegion) return withRegion;
  return byLowerCase.get(language) ?? BY_LANGUAGE[language] ?? FALLBACK_LOCALE;
}

// British spelling for the Commonwealth, American elsewhere.
function enVariant(region: string): Locale {
  return ['us', 'ph', 'pr', 'um', 'as', 'gu', 'vi', 'mp'].includes(region) ? 'en-US' : 'en-GB';
}
