import { MessageFlags, type APILabelComponent, type APITextInputComponent } from 'discord.js';
import { describe, expect, it } from 'vitest';
import type {
  Answer,
  OverviewAnswer,
  ProviderAnswer,
  SuggestionAnswer,
} from '../../src/core/answer-schema.js';
import { translate } from '../../src/core/i18n.js';
import { SUPPORTED_LOCALES, type Locale } from '../../src/core/locales.js';
import { UI_KEYS } from '../../src/core/ui-strings.js';
import { languageChoices } from '../../src/discord/language-option.js';
import {
  renderAnswer,
  renderLanguageChoices,
  renderNotice,
  renderNoticeWithLink,
  renderProviderChoices,
  renderReportModal,
  renderReportPost,
  type DiscordMessage,
} from '../../src/discord/render.js';
import { REPORT_TEXT_MAX } from '../../src/runtime/reports.js';
import { realKnowledge } from '../helpers/context.js';
import { choiceViolations, messageViolations } from './limits-check.js';

const knowledge = realKnowledge();
const catalog = knowledge.catalog;
/** What people type at bots: mentions, markdown, a masked link, and far too much of it. */
const NASTY_QUERY = `@everyone <@123> <@&456> **bold** __under__ ~~x~~ [click](https://evil.example) # ${'ж'.repeat(300)}`;
/** The same, naming two providers, which makes the core unsure. */
const NASTY_AMBIGUOUS = `@everyone <@123> <@&456> **bold** __under__ ~~x~~ [click](https://evil.example) # deepseek openai ${'ж'.repeat(300)}`;

/** Answers are built through the core's public API only, so its internals may change freely. */
type AnswerOf<K extends Answer['kind']> = K extends 'provider'
  ? ProviderAnswer
  : K extends 'overview'
    ? OverviewAnswer
    : SuggestionAnswer;

function ask<K extends Answer['kind']>(query: string, locale: Locale, kind: K): AnswerOf<K> {
  const answer = knowledge.ask(query, locale);
  expect(answer.kind, query).toBe(kind);
  return answer as AnswerOf<K>;
}

/** An ambiguous answer offering `count` providers starting at `index`. */
function ambiguousAbout(
  index: number,
  count: number,
  locale: Locale,
  query = NASTY_AMBIGUOUS,
): SuggestionAnswer {
  const everyone = ask('', locale, 'overview').providers;
  const suggestions = [...everyone, ...everyone].slice(index, index + count);
  return { ...ask(query, locale, 'ambiguous'), suggestions };
}

/** Report channel and issue link configured; the longest REPORT_ISSUE_URL config allows. */
const REPORTS = {
  button: true,
  issueUrl: `https://github.com/o/r/issues/new?template=wrong-answer.yml&x=${'y'.repeat(340)}`,
};

function check(message: DiscordMessage, where: string, violations: string[]): void {
  violations.push(...messageViolations(message, where));
}

describe('every rendered message fits Discord', () => {
  it('provider answers: every provider × every locale, public and private', () => {
    const violations: string[] = [];
    let count = 0;
    for (const provider of knowledge.providers) {
      for (const locale of SUPPORTED_LOCALES) {
        const answer = knowledge.answerFor(provider.id, locale)!;
        for (const isPrivate of [false, true]) {
          const message = renderAnswer(answer, { catalog, private: isPrivate });
          check(
            message,
            `${provider.id}/${locale}/${isPrivate ? 'private' : 'public'}`,
            violations,
          );
          count += 1;
        }
        const replying = renderAnswer(answer, {
          catalog,
          private: false,
          replyTo: 'https://discord.com/channels/1/2/3',
        });
        check(replying, `${provider.id}/${locale}/context-menu`, violations);
        // Every report button at once: Report (with a hostile query) and the issue link.
        for (const isPrivate of [false, true]) {
          const reporting = renderAnswer(answer, {
            catalog,
            private: isPrivate,
            query: NASTY_QUERY,
            reports: REPORTS,
          });
          check(reporting, `${provider.id}/${locale}/reports`, violations);
        }
      }
    }
    expect(count).toBe(knowledge.providers.length * SUPPORTED_LOCALES.length * 2);
    expect(violations).toEqual([]);
  });

  it('ambiguous and not-found answers: every provider × every locale, with a hostile query', () => {
    const violations: string[] = [];
    for (const [index, provider] of knowledge.providers.entries()) {
      for (const locale of SUPPORTED_LOCALES) {
        // Five candidates (the matcher's most) and, to be safe, the 25 buttons Discord allows.
        for (const count of [5, 25]) {
          const ambiguous = ambiguousAbout(index, count, locale);
          check(
            renderAnswer(ambiguous, { catalog, private: false }),
            `ambiguous/${provider.id}/${locale}/${count}`,
            violations,
          );
          check(
            renderAnswer(ambiguous, { catalog, private: true }),
            `ambiguous-private/${provider.id}/${locale}/${count}`,
            violations,
          );
        }
      }
    }
    for (const locale of SUPPORTED_LOCALES) {
      const notFound = ask(NASTY_QUERY, locale, 'not-found');
      expect(notFound.suggestions).toHaveLength(knowledge.providers.length);
      check(renderAnswer(notFound, { catalog, private: false }), `not-found/${locale}`, violations);
      check(
        renderAnswer(notFound, { catalog, private: false, reports: REPORTS }),
        `not-found-reports/${locale}`,
        violations,
      );
      const overview = ask('', locale, 'overview');
      check(renderAnswer(overview, { catalog, private: false }), `overview/${locale}`, violations);
      check(
        renderAnswer(overview, { catalog, private: true }),
        `overview-private/${locale}`,
        violations,
      );
    }
    expect(violations).toEqual([]);
  });

  it('notices: errors, rate limit, pin and context-menu messages in every locale', () => {
    const violations: string[] = [];
    const noticeKeys = UI_KEYS.filter((k) => /^(error|pin|share|contextMenu\.noProvider)/.test(k));
    expect(noticeKeys).toContain('pin.channelFull');
    for (const locale of SUPPORTED_LOCALES) {
      for (const key of noticeKeys) {
        const message = renderNotice(translate(catalog, locale, key, { seconds: 10 }));
        check(message, `${key}/${locale}`, violations);
        expect(message.flags).toBe(MessageFlags.Ephemeral);
      }
    }
    expect(violations).toEqual([]);
  });

  it('autocomplete choices: providers and languages in every locale', () => {
    const violations: string[] = [];
    const queries = [
      '',
      'a',
      'deepsek',
      NASTY_QUERY,
      ...knowledge.providers.map((p) => p.name.slice(0, 3)),
    ];
    for (const locale of SUPPORTED_LOCALES) {
      for (const query of queries) {
        const choices = renderProviderChoices(knowledge.suggest(query, locale, 25));
        violations.push(...choiceViolations(choices, `providers/${locale}/${query.slice(0, 10)}`));
      }
      for (const typed of ['', 'de', 'ja', 'xx', NASTY_QUERY]) {
        const choices = renderLanguageChoices(languageChoices(catalog, typed, locale));
        violations.push(...choiceViolations(choices, `languages/${locale}/${typed.slice(0, 10)}`));
      }
    }
    expect(violations).toEqual([]);
  });
});

