import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../../src/core/answer-schema.js';
import { echoQuery, MAX_ECHO_LENGTH } from '../../src/core/compose.js';
import { ownTranslation, translate } from '../../src/core/i18n.js';
import { createKnowledge } from '../../src/core/knowledge.js';
import { lookup } from '../../src/core/translations.js';
import { SUPPORTED_LOCALES } from '../../src/core/locales.js';
import { realKnowledge } from '../helpers/context.js';
import { dataset, provider } from '../helpers/dataset-fixture.js';

describe('answers', () => {
  const k = realKnowledge();

  it('answers about DeepSeek in German with its sources and an "as of" date', () => {
    const answer = k.ask('deepsek', 'de');
    expect(answer.kind).toBe('provider');
    if (answer.kind !== 'provider') return;
    expect(answer.provider.id).toBe('deepseek');
    expect(answer.locale).toBe('de');
    expect(answer.statusLabel).toBe(ownTranslation(k.catalog, 'de', 'status.fork'));
    const english = k.providers.find((p) => p.id === 'deepseek')!.findings[0]!.summary;
    expect(answer.findings[0]!.summary).toBe(
      lookup(k.translations, 'de', 'deepseek/0/summary', english).text,
    );
    expect(answer.findings[0]!.summary).not.toBe(english);
    expect(answer.findings[0]!.asOfText).toMatch(/2026/);
    expect(answer.findings[0]!.sources[0]!.url).toMatch(/^https:\/\/github\.com\/deepseek-ai\//);
    expect(answer.footer).toContain('2026');
  });

  it('formats dates for the locale with Intl', () => {
    const de = k.answerFor('deepseek', 'de')!;
    const ja = k.answerFor('deepseek', 'ja')!;
    const expectDe = new Intl.DateTimeFormat('de', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${de.reviewed}T00:00:00Z`),
    );
    expect(de.footer).toContain(expectDe);
    expect(ja.footer).toMatch(/\d{4}年/);
  });

  it('lists ambiguous candidates with a localised disjunction', () => {
    const answer = k.ask('deepseek vs openai', 'en-US');
    expect(answer.kind).toBe('ambiguous');
    if (answer.kind !== 'ambiguous') return;
    expect(answer.suggestions.map((s) => s.id)).toEqual(['deepseek', 'openai']);
    expect(answer.message).toContain('DeepSeek or OpenAI');
  });

  it('offers every known provider when nothing matches', () => {
    const answer = k.ask('qwerty', 'fr');
    expect(answer.kind === 'not-found' || answer.kind === 'ambiguous').toBe(true);
    const none = k.ask('🙂', 'fr');
    expect(none.kind).toBe('not-found');
    if (none.kind !== 'not-found') return;
    expect(none.suggestions).toHaveLength(k.providers.length);
    expect(none.title).toBe(ownTranslation(k.catalog, 'fr', 'notFound.title'));
  });

  it('gives the overview for an empty query', () => {
    const answer = k.ask('', 'ko');
    expect(answer.kind).toBe('overview');
    if (answer.kind !== 'overview') return;
    expect(answer.providers).toHaveLength(k.providers.length);
    expect(answer.title).toContain(String(k.providers.length));
  });

  it('matches the documented JSON contract for every kind and locale', () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const query of ['deepseek', 'openai', 'deepseek vs openai', '🙂', '']) {
        expect(() => AnswerSchema.parse(k.ask(query, locale))).not.toThrow();
      }
    }
  });

  it('falls back to English, with a marker, where a translation is missing or stale', () => {
    const p = provider('alpha');
    p.findings[0]!.summary = 'English summary';
    const loaded = dataset([p]);
    loaded.translations = {
      de: new Map([
        ['alpha/0/summary', { source: 'English summary', text: 'Deutsch', fuzzy: false }],
        ['alpha/0/details', { source: 'alpha details', text: 'Deutsch', fuzzy: false }],
      ]),
      fr: new Map([
        ['alpha/0/summary', { source: 'Old English summary', text: 'Vieux', fuzzy: false }],
      ]),
    };
    const small = createKnowledge(loaded, realKnowledge().catalog);
    const de = small.answerFor('alpha', 'de')!;
    expect(de.findings[0]!.summary).toBe('Deutsch');
    expect(de.notice).toBeUndefined();
    const fr = small.answerFor('alpha', 'fr')!;
    expect(fr.findings[0]!.summary).toBe('English summary');
    expect(fr.findings[0]!.untranslated).toBe(true);
    expect(fr.notice).toBe(translate(realKnowledge().catalog, 'fr', 'answer.untranslated'));
    expect(small.answerFor('alpha', 'en-GB')!.notice).toBeUndefined();
  });

  it('says "secondary sources only" on a strong status without a primary source', () => {
    const p = provider('alpha');
    p.findings[0]!.sources[0]!.primary = false;
    const small = createKnowledge(dataset([p]), realKnowledge().catalog);
    for (const locale of SUPPORTED_LOCALES) {
      const answer = small.answerFor('alpha', locale)!;
      const qualifier = translate(realKnowledge().catalog, locale, 'answer.secondaryOnly');
      expect(answer.qualifier).toBe(qualifier);
      expect(answer.title).toContain(qualifier);
      expect(answer.findings[0]!.evidence).toBe('secondary');
    }
    expect(k.answerFor('ibm', 'de')!.qualifier).toBeTruthy();
    expect(k.answerFor('linkedin', 'de')!.qualifier).toBeUndefined();
  });

  it('dates a finding by its newest dated source, and says when all are undated', () => {
    const p = provider('alpha');
    p.findings[0]!.sources = [
      { ...p.findings[0]!.sources[0]!, date: '2024-03' },
      { ...p.findings[0]!.sources[0]!, url: 'https://example.com/b', date: '2025-06-02' },
    ];
    const undated = provider('beta');
    delete undated.findings[0]!.sources[0]!.date;
    const small = createKnowledge(dataset([p, undated]), realKnowledge().catalog);
    expect(small.answerFor('alpha', 'en-US')!.findings[0]!.asOf).toBe('2025-06-02');
    const beta = small.answerFor('beta', 'en-US')!.findings[0]!;
    expect(beta.asOf).toBeUndefined();
    expect(beta.asOfText).toBe('Undated sources');
    expect(small.answerFor('alpha', 'en-US')!.reviewed).toBe('2026-01-01');
  });

  it('leads with the finding about the model that was named', () => {
    const oss = k.ask('gpt-oss', 'en-US');
    expect(oss.kind === 'provider' && oss.findings[0]!.status).toBe('recommends');
    expect(oss.kind === 'provider' && oss.focus).toBeTruthy();
    const chat = k.ask('chatgpt', 'en-US');
    expect(chat.kind === 'provider' && chat.findings[0]!.status).toBe('no-evidence');
    const qwen = k.ask('Qwen3-235B-A22B', 'de');
    expect(qwen.kind === 'provider' && qwen.provider.id).toBe('alibaba');
    expect(qwen.kind === 'provider' && qwen.findings[0]!.status).toBe('recommends');
  });

  it('says what an engine or a tool is', () => {
    const answer = k.ask('sglang', 'en-US');
    expect(answer.kind === 'provider' && answer.provider.kind).toBe('engine');
    expect(answer.kind === 'provider' && answer.title).toContain('inference engine');
  });

  it('uses real plural rules in every language', () => {
    // Russian has three forms for whole numbers: 1 провайдер, 3 провайдера, 5 провайдеров.
    const ru = [1, 3, 5].map((count) =>
      translate(k.catalog, 'ru', 'overview.title', { count }).replace(String(count), '#'),
    );
    expect(new Set(ru).size).toBe(3);
    expect(k.ask('', 'ru').title).toContain(String(k.providers.length));
    expect(translate(k.catalog, 'en-US', 'error.rateLimited', { seconds: 1 })).toContain(
      '1 second ',
    );
    expect(translate(k.catalog, 'en-US', 'error.rateLimited', { seconds: 5 })).toContain(
      '5 seconds',
    );
  });

  it('the same question always gets the same answer', () => {
    expect(k.ask('antropic', 'pt-BR')).toEqual(k.ask('antropic', 'pt-BR'));
  });
});

describe('echoQuery', () => {
  it('shortens long queries and drops control and invisible characters', () => {
    expect(echoQuery('a\u0000b\u200bc\nd')).toBe('a b c d');
    const long = echoQuery('x'.repeat(5000));
    expect([...long]).toHaveLength(MAX_ECHO_LENGTH);
    expect(long.endsWith('…')).toBe(true);
  });

  it('never splits an emoji in half', () => {
    const echoed = echoQuery('🙂'.repeat(200));
    expect(echoed.endsWith('…')).toBe(true);
    expect(echoed.replace('…', '')).toMatch(/^(🙂)+$/u);
  });
});
