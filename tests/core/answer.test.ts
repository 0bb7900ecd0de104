import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../../src/core/answer-schema.js';
import { echoQuery, MAX_ECHO_LENGTH } from '../../src/core/compose.js';
import { createKnowledge } from '../../src/core/knowledge.js';
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
    expect(answer.statusLabel).toBe(k.catalog.de?.['status.fork']);
    expect(answer.findings[0]!.summary).toBe(
      k.providers.find((p) => p.id === 'deepseek')!.findings[0]!.summary.de,
    );
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
    expect(none.title).toBe(k.catalog.fr?.['notFound.title']);
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

  it('falls back to English for a text missing in the asked locale', () => {
    const p = provider('alpha');
    p.findings[0]!.summary = { 'en-US': 'English summary', de: 'Deutsche Zusammenfassung' };
    const small = createKnowledge(dataset([p]), realKnowledge().catalog);
    const ja = small.answerFor('alpha', 'ja')!;
    expect(ja.findings[0]!.summary).toBe('English summary');
    expect(small.answerFor('alpha', 'de')!.findings[0]!.summary).toBe('Deutsche Zusammenfassung');
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
