import { describe, expect, it } from 'vitest';
import type { Answer, ProviderSummary, SuggestionAnswer } from '../../src/core/answer-schema.js';
import { translate } from '../../src/core/i18n.js';
import { createKnowledge, type Knowledge } from '../../src/core/knowledge.js';
import { SUPPORTED_LOCALES, type Locale } from '../../src/core/locales.js';
import type { UiKey } from '../../src/core/ui-strings.js';
import { ACTION_PIN, ACTION_SHARE, decodeRef } from '../../src/slack/action-ids.js';
import { MAX_BLOCKS } from '../../src/slack/limits.js';
import { renderAnswer, renderNotice, type Block, type Surface } from '../../src/slack/render.js';
import { realKnowledge } from '../helpers/context.js';
import { dataset, provider } from '../helpers/dataset-fixture.js';
import { slackLimitViolations } from './check-limits.js';

const SURFACES: Surface[] = ['private', 'shared', 'shared-unpinnable'];

/** Every UI string the Slack adapter shows on its own, as a notice. */
const NOTICE_KEYS: UiKey[] = [
  'share.done',
  'share.notInChannel',
  'pin.done',
  'pin.failed',
  'pin.alreadyPinned',
  'pin.notPinnable',
  'pin.missingScope',
  'pin.notInChannel',
  'error.generic',
  'error.rateLimited',
  'usage.hint',
];

/** A "Did you mean…?" answer for these providers, built through the public Knowledge API. */
function ambiguous(k: Knowledge, locale: Locale, ids: string[], query: string): SuggestionAnswer {
  const suggestions: ProviderSummary[] = ids.map((id) => {
    const a = k.answerFor(id, locale)!;
    const { status, statusLabel, emoji, color } = a;
    return { id, name: a.provider.name, kind: a.provider.kind, status, statusLabel, emoji, color };
  });
  const list = suggestions.map((s) => s.name).join(', ');
  return {
    kind: 'ambiguous',
    locale,
    title: translate(k.catalog, locale, 'ambiguous.title'),
    query,
    message: translate(k.catalog, locale, 'ambiguous.body', { query, list }),
    suggestions,
  };
}

/** Every answer kind for one locale: each provider, ambiguous around each, not-found, overview. */
function everyAnswer(k: Knowledge, locale: Locale): { label: string; answer: Answer }[] {
  const out: { label: string; answer: Answer }[] = [];
  const providers = [...k.providers];
  providers.forEach((p, i) => {
    out.push({ label: `provider ${p.id}`, answer: k.answerFor(p.id, locale)! });
    const candidates = [...providers.slice(i), ...providers.slice(0, i)].slice(0, 5);
    out.push({
      label: `ambiguous ${p.id}`,
      answer: ambiguous(
        k,
        locale,
        candidates.map((c) => c.id),
        `${p.name} <!channel>`,
      ),
    });
  });
  out.push({ label: 'not-found', answer: k.ask('qqzzxv <!here> & <@U123>', locale) });
  out.push({ label: 'overview', answer: k.ask('', locale) });
  return out;
}

function checkAll(k: Knowledge, locale: Locale): string[] {
  const problems: string[] = [];
  for (const { label, answer } of everyAnswer(k, locale)) {
    for (const surface of SURFACES) {
      for (const p of slackLimitViolations(renderAnswer(answer, k.catalog, surface)))
        problems.push(`${locale} ${label} ${surface}: ${p}`);
    }
  }
  for (const key of NOTICE_KEYS) {
    const text = translate(k.catalog, locale, key, { seconds: 9999 });
    for (const p of slackLimitViolations(renderNotice(text)))
      problems.push(`${locale} ${key}: ${p}`);
  }
  return problems;
}

const knowledge = realKnowledge();

describe('Block Kit limits, real dataset', () => {
  it('covers every answer kind', () => {
    const kinds = new Set(everyAnswer(knowledge, 'en-US').map((a) => a.answer.kind));
    expect([...kinds].sort()).toEqual(['ambiguous', 'not-found', 'overview', 'provider']);
  });

  it.each(SUPPORTED_LOCALES.map((l) => [l]))(
    '%s: every provider, candidate list, not-found, overview and notice fits',
    (locale) => {
      expect(checkAll(knowledge, locale)).toEqual([]);
    },
  );
});

