import {
  Client,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type RESTOptions,
  type ResponseLike,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES, type Locale } from '../../../src/core/locales.js';
import { clientOptions } from '../../../src/discord/client.js';
import { autocompleteBody, replyBody } from '../../../src/discord/http/callback-body.js';
import { toInteraction } from '../../../src/discord/http/discordjs-interaction.js';
import { languageChoices } from '../../../src/discord/language-option.js';
import {
  renderAnswer,
  renderLanguageChoices,
  renderNotice,
  renderProviderChoices,
  type Choice,
  type DiscordMessage,
  type ReportButtons,
} from '../../../src/discord/render.js';
import { realKnowledge } from '../../helpers/context.js';
import { startFakeDiscord, type FakeDiscord } from '../../e2e/fake-discord.js';

/**
 * The `/vllm` path writes its callback bodies itself (callback-body.ts) instead of letting
 * discord.js build them. Here discord.js itself, configured as the bot configures it, answers
 * real interactions with the same messages; its callback request is caught where REST would
 * send it, and the two must be the same bytes.
 */

const knowledge = realKnowledge();
const catalog = knowledge.catalog;

let fake: FakeDiscord;
let client: Client;
/** Bodies discord.js sent to /interactions/{id}/{token}/callback, in order. */
const sent: string[] = [];

const makeRequest: RESTOptions['makeRequest'] = (url, init) => {
  if (!/\/interactions\/\d+\/[^/]+\/callback/.test(url) || typeof init.body !== 'string') {
    return Promise.reject(new Error(`unexpected request ${init.method} ${url}`));
  }
  sent.push(init.body);
  return Promise.resolve(new Response(null, { status: 204 }) as unknown as ResponseLike);
};

beforeAll(async () => {
  fake = await startFakeDiscord();
  const options = clientOptions({
    token: fake.token,
    applicationId: fake.applicationId,
    apiUrl: fake.apiUrl,
  });
  client = new Client({ ...options, rest: { ...options.rest, makeRequest } });
  client.rest.setToken(fake.token);
});

afterAll(async () => {
  await client.destroy();
  await fake.close();
});

/** What discord.js POSTs when a `/vllm` interaction replies with `message`. */
async function discordjsReply(message: DiscordMessage): Promise<string> {
  const interaction = toInteraction(client, fake.slashCommand({}).payload as never);
  await (interaction as ChatInputCommandInteraction).reply(message);
  return sent.at(-1)!;
}

async function discordjsChoices(choices: Choice[]): Promise<string> {
  const typing = toInteraction(client, fake.autocomplete('provider', 'x').payload as never);
  await (typing as AutocompleteInteraction).respond(choices);
  return sent.at(-1)!;
}

/** Ours twice (the second from what was encoded the first time), then discord.js's. */
async function expectSameReply(render: () => DiscordMessage, what: string): Promise<void> {
  const first = replyBody(render()).toString('utf8');
  const again = replyBody(render()).toString('utf8');
  const theirs = await discordjsReply(render());
  expect(first, what).toBe(theirs);
  expect(again, what).toBe(theirs);
}

const NO_REPORTS: ReportButtons = { button: false };
const REPORTS: ReportButtons = { button: true, issueUrl: 'https://example.org/issues/new' };
/** Mentions, markdown, quotes, escapes and characters JSON treats specially. */
const HOSTILE = '@everyone <@1> "quoted" \\ back\\slash </script> \u2028 \u0007 ж 🦀';

describe('the /vllm callback bodies, byte for byte what discord.js sends', () => {
  it('every provider in a few languages, a few in every language; public, private, reports', async () => {
    const few = knowledge.providers.slice(0, 3);
    const cases = [
      ...(['en-US', 'de', 'ja', 'ar'] as Locale[]).flatMap((locale) =>
        knowledge.providers.map((provider) => ({ provider, locale })),
      ),
      ...SUPPORTED_LOCALES.flatMap((locale) => few.map((provider) => ({ provider, locale }))),
    ];
    for (const { provider, locale } of cases) {
      for (const isPrivate of [false, true]) {
        for (const reports of [NO_REPORTS, REPORTS]) {
          const answer = knowledge.ask(provider.id, locale);
          expect(answer.kind).toBe('provider');
          const render = () =>
            renderAnswer(answer, { catalog, private: isPrivate, query: provider.id, reports });
          await expectSameReply(render, `${provider.id} ${locale} ${isPrivate} ${reports.button}`);
        }
      }
    }
    expect(cases.length).toBeGreaterThan(knowledge.providers.length * 4);
  });

  it('the overview, "did you mean", not found and notices, in every language', async () => {
    for (const locale of SUPPORTED_LOCALES) {
      for (const query of ['', 'deepseek openai', HOSTILE, 'nothing-like-this']) {
        const answer = knowledge.ask(query, locale);
        for (const reports of [NO_REPORTS, REPORTS]) {
          const render = () => renderAnswer(answer, { catalog, private: false, query, reports });
          await expectSameReply(render, `${answer.kind} ${locale}`);
        }
      }
      await expectSameReply(() => renderNotice(HOSTILE), `notice ${locale}`);
    }
    await expectSameReply(() => renderNotice(''), 'an empty notice');
    expect(knowledge.ask('', 'en-US').kind).toBe('overview');
    expect(knowledge.ask('deepseek openai', 'en-US').kind).toBe('ambiguous');
    expect(knowledge.ask('nothing-like-this', 'en-US').kind).toBe('not-found');
  });

  it('a Report button carrying each asker’s query is encoded for each reply', async () => {
    const answer = knowledge.ask('deepseek', 'de');
    const bodies = new Set<string>();
    for (const query of ['deepseek', 'DeepSeek R1', HOSTILE]) {
      const render = () =>
        renderAnswer(answer, { catalog, private: false, query, reports: REPORTS });
      const ours = replyBody(render()).toString('utf8');
      expect(ours).toBe(await discordjsReply(render()));
      bodies.add(ours);
    }
    expect(bodies.size).toBe(3);
  });

  it('autocomplete choices, providers and languages', async () => {
    const lists: Choice[][] = [[]];
    for (const locale of ['en-US', 'de', 'ja', 'ar'] as Locale[]) {
      lists.push(renderProviderChoices(knowledge.suggest('deep', locale, 25)));
      lists.push(renderProviderChoices(knowledge.suggest('', locale, 25)));
      lists.push(renderLanguageChoices(languageChoices(catalog, '', locale)));
    }
    // discord.js expects camelCase nameLocalizations: a snake_case one never reaches Discord.
    lists.push([{ name: HOSTILE, value: 'x', name_localizations: { de: 'y' } }]);
    for (const choices of lists) {
      expect(autocompleteBody(choices)).toBe(await discordjsChoices(choices));
    }
    expect(lists.filter((l) => l.length > 0).length).toBeGreaterThan(10);
  });
});
