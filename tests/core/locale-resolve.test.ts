import { describe, expect, it } from 'vitest';
import { resolveLocale } from '../../src/core/locale-resolve.js';
import { SUPPORTED_LOCALES } from '../../src/core/locales.js';

describe('resolveLocale', () => {
  it.each(SUPPORTED_LOCALES.map((l) => [l]))('keeps the Discord locale %s', (locale) => {
    expect(resolveLocale(locale)).toBe(locale);
  });

  it.each([
    ['de-DE', 'de'],
    ['de-AT', 'de'],
    ['es-LA', 'es-419'],
    ['es-MX', 'es-419'],
    ['es-ES', 'es-ES'],
    ['es', 'es-ES'],
    ['ja-JP', 'ja'],
    ['zh-TW', 'zh-TW'],
    ['zh-HK', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hans-SG', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['pt-PT', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['en-AU', 'en-GB'],
    ['en-IN', 'en-GB'],
    ['en', 'en-US'],
    ['EN-us', 'en-US'],
    ['en_GB', 'en-GB'],
    ['nb-NO', 'no'],
    ['nn', 'no'],
    ['sv', 'sv-SE'],
    ['fr-CA', 'fr'],
    ['ko-KR', 'ko'],
    ['uk-UA', 'uk'],
    ['de_DE.UTF-8', 'de'],
  ])('maps %s to %s', (tag, expected) => {
    expect(resolveLocale(tag)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['und'],
    ['und-Latn'],
    ['xx'],
    ['klingon'],
    ['123'],
    ['@@'],
    ['de--DE'],
    [undefined],
    [null],
  ])('falls back to en-US for %j', (tag) => {
    expect(resolveLocale(tag)).toBe('en-US');
  });
});
