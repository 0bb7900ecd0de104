import type { Locale } from './locales.js';

// Intl constructors cost tens of microseconds; answers are composed far more often.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

const PRECISION: Record<number, Intl.DateTimeFormatOptions> = {
  3: { dateStyle: 'long' },
  2: { year: 'numeric', month: 'long' },
  1: { year: 'numeric' },
};

/** Formats YYYY-MM-DD, YYYY-MM or YYYY, saying no more than the date does. */
export function formatDate(isoDate: string, locale: Locale): string {
  const parts = isoDate.split('-');
  const key = `${locale}:${parts.length}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...PRECISION[parts.length], timeZone: 'UTC' });
    dateFormats.set(key, format);
  }
  const [year, month = '01', day = '01'] = parts;
  return format.format(new Date(`${year}-${month}-${day}T00:00:00Z`));
}

export function formatList(
  items: readonly string[],
  locale: Locale,
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  const key = `${locale}:${type}`;
  let format = listFormats.get(key);
  if (!format) {
    format = new Intl.ListFormat(locale, { style: 'long', type });
    listFormats.set(key, format);
  }
  return format.format(items);
}
