import { describe, expect, it } from 'vitest';
import { languageOverride, parseCommand } from '../../src/slack/parse-command.js';

describe('parseCommand', () => {
  it.each([
    ['deepseek', { query: 'deepseek' }],
    ['  deep   seek  ', { query: 'deep seek' }],
    ['deepseek lang:de', { query: 'deepseek', language: 'de' }],
    ['lang=pt-BR deepseek', { query: 'deepseek', language: 'pt-BR' }],
    ['deep lang:ja seek', { query: 'deep seek', language: 'ja' }],
    ['LANG: zh_TW kimi', { query: 'kimi', language: 'zh_TW' }],
    ['openai lang:es-419', { query: 'openai', language: 'es-419' }],
    ['openai lang:de lang:fr', { query: 'openai', language: 'fr' }],
    ['slang:de', { query: 'slang:de' }],
    ['lang:deutsch openai', { query: 'lang:deutsch openai' }],
    ['lang: openai', { query: 'lang: openai' }],
  ])('%j', (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each(['', '   ', 'help', 'HELP', 'list', ' List ', '?', 'lang:de', 'help lang:ja'])(
    '%j asks for the overview',
    (text) => {
      expect(parseCommand(text).query).toBe('');
    },
  );

  it('keeps the language of an overview request', () => {
    expect(parseCommand('help lang:ja')).toEqual({ query: '', language: 'ja' });
  });

  it('reads text Slack sent escaped as typed', () => {
    expect(parseCommand('&lt;!channel&gt; AT&amp;T').query).toBe('<!channel> AT&T');
  });

  it('is not fooled into a language by a word that only starts like one', () => {
    expect(parseCommand('language:de openai')).toEqual({ query: 'language:de openai' });
  });
});

describe('languageOverride', () => {
  it.each([
    ['de', 'de'],
    ['de-AT', 'de'],
    ['ja', 'ja'],
    ['pt', 'pt-BR'],
    ['es-LA', 'es-419'],
    ['zh_TW', 'zh-TW'],
    ['en', 'en-US'],
    ['en-AU', 'en-GB'],
  ] as const)('%s → %s', (tag, locale) => {
    expect(languageOverride(tag)).toBe(locale);
  });

  it.each(['xx', 'qq-ZZ', 'zz'])('ignores %s, a language the bot does not speak', (tag) => {
    expect(languageOverride(tag)).toBeUndefined();
  });

  it('is undefined without a tag', () => {
    expect(languageOverride(undefined)).toBeUndefined();
  });
});