describe('limits hold for the largest answer the schema allows', () => {
  const long = (n: number) => 'Lorem ipsum dolor sit amet, ünïcödé 🙂 **not bold** '.repeat(n);
  const url = `https://example.com/${'a'.repeat(490)}`;
  const huge: ProviderAnswer = {
    kind: 'provider',
    locale: 'de',
    title: `${'N'.repeat(60)}: ${long(10)}`,
    provider: { id: 'x'.repeat(40), name: 'N'.repeat(60), aliases: [], kind: 'provider' },
    qualifier: long(2),
    notice: long(8),
    status: 'production',
    statusLabel: long(5),
    emoji: '🟢',
    color: 0x2ecc71,
    findings: Array.from({ length: 4 }, () => ({
      status: 'production' as const,
      statusLabel: long(3),
      emoji: '🟢',
      color: 0x2ecc71,
      subject: long(20),
      summary: long(40),
      details: long(200),
      asOf: '2026-01-01',
      asOfText: long(2),
      evidence: 'secondary' as const,
      qualifier: long(2),
      untranslated: true,
      sources: Array.from({ length: 8 }, (_, i) => ({
        title: `${'T'.repeat(195)}[]()${i}`,
        url: `${url}${i}()`,
        publisher: 'P'.repeat(100),
        date: '2026-01-01',
        dateText: long(1),
        primary: false,
        note: long(1),
      })),
    })),
    sourcesLabel: long(10),
    reviewed: '2026-01-01',
    footer: long(100),
  };

  it('truncates every part and keeps the total under 6,000', () => {
    for (const isPrivate of [false, true]) {
      const message = renderAnswer(huge, { catalog, private: isPrivate, replyTo: long(100) });
      expect(messageViolations(message)).toEqual([]);
      expect(message.embeds[0]!.description!.endsWith('…')).toBe(true);
    }
  });

  it('the checker itself catches an oversized message', () => {
    const message = renderNotice('x');
    message.embeds.push({ title: 'x'.repeat(257), fields: [{ name: 'n', value: '' }] });
    message.components.push({
      type: 1,
      components: Array.from({ length: 6 }, (_, i) => ({
        type: 2,
        style: 2,
        custom_id: `${i}`.repeat(101),
        label: 'l',
      })),
    });
    (message as { allowedMentions: unknown }).allowedMentions = { parse: ['users'] };
    expect(messageViolations(message).length).toBeGreaterThanOrEqual(5);
  });
});

