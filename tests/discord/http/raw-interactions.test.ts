import { Client, type APIInteraction } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../../src/core/i18n.js';
import type { BotContext } from '../../../src/runtime/bot-context.js';
import { clientOptions } from '../../../src/discord/client.js';
import { replyBody } from '../../../src/discord/http/callback-body.js';
import { toInteraction } from '../../../src/discord/http/discordjs-interaction.js';
import type { AnswerBody } from '../../../src/discord/http/initial-response.js';
import { vllmRoute } from '../../../src/discord/http/raw-interactions.js';
import { renderAnswer } from '../../../src/discord/render.js';
import { createTestContext, realKnowledge } from '../../helpers/context.js';
import { startFakeDiscord, type FakeDiscord, type Interaction } from '../../e2e/fake-discord.js';

/**
 * vllmRoute: which payloads the HTTP transport answers from their JSON, and how it hands over
 * to discord.js (talking to the fake Discord's REST API) when the HTTP response can no longer
 * carry an answer.
 */

const knowledge = realKnowledge();
let fake: FakeDiscord;
let client: Client;

beforeAll(async () => {
  fake = await startFakeDiscord();
  client = new Client(
    clientOptions({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl }),
  );
  client.rest.setToken(fake.token);
});

afterAll(async () => {
  await client.destroy();
  await fake.close();
});

const payloadOf = (interaction: Interaction) => interaction.payload as unknown as APIInteraction;

/** The route with an HTTP response that takes the answer (or, with `open: false`, no longer waits). */
function routeOf(interaction: Interaction, open = true) {
  const offered: AnswerBody[] = [];
  const payload = payloadOf(interaction);
  const route = vllmRoute(
    payload,
    (body) => {
      offered.push(body);
      return Promise.resolve(open);
    },
    () => toInteraction(client, payload),
  );
  return { route, offered };
}

/** A payload edited the way no registered `/vllm` looks. */
function reshaped(interaction: Interaction, edit: (payload: Record<string, unknown>) => void) {
  const copy = structuredClone(interaction);
  edit(copy.payload);
  return copy;
}

const dataOf = (payload: Record<string, unknown>) => payload.data as Record<string, unknown>;

describe('vllmRoute', () => {
  it('takes /vllm with its registered options, and its autocomplete', () => {
    const taken = [
      fake.slashCommand({}),
      fake.slashCommand({ provider: 'deepseek' }),
      fake.slashCommand({ provider: 'kimi', language: 'de', private: true }, { place: 'dm' }),
      fake.autocomplete('provider', 'deeps'),
      fake.autocomplete('language', 'deu', { provider: 'openai' }),
    ];
    for (const interaction of taken) expect(routeOf(interaction).route).toBeTypeOf('function');
  });

  it('leaves everything else to discord.js', () => {
    const command = fake.slashCommand({ provider: 'deepseek' });
    const left = [
      fake.button('vllm:pin'),
      fake.messageCommand('Does DeepSeek use vLLM?'),
      reshaped(command, (p) => (dataOf(p).name = 'other')),
      // An option /vllm does not have, or one of another type.
      reshaped(command, (p) =>
        (dataOf(p).options as unknown[]).push({ name: 'extra', type: 4, value: 1 }),
      ),
      reshaped(command, (p) => (dataOf(p).options = [{ name: 'provider', type: 4, value: 1 }])),
      reshaped(command, (p) => (dataOf(p).options = [{ name: 'sub', type: 1, options: [] }])),
      reshaped(command, (p) => (dataOf(p).options = 'provider')),
      reshaped(command, (p) => (dataOf(p).resolved = { users: {} })),
      reshaped(command, (p) => {
        delete p.member;
        delete p.user;
      }),
      // Autocomplete with no option being typed into.
      reshaped(fake.autocomplete('provider', 'x'), (p) =>
        (dataOf(p).options as Record<string, unknown>[]).forEach((o) => delete o.focused),
      ),
    ];
    for (const interaction of left) expect(routeOf(interaction).route).toBeUndefined();
  });

  it('offers the HTTP response the answer, as renderAnswer and replyBody make it', async () => {
    const test = createTestContext();
    const interaction = fake.slashCommand(
      { provider: 'deepseek', private: true },
      { locale: 'ja' },
    );
    const { route, offered } = routeOf(interaction);
    await route!(test.ctx, performance.now());
    const answer = knowledge.ask('deepseek', 'ja');
    const expected = renderAnswer(answer, {
      catalog: knowledge.catalog,
      private: true,
      query: 'deepseek',
      lead: 0,
      reports: { button: false },
    });
    expect(offered.map(String)).toEqual([replyBody(expected).toString('utf8')]);
    expect(fake.requestsFor(interaction)).toEqual([]);
  });

  it('too late for the HTTP response: discord.js sends the same answer to Discord', async () => {
    const test = createTestContext();
    const interaction = fake.slashCommand({ provider: 'openai' }, { locale: 'de' });
    const { route, offered } = routeOf(interaction, false);
    await route!(test.ctx, performance.now());
    const callback = await fake.waitForCallback(interaction);
    expect(callback.headers['x-fake-transport']).toBeUndefined();
    expect(callback.body).toEqual(JSON.parse(String(offered[0])));

    const typing = fake.autocomplete('provider', 'deeps', {}, { locale: 'fr' });
    const late = routeOf(typing, false);
    await late.route!(test.ctx, performance.now());
    const choices = await fake.waitForCallback(typing);
    expect(choices.body).toEqual(JSON.parse(String(late.offered[0])));
    expect((choices.body as { type: number }).type).toBe(8);
  });

  it('a failure after the answer: the error notice follows up through discord.js', async () => {
    const test = createTestContext();
    const broken = new Error('the miss counter broke');
    // countMiss runs after a not-found answer was given.
    const ctx: BotContext = {
      ...test.ctx,
      metrics: {
        ...test.ctx.metrics,
        misses: {
          inc: () => {
            throw broken;
          },
        } as unknown as BotContext['metrics']['misses'],
      },
    };
    const interaction = fake.slashCommand({ provider: 'nothing-like-this' }, { locale: 'pl' });
    const { route, offered } = routeOf(interaction);
    await route!(ctx, performance.now());
    expect(offered).toHaveLength(1);
    const followUp = await fake.waitForRequest(
      (r) =>
        r.method === 'POST' && r.path === `/webhooks/${fake.applicationId}/${interaction.token}`,
    );
    expect(followUp.body).toMatchObject({
      content: translate(knowledge.catalog, 'pl', 'error.generic'),
      flags: 64,
      allowed_mentions: { parse: [] },
    });
    expect(test.logs.find((l) => l.msg === 'discord interaction failed')).toMatchObject({
      err: { message: broken.message },
    });
  });
});
