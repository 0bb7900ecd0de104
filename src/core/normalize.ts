// Letters that do not decompose under NFD but that people type without their mark.
const FOLD: Record<string, string> = {
  ł: 'l',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ı: 'i',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
};
const FOLD_PATTERN = new RegExp(`[${Object.keys(FOLD).join('')}]`, 'gu');

// Marks are stripped only after alphabetic scripts: in Devanagari or Thai they are vowels.
const LATIN_MARKS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const SEPARATORS = /[\p{Z}\p{P}\p{S}\p{Cc}\p{Cf}\s]+/gu;

/**
 * Folds case, width, diacritics and punctuation so `Deep-Seek`, `ＤＥＥＰＳＥＥＫ` and
 * `deep seek` compare equal. Words stay separated by single spaces.
 */
export function normalize(text: string): string {
  const folded = text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(LATIN_MARKS, '$1')
    .normalize('NFC')
    .replace(FOLD_PATTERN, (c) => FOLD[c] ?? c);
  return folded.replace(SEPARATORS, ' ').trim();
}

/** The key for exact look-ups: normalised, with no separators at all. */
export function compact(text: string): string {
  return normalize(text).replace(/ /g, '');
}

const HAN_OR_KANA = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Scripts written without spaces, where a name can sit inside a longer run of text. */
export function hasUnspacedScript(text: string): boolean {
  return HAN_OR_KANA.test(text);
}