describe('Block Kit limits, worst case', () => {
  // At the dataset schema's maxima, with characters that grow 5× when escaped.
  const huge = (c: string, n: number) => c.repeat(n);
  const many = Array.from({ length: 40 }, (_, i) =>
    provider(`p${i}-${'x'.repeat(30)}`.slice(0, 40), {
      name: `${i} <!here> ${huge('&', 46)}`,
      aliases: [],
      findings: Array.from({ length: 4 }, (_, f) => ({
        status: 'production' as const,
        subject: huge('<', 500),
        summary: huge('&', 4000),
        details: `${huge('>', 9000)} 😀`.repeat(2),
        sources: Array.from({ length: 8 }, (_, s) => ({
          title: huge('&', 200),
          url: `https://example.com/${f}/${s}?a=1&b=${'y'.repeat(480)}`,
          publisher: huge('<', 100),
          date: '2025-02-03',
          primary: s > 0,
          copy: 'mirror' as const,
        })),
      })),
    }),
  );
  const worst = createKnowledge(dataset(many), knowledge.catalog);

  it.each(['en-US', 'de', 'ja', 'hi'] as const)('%s: still within every limit', (locale) => {
    expect(checkAll(worst, locale)).toEqual([]);
  });

  it('keeps the overview and the not-found list at 50 blocks however many providers', () => {
    // More than 47 rows of 25 buttons and 47 sections of lines can hold.
    const crowd = Array.from({ length: 2_000 }, (_, i) =>
      provider(`p${i}`, { name: `${i} ${'&'.repeat(56)}` }),
    );
    const k = createKnowledge(dataset(crowd), knowledge.catalog);
    const overview = renderAnswer(k.ask('', 'en-US'), k.catalog);
    const notFound = renderAnswer(k.ask('qqzzxv', 'en-US'), k.catalog);
    expect(overview.blocks).toHaveLength(MAX_BLOCKS);
    expect(notFound.blocks).toHaveLength(MAX_BLOCKS);
    expect(slackLimitViolations(overview)).toEqual([]);
    expect(slackLimitViolations(notFound)).toEqual([]);
  });
});

const buttons = (blocks: Block[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []));

describe('what the blocks say', () => {
  const answer = knowledge.answerFor('deepseek', 'en-US')!;

  it('heads a provider answer with the name and status, and links its sources', () => {
    const { blocks, text } = renderAnswer(answer, knowledge.catalog);
    expect(blocks[0]).toMatchObject({ type: 'header' });
    const head = blocks[0]!.type === 'header' ? blocks[0]!.text.text : '';
    expect(head).toContain(answer.provider.name);
    expect(head).toContain(answer.statusLabel);
    const json = JSON.stringify(blocks);
    for (const s of answer.findings[0]!.sources)
      expect(json).toContain(`<${s.url.replace(/&/g, '&amp;')}|`);
    expect(json).toContain(answer.footer);
    expect(text).toContain(answer.provider.name);
  });

  it('offers Share privately, Pin when shared, nothing when it cannot be pinned', () => {
    const ids = (s: Surface) =>
      buttons(renderAnswer(answer, knowledge.catalog, s).blocks).map((b) => b.action_id);
    expect(ids('private')).toEqual([ACTION_SHARE]);
    expect(ids('shared')).toEqual([ACTION_PIN]);
    expect(ids('shared-unpinnable')).toEqual([]);
    const share = buttons(renderAnswer(answer, knowledge.catalog).blocks)[0]!;
    expect(decodeRef(share.value)).toEqual({ kind: 'provider', id: 'deepseek', locale: 'en-US' });
  });

  it('gives a button per candidate, carrying the language', () => {
    const k = knowledge;
    const candidates = k.providers.slice(0, 3);
    const answer = ambiguous(
      k,
      'ja',
      candidates.map((p) => p.id),
      'x',
    );
    const picks = buttons(renderAnswer(answer, k.catalog).blocks);
    expect(picks.map((b) => decodeRef(b.value))).toEqual(
      candidates.map((p) => ({ kind: 'provider', id: p.id, locale: 'ja' })),
    );
  });

  it('lists every known provider when nothing is found', () => {
    const notFound = knowledge.ask('qqzzxv', 'en-US');
    expect(notFound.kind).toBe('not-found');
    expect(buttons(renderAnswer(notFound, knowledge.catalog).blocks)).toHaveLength(
      knowledge.providers.length,
    );
  });

  it('names every provider in the overview', () => {
    const json = JSON.stringify(renderAnswer(knowledge.ask('', 'en-US'), knowledge.catalog).blocks);
    for (const p of knowledge.providers) expect(json).toContain(p.name.replace(/&/g, '&amp;'));
  });
});
