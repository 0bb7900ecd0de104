import { describe, expect, it } from 'vitest';
import type { Answer, ProviderSummary, SuggestionAnswer } from '../../src/core/answer-schema.js';
import { translate } from '../../src/core/i18n.js';
import { createKnowledge, type Knowledge } from '../../src/core/knowledge.js';
import { SUPPORTED_LOCALES, type Locale } from '../../src/core/locales.js';
import type { UiKey } from '../../src/core/ui-strings.js';
import {
  ACTION_MINE,
  ACTION_PIN,
  ACTION_SHARE,
  decodeRef,
  decodeReportRef,
} from '../../src/slack/action-ids.js';
import {
  MAX_BLOCKS,
  MAX_INPUT_LABEL,
  MAX_INPUT_LENGTH,
  MAX_INPUT_PLACEHOLDER,
  MAX_PRIVATE_METADATA,
  MAX_VIEW_TITLE,
} from '../../src/slack/limits.js';
import {
  renderReportPost,
  renderReportThanks,
  renderReportView,
} from '../../src/slack/render-report.js';
import { REPORT_TEXT_MAX } from '../../src/runtime/reports.js';
import {
  renderAnswer,
  renderNotice,
  type AnswerExtras,
  type Block,
  type Surface,
} from '../../src/slack/render.js';
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
  'report.thanks',
  'report.badUrl',
  'report.rateLimited',
  'report.failed',
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

/** No report buttons; and every report button at once, with a long, nasty query. */
const EXTRAS: AnswerExtras[] = [
  {},
  {
    report: true,
    issueUrl: `https://github.com/o/r/issues/new?template=wrong-answer.yml&x=${'y'.repeat(360)}`,
    query: `<!channel> ${'😀'.repeat(300)} &`,
  },
];

function checkAll(k: Knowledge, locale: Locale): string[] {
  const problems: string[] = [];
  for (const { label, answer } of everyAnswer(k, locale)) {
    for (const surface of SURFACES) {
      for (const extras of EXTRAS) {
        for (const p of slackLimitViolations(renderAnswer(answer, k.catalog, surface, extras)))
          problems.push(`${locale} ${label} ${surface} ${extras.report ? '+report' : ''}: ${p}`);
      }
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

  it('offers Share privately, Pin when shared, none when it cannot be pinned; In my language when shared', () => {
    const ids = (s: Surface) =>
      buttons(renderAnswer(answer, knowledge.catalog, s).blocks).map((b) => b.action_id);
    expect(ids('private')).toEqual([ACTION_SHARE]);
    expect(ids('shared')).toEqual([ACTION_PIN, ACTION_MINE]);
    expect(ids('shared-unpinnable')).toEqual([ACTION_MINE]);
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

describe('the report modal, the operators’ post and the thank-you', () => {
  const nasty = `<!channel> <@U123> ${'&'.repeat(2000)} 😀`;
  const report = {
    id: 'r1',
    platform: 'slack' as const,
    workspaceId: 'T1',
    providerId: 'deepseek',
    query: nasty.slice(0, 500),
    locale: 'de',
    reporterId: 'U123',
    reporterName: '<!here> Eve',
    whatIsWrong: nasty.repeat(2).slice(0, 1000),
    sourceUrl: `https://example.com/?q=${'&|>'.repeat(600)}`.slice(0, 2000),
    createdAt: new Date(),
    postedAt: null,
  };
  const issueUrl = `https://github.com/o/r/issues/new?${'x'.repeat(1900)}`;

  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s: the modal fits views.open', (locale) => {
    const ref = { id: 'deepseek', locale, query: nasty, channel: 'C0GENERAL' };
    const view = renderReportView(knowledge.catalog, locale, ref, REPORT_TEXT_MAX);
    for (const label of [view.title, view.submit]) {
      expect(label.text.length).toBeGreaterThan(0);
      expect(label.text.length).toBeLessThanOrEqual(MAX_VIEW_TITLE);
    }
    expect(view.private_metadata.length).toBeLessThanOrEqual(MAX_PRIVATE_METADATA);
    expect(decodeReportRef(view.private_metadata)).toMatchObject({
      id: 'deepseek',
      locale,
      channel: 'C0GENERAL',
    });
    for (const block of view.blocks) {
      expect(block.label.text.length).toBeLessThanOrEqual(MAX_INPUT_LABEL);
      expect(block.element.placeholder.text.length).toBeLessThanOrEqual(MAX_INPUT_PLACEHOLDER);
      expect(block.element.max_length).toBeLessThanOrEqual(MAX_INPUT_LENGTH);
    }
  });

  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s: the thank-you fits', (locale) => {
    expect(slackLimitViolations(renderReportThanks(knowledge.catalog, locale, issueUrl))).toEqual(
      [],
    );
  });

  it('the operators’ post fits and nothing in it is live markup', () => {
    const post = renderReportPost({
      catalog: knowledge.catalog,
      report,
      providerName: 'DeepSeek',
      issueUrl,
    });
    expect(slackLimitViolations(post)).toEqual([]);
    const json = JSON.stringify(post);
    expect(json).not.toContain('<@U123>');
    expect(json).not.toContain('<!here>');
    expect(json).not.toContain('<!channel>');
  });
});
