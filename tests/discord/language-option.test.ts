import { ownTranslation } from '../../src/core/i18n.js';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../src/core/locales.js';
import { languageChoices, languageName, parseLanguage } from '../../src/discord/language-option.js';
import { realKnowledge } from '../helpers/context.js';

const catalog = realKnowledge().catalog;

describe('the language option', () => {
  it('lists the asker’s own language first, each language under its own name', () => {
    const choices = languageChoices(catalog, '', 'ja');
    expect(choices).toHaveLength(SUPPORTED_LOCALES.length);
    expect(choices[0]).toEqual({ locale: 'ja', name: languageName(catalog, 'ja') });
    expect(languageName(catalog, 'de')).toBe(ownTranslation(catalog, 'de', 'language.name'));
  });

  it('filters by code, own name and English name', () => {
    expect(languageChoices(catalog, 'pt', 'en-US').map((c) => c.locale)).toContain('pt-BR');
    expect(languageChoices(catalog, 'deutsch', 'en-US').map((c) => c.locale)).toEqual(['de']);
    expect(languageChoices(catalog, 'japanese', 'en-US').map((c) => c.locale)).toEqual(['ja']);
    expect(languageChoices(catalog, 'zz-nothing', 'en-US')).toEqual([]);
  });

  it('understands a typed value that was not picked from the list', () => {
    expect(parseLanguage(catalog, 'zh-TW')).toBe('zh-TW');
    expect(parseLanguage(catalog, 'Deutsch')).toBe('de');
    expect(parseLanguage(catalog, 'french')).toBe('fr');
    expect(parseLanguage(catalog, 'pt_PT')).toBe('pt-BR');
    expect(parseLanguage(catalog, 'en-AU')).toBe('en-GB');
    expect(parseLanguage(catalog, 'klingon')).toBeUndefined();
    expect(parseLanguage(catalog, '')).toBeUndefined();
    expect(parseLanguage(catalog, null)).toBeUndefined();
  });
});