describe('what answers look like', () => {
  const render = (answer: Answer, isPrivate = false) =>
    renderAnswer(answer, { catalog, private: isPrivate });

  it('a public answer has a Pin button and source link buttons; a private one "Post publicly"', () => {
    const answer = knowledge.answerFor('deepseek', 'ja')!;
    const publicMessage = render(answer);
    expect(publicMessage.flags).toBeUndefined();
    const [first] = publicMessage.components[0]!.components;
    expect(first).toMatchObject({
      custom_id: 'vllm:pin:ja:0:deepseek',
      label: translate(catalog, 'ja', 'button.pin'),
    });
    const links = publicMessage.components.flatMap((r) => r.components).filter((b) => 'url' in b);
    expect(links.length).toBeGreaterThan(0);
    const privateMessage = render(answer, true);
    expect(privateMessage.flags).toBe(MessageFlags.Ephemeral);
    expect(privateMessage.components[0]!.components[0]).toMatchObject({
      custom_id: 'vllm:share:ja:deepseek',
      label: translate(catalog, 'ja', 'button.postPublicly'),
    });
  });

  it('the embed carries the localised status, colour, sources as masked links and the review date', () => {
    const answer = knowledge.answerFor('openai', 'pt-BR')!;
    const embed = render(answer).embeds[0]!;
    expect(embed.title).toContain(answer.statusLabel);
    expect(embed.color).toBe(answer.color);
    expect(embed.footer?.text).toBe(answer.footer);
    const source = answer.findings[0]!.sources[0]!;
    expect(embed.fields?.[0]?.value).toContain(`](${source.url})`);
  });

  it('misses are private; ambiguous ones offer "did you mean" buttons that remember the language', () => {
    const ambiguous = ask('anthropic vs openai', 'ko', 'ambiguous');
    const message = render(ambiguous);
    expect(message.flags).toBe(MessageFlags.Ephemeral);
    const ids = message.components
      .flatMap((r) => r.components)
      .map((b) => ('custom_id' in b ? b.custom_id : ''));
    expect(ids).toEqual(['vllm:pick:ko:v:anthropic', 'vllm:pick:ko:v:openai']);
    const sevenOfThem = render(ambiguousAbout(0, 7, 'ko'));
    expect(sevenOfThem.components.map((r) => r.components.length)).toEqual([5, 2]);
    const notFound = ask('xyzzy', 'ko', 'not-found');
    const missing = render(notFound);
    expect(missing.flags).toBe(MessageFlags.Ephemeral);
    expect(missing.components).toEqual([]);
    for (const p of knowledge.providers) expect(missing.embeds[0]!.description).toContain(p.name);
  });

  it('echoed text is shown literally: markdown escaped, mentions inert', () => {
    const answer = ask(
      '**deepseek** and openai @everyone <@123> [x](https://e.example)',
      'en-US',
      'ambiguous',
    );
    const message = render(answer);
    const description = message.embeds[0]!.description!;
    expect(description).toContain(
      '\\*\\*deepseek\\*\\* and openai @everyone <@123> \\[x](https://e.example)',
    );
    expect(message.allowedMentions).toEqual({ parse: [] });
  });
});

describe('the report modal, the operators’ post and the thank-you fit Discord', () => {
  const ref = { locale: 'de' as const, providerId: 'deepseek', query: NASTY_QUERY };

  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s: the modal', (locale) => {
    const modal = renderReportModal(catalog, locale, ref, REPORT_TEXT_MAX);
    expect(modal.custom_id.length).toBeLessThanOrEqual(100);
    expect(modal.title.length).toBeGreaterThan(0);
    expect(modal.title.length).toBeLessThanOrEqual(45);
    expect(modal.components).toHaveLength(2);
    for (const label of modal.components as APILabelComponent[]) {
      expect(label.label.length).toBeLessThanOrEqual(45);
      const input = label.component as APITextInputComponent;
      expect((input.placeholder ?? '').length).toBeLessThanOrEqual(100);
      expect(input.max_length ?? 0).toBeLessThanOrEqual(4000);
    }
  });

  it.each(SUPPORTED_LOCALES.map((l) => [l]))('%s: the thank-you with its link', (locale) => {
    const message = renderNoticeWithLink(
      translate(catalog, locale, 'report.thanks'),
      translate(catalog, locale, 'report.issueLink'),
      `https://github.com/o/r/issues/new?${'x'.repeat(470)}`,
    );
    expect(messageViolations(message, locale)).toEqual([]);
    expect(message.components).toHaveLength(1);
  });

  it('the operators’ post, at the store’s maxima, with nothing that can ping', () => {
    const post = renderReportPost({
      catalog,
      providerName: 'DeepSeek',
      issueUrl: `https://github.com/o/r/issues/new?${'x'.repeat(470)}`,
      report: {
        id: 'r1',
        platform: 'discord',
        workspaceId: '1',
        providerId: 'deepseek',
        query: NASTY_QUERY.slice(0, 500),
        locale: 'de',
        reporterId: '123',
        reporterName: '@everyone <@123>',
        whatIsWrong: `${NASTY_QUERY}`.repeat(10).slice(0, 1000),
        sourceUrl: `https://example.com/${'_*'.repeat(990)}`,
        createdAt: new Date(),
        postedAt: null,
      },
    });
    expect(post.allowed_mentions).toEqual({ parse: [] });
    const message = {
      embeds: post.embeds ?? [],
      components: (post.components ?? []) as DiscordMessage['components'],
      allowedMentions: { parse: [] as [] },
    };
    expect(messageViolations(message, 'report post')).toEqual([]);
  });
});
