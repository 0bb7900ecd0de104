import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy } from '../../commands/deploy.js';
import { translate } from '../../src/core/i18n.js';
import type { Knowledge } from '../../src/core/knowledge.js';
import type { Locale } from '../../src/core/locales.js';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import { startDiscord } from '../../src/discord/client.js';
import type { PlatformHandle } from '../../src/runtime/bot-context.js';
import { createTestContext, realKnowledge, type TestContext } from '../helpers/context.js';
import {
  BOT_PERMISSIONS,
  MEMBER_PERMISSIONS,
  MODERATOR_PERMISSIONS,
  PIN_MESSAGES,
  startFakeDiscord,
  type FakeDiscord,
  type Interaction,
  type RecordedRequest,
} from './fake-discord.js';

/**
 * The real discord.js client, started by startDiscord(), against the fake Discord on
 * 127.0.0.1: slash commands, autocomplete, buttons, the message command, pins, faults and
 * gateway drops, asserted on what reaches Discord's REST API.
 */

const EPHEMERAL = 64;
const MANAGE_MESSAGES = 1n << 13n;
const knowledge = realKnowledge();
const catalog = knowledge.catalog;
const t = (locale: Locale, key: Parameters<typeof translate>[2], vars = {}) =>
  translate(catalog, locale, key, vars);

interface Button {
  type: number;
  style: number;
  label?: string;
  custom_id?: string;
  url?: string;
}
interface MessageData {
  content?: string;
  embeds?: APIEmbed[];
  components?: { components: Button[] }[];
  flags?: number;
  allowed_mentions?: unknown;
  choices?: { name: string; value: string }[];
}
interface CallbackBody {
  type: number;
  data?: MessageData;
}

const callback = (r: RecordedRequest) => r.body as CallbackBody;
const buttonsOf = (data: MessageData | undefined) =>
  (data?.components ?? []).flatMap((r) => r.components);
const embedOf = (data: MessageData | undefined) => data!.embeds![0]!;

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function counter(
  test: TestContext,
  name: 'reconnects' | 'requests' | 'autocompletes' | 'connected',
): Promise<number> {
  const metric = await test.ctx.metrics[name].get();
  return metric.values
    .filter((v) => v.labels.platform === 'discord')
    .reduce((sum, v) => sum + v.value, 0);
}

interface Bot {
  fake: FakeDiscord;
  test: TestContext;
  handle: PlatformHandle;
  /** Every interaction dispatched, to check that none leaked its token into the logs. */
  sent: Interaction[];
  interact(interaction: Interaction, timeoutMs?: number): Promise<RecordedRequest>;
  /** Waits for the bot's record of an interaction (it is written after the reply is sent). */
  recorded(interaction: Interaction): Promise<Record<string, unknown>>;
}

async function startBot(options: Parameters<typeof createTestContext>[0] = {}): Promise<Bot> {
  const fake = await startFakeDiscord({ heartbeatIntervalMs: 2_000 });
  const test = createTestContext(options);
  const handle = await startDiscord(
    { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
    test.ctx,
  );
  const sent: Interaction[] = [];
  const records = () =>
    test.logs.filter(
      (l) => l.msg === 'answered' || l.msg === 'suggested' || l.msg === 'request failed',
    );
  return {
    fake,
    test,
    handle,
    sent,
    interact(interaction, timeoutMs) {
      sent.push(interaction);
      return fake.interact(interaction, timeoutMs);
    },
    async recorded(interaction) {
      const index = sent.indexOf(interaction);
      await until(() => records().length > index, `the record of interaction ${interaction.id}`);
      return records()[index]!;
    },
  };
}

function assertNoSecretsLogged(bot: Bot): void {
  const text = bot.test.rawLogs.join('');
  expect(text).not.toContain(bot.fake.token);
  for (const interaction of bot.sent) expect(text).not.toContain(interaction.token);
}

/** A knowledge whose ask() throws for one query, to exercise the handler's failure path. */
function explodingKnowledge(): Knowledge {
  return {
    ...knowledge,
    ask: (query, locale) => {
      if (query === 'explode') throw new Error('the core blew up');
      return knowledge.ask(query, locale);
    },
  };
}

describe('Discord bot end to end', () => {
  let bot: Bot;

  beforeAll(async () => {
    bot = await startBot({ knowledge: explodingKnowledge });
  });
  afterAll(async () => {
    await bot?.handle.stop();
    await bot?.fake.close();
  });

  it('logs in through the REST /gateway/bot URL with the Guilds intent only and is ready', () => {
    expect(bot.handle.ready()).toBe(true);
    expect(bot.handle.name).toBe('discord');
    const gateway = bot.fake.requests.find((r) => r.path === '/gateway/bot');
    expect(gateway?.status).toBe(200);
    expect(bot.fake.identified).toEqual([{ intents: 1, shard: [0, 1] }]);
  });

  it.each<[Locale, string]>([
    ['de', 'deepseek'],
    ['ja', 'openai'],
    ['pt-BR', 'anthropic'],
    ['zh-TW', 'moonshot'],
    ['es-419', 'mistral'],
  ])('answers /vllm publicly in the asker’s language (%s, %s)', async (locale, providerId) => {
    const interaction = bot.fake.slashCommand({ provider: providerId }, { locale });
    const { type, data } = callback(await bot.interact(interaction));
    const expected = knowledge.answerFor(providerId, locale)!;
    expect(type).toBe(4);
    expect(data?.flags ?? 0).toBe(0);
    expect(data?.allowed_mentions).toEqual({ parse: [] });
    const embed = embedOf(data);
    expect(embed.title).toBe(`${expected.emoji} ${expected.title}`);
    expect(embed.title).toContain(t(locale, `status.${expected.status}`));
    expect(embed.color).toBe(expected.color);
    expect(embed.footer?.text).toBe(expected.footer);
    const [first, second] = data?.components ?? [];
    const [pin, ...links] = first!.components;
    expect(pin).toMatchObject({
      custom_id: `vllm:pin:${locale}:0:${expected.provider.id}`,
      label: t(locale, 'button.pin'),
    });
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((b) => b.style === 5 && b.url?.startsWith('https://'))).toBe(true);
    // No report channel in this context: only "In my language" below.
    expect(second!.components).toEqual([
      expect.objectContaining({
        custom_id: `vllm:mine:${providerId}`,
        label: t(locale, 'button.inMyLanguage'),
      }),
    ]);
    expect(await bot.recorded(interaction)).toMatchObject({
      platform: 'discord',
      outcome: 'found',
      provider: providerId,
      locale,
    });
  });

  it('the language option overrides the asker’s language, picked or typed', async () => {
    const french = knowledge.answerFor('deepseek', 'fr')!;
    const picked = callback(
      await bot.interact(
        bot.fake.slashCommand({ provider: 'deepseek', language: 'fr' }, { locale: 'en-US' }),
      ),
    );
    expect(embedOf(picked.data).title).toBe(`${french.emoji} ${french.title}`);
    const typed = callback(
      await bot.interact(
        bot.fake.slashCommand({ provider: 'openai', language: 'Deutsch' }, { locale: 'ja' }),
      ),
    );
    expect(embedOf(typed.data).footer?.text).toBe(knowledge.answerFor('openai', 'de')!.footer);
    const nonsense = callback(
      await bot.interact(
        bot.fake.slashCommand({ provider: 'openai', language: 'klingon' }, { locale: 'ko' }),
      ),
    );
    expect(embedOf(nonsense.data).footer?.text).toBe(knowledge.answerFor('openai', 'ko')!.footer);
  });

  it('private: only the asker sees it, with a "Post publicly" button', async () => {
    const interaction = bot.fake.slashCommand(
      { provider: 'claude', private: true },
      { locale: 'it' },
    );
    const { type, data } = callback(await bot.interact(interaction));
    expect(type).toBe(4);
    expect(data?.flags).toBe(EPHEMERAL);
    expect(buttonsOf(data)[0]).toMatchObject({
      custom_id: 'vllm:share:it:anthropic',
      label: t('it', 'button.postPublicly'),
    });
    expect(buttonsOf(data).some((b) => b.custom_id?.startsWith('vllm:pin'))).toBe(false);
  });

  it('"Post publicly" posts the private answer for everyone, in its language, with a Pin button', async () => {
    const click = bot.fake.button(
      'vllm:share:it:anthropic',
      { flags: EPHEMERAL },
      { locale: 'en-US' },
    );
    const { type, data } = callback(await bot.interact(click));
    expect(type).toBe(4);
    expect(data?.flags ?? 0).toBe(0);
    expect(embedOf(data).footer?.text).toBe(knowledge.answerFor('anthropic', 'it')!.footer);
    expect(buttonsOf(data)[0]?.custom_id).toBe('vllm:pin:it:0:anthropic');
  });

  it('autocompletes providers from memory: at most 25, DeepSeek first for "deepsek"', async () => {
    const typo = callback(
      await bot.interact(bot.fake.autocomplete('provider', 'deepsek', {}, { locale: 'de' })),
    );
    expect(typo.type).toBe(8);
    const deepseek = knowledge.answerFor('deepseek', 'de')!;
    expect(typo.data?.choices?.[0]).toEqual({
      name: `${deepseek.emoji} DeepSeek — ${deepseek.statusLabel}`,
      value: 'deepseek',
    });
    const empty = callback(await bot.interact(bot.fake.autocomplete('provider', '')));
    expect(empty.data?.choices).toHaveLength(25);
    for (const choice of empty.data!.choices!) {
      expect(choice.name.length).toBeLessThanOrEqual(100);
      expect(choice.value.length).toBeLessThanOrEqual(100);
    }
  });

  it('autocompletes the language option over all 32 locales by their own names', async () => {
    const mine = callback(
      await bot.interact(bot.fake.autocomplete('language', '', {}, { locale: 'ja' })),
    );
    expect(mine.data?.choices).toHaveLength(25);
    expect(mine.data?.choices?.[0]).toEqual({
      name: `${t('ja', 'language.name')} (ja)`,
      value: 'ja',
    });
    const typed = callback(
      await bot.interact(bot.fake.autocomplete('language', 'portug', { provider: 'x' })),
    );
    expect(typed.data?.choices?.map((c) => c.value)).toEqual(['pt-BR']);
  });

  it('ambiguous: private "did you mean" buttons; a click posts that provider’s answer', async () => {
    const ask = bot.fake.slashCommand({ provider: 'deepseek openai' }, { locale: 'de' });
    const { data } = callback(await bot.interact(ask));
    expect(data?.flags).toBe(EPHEMERAL);
    expect(embedOf(data).title).toBe(t('de', 'ambiguous.title'));
    const ids = buttonsOf(data).map((b) => b.custom_id);
    expect(ids).toEqual(['vllm:pick:de:v:deepseek', 'vllm:pick:de:v:openai']);
    expect(await bot.recorded(ask)).toMatchObject({ outcome: 'ambiguous', locale: 'de' });

    const click = bot.fake.button(ids[1]!, { flags: EPHEMERAL }, { locale: 'en-US' });
    const answer = callback(await bot.interact(click));
    expect(answer.type).toBe(4);
    expect(answer.data?.flags ?? 0).toBe(0);
    expect(embedOf(answer.data).footer?.text).toBe(knowledge.answerFor('openai', 'de')!.footer);
  });

  it('ambiguous and private: the click turns the suggestion into the private answer in place', async () => {
    const ask = bot.fake.slashCommand(
      { provider: 'anthropic vs openai', private: true },
      { locale: 'pl' },
    );
    const ids = buttonsOf(callback(await bot.interact(ask)).data).map((b) => b.custom_id);
    expect(ids).toEqual(['vllm:pick:pl:p:anthropic', 'vllm:pick:pl:p:openai']);
    const click = bot.fake.button(ids[0]!, { flags: EPHEMERAL }, { locale: 'pl' });
    const update = callback(await bot.interact(click));
    expect(update.type).toBe(7);
    expect(embedOf(update.data).footer?.text).toBe(knowledge.answerFor('anthropic', 'pl')!.footer);
    expect(buttonsOf(update.data)[0]?.custom_id).toBe('vllm:share:pl:anthropic');
  });

  it('not found: a private, localised list of the known providers', async () => {
    const ask = bot.fake.slashCommand({ provider: 'nothing-here' }, { locale: 'fr' });
    const { data } = callback(await bot.interact(ask));
    expect(data?.flags).toBe(EPHEMERAL);
    expect(embedOf(data).title).toBe(t('fr', 'notFound.title'));
    for (const provider of knowledge.providers) {
      expect(embedOf(data).description).toContain(provider.name);
    }
    expect(await bot.recorded(ask)).toMatchObject({ outcome: 'not-found', locale: 'fr' });
  });

  it('no provider: the public overview of every provider, with a Pin button', async () => {
    const ask = bot.fake.slashCommand({}, { locale: 'uk' });
    const { data } = callback(await bot.interact(ask));
    expect(data?.flags ?? 0).toBe(0);
    expect(embedOf(data).title).toBe(
      t('uk', 'overview.title', { count: knowledge.providers.length }),
    );
    expect(buttonsOf(data).map((b) => b.custom_id)).toEqual(['vllm:pin:uk:0:*', 'vllm:mine:']);
    expect(await bot.recorded(ask)).toMatchObject({ outcome: 'overview', locale: 'uk' });
  });

  it('never pings: @everyone and <@123> in a query stay inert and escaped', async () => {
    const query = '@everyone <@123> **nothing-here**';
    const { data } = callback(await bot.interact(bot.fake.slashCommand({ provider: query })));
    expect(data?.allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(data).description).toContain('@everyone <@123> \\*\\*nothing-here\\*\\*');
  });

  describe('the Pin button', () => {
    const pinRequests = () => bot.fake.requests.filter((r) => r.path.includes('/messages/pins/'));

    it('pins the message when both the moderator and the bot may pin', async () => {
      const before = pinRequests().length;
      const click = bot.fake.button(
        'vllm:pin',
        { id: '1300000000000000001' },
        { locale: 'ja', memberPermissions: MODERATOR_PERMISSIONS },
      );
      const deferred = callback(await bot.interact(click));
      expect(deferred).toEqual({ type: 5, data: { flags: EPHEMERAL } });
      const edit = await bot.fake.waitForRequest(
        (r) => r.method === 'PATCH' && r.path.includes(click.token),
      );
      expect(edit.status).toBe(200);
      expect((edit.body as MessageData).content).toBe(t('ja', 'pin.done'));
      expect((edit.body as MessageData).allowed_mentions).toEqual({ parse: [] });
      expect(
        pinRequests()
          .slice(before)
          .map((r) => `${r.method} ${r.path} ${r.status}`),
      ).toEqual([`PUT /channels/${bot.fake.channelId}/messages/pins/1300000000000000001 204`]);
    });

    it.each<[string, bigint, bigint, 'pin.userMissingPermission' | 'pin.botMissingPermission']>([
      [
        'a member without Pin Messages',
        MEMBER_PERMISSIONS,
        BOT_PERMISSIONS,
        'pin.userMissingPermission',
      ],
      [
        'Manage Messages alone (no longer enough)',
        MEMBER_PERMISSIONS | MANAGE_MESSAGES,
        BOT_PERMISSIONS,
        'pin.userMissingPermission',
      ],
      [
        'a bot without Pin Messages',
        MODERATOR_PERMISSIONS,
        BOT_PERMISSIONS & ~PIN_MESSAGES,
        'pin.botMissingPermission',
      ],
    ])('explains privately, in the clicker’s language: %s', async (_, member, app, key) => {
      const before = pinRequests().length;
      const click = bot.fake.button(
        'vllm:pin',
        {},
        { locale: 'ko', memberPermissions: member, appPermissions: app },
      );
      const { type, data } = callback(await bot.interact(click));
      expect(type).toBe(4);
      expect(data?.flags).toBe(EPHEMERAL);
      expect(data?.content).toBe(t('ko', key));
      expect(pinRequests().length).toBe(before);
    });

    it('explains a full channel (error 30003)', async () => {
      bot.fake.faults.pins.push('channel-full');
      const click = bot.fake.button(
        'vllm:pin',
        {},
        { locale: 'nl', memberPermissions: MODERATOR_PERMISSIONS },
      );
      expect(callback(await bot.interact(click)).type).toBe(5);
      const edit = await bot.fake.waitForRequest(
        (r) => r.method === 'PATCH' && r.path.includes(click.token),
      );
      expect(edit.status).toBe(200);
      expect((edit.body as MessageData).content).toBe(t('nl', 'pin.channelFull'));
      expect(pinRequests().at(-1)?.status).toBe(400);
    });

    it('explains a user-installed context where the bot is not in the server', async () => {
      const before = pinRequests().length;
      const click = bot.fake.button(
        'vllm:pin',
        {},
        { locale: 'tr', place: 'elsewhere', memberPermissions: MODERATOR_PERMISSIONS },
      );
      const { data } = callback(await bot.interact(click));
      expect(data?.flags).toBe(EPHEMERAL);
      expect(data?.content).toBe(t('tr', 'pin.notInServer'));
      expect(pinRequests().length).toBe(before);
    });
  });

  it('works in a DM and in a server the bot is not in (user install)', async () => {
    const dm = callback(
      await bot.interact(bot.fake.slashCommand({ provider: 'xai' }, { place: 'dm', locale: 'vi' })),
    );
    expect(embedOf(dm.data).footer?.text).toBe(knowledge.answerFor('xai', 'vi')!.footer);
    const elsewhere = callback(
      await bot.interact(bot.fake.slashCommand({ provider: 'meta' }, { place: 'elsewhere' })),
    );
    expect(embedOf(elsewhere.data).title).toContain('Meta');
  });

  it('"Ask vLLM bot" on a message answers the provider it names, publicly, linked to it', async () => {
    const ask = bot.fake.messageCommand('Does DeepSeek use vLLM in production?', {
      locale: 'zh-CN',
    });
    const { type, data } = callback(await bot.interact(ask));
    expect(type).toBe(4);
    expect(data?.flags ?? 0).toBe(0);
    expect(embedOf(data).footer?.text).toBe(knowledge.answerFor('deepseek', 'zh-CN')!.footer);
    const targetId = (ask.payload.data as { target_id: string }).target_id;
    expect(data?.content).toContain(
      `https://discord.com/channels/${bot.fake.guildId}/${bot.fake.channelId}/${targetId}`,
    );

    const thanks = bot.fake.messageCommand('thanks, that helped!', { locale: 'zh-CN' });
    const nothing = callback(await bot.interact(thanks));
    expect(nothing.data?.flags).toBe(EPHEMERAL);
    expect(nothing.data?.content).toBe(t('zh-CN', 'contextMenu.noProvider'));
  });

  it('a handler that throws: private localised error, error log with the interaction id, no crash', async () => {
    const boom = bot.fake.slashCommand({ provider: 'explode' }, { locale: 'fr' });
    const { data } = callback(await bot.interact(boom));
    expect(data?.flags).toBe(EPHEMERAL);
    expect(data?.content).toBe(t('fr', 'error.generic'));
    expect(await bot.recorded(boom)).toMatchObject({ level: 50, outcome: 'error', locale: 'fr' });
    const logged = bot.test.logs.find(
      (l) => l.msg === 'discord interaction failed' && l.interactionId === boom.id,
    );
    expect(logged).toMatchObject({ level: 50, err: { message: 'the core blew up' } });
    const next = callback(await bot.interact(bot.fake.slashCommand({ provider: 'nvidia' })));
    expect(embedOf(next.data).title).toContain('NVIDIA');
  });

  it('a callback answering 500 once is retried and the answer arrives', async () => {
    bot.fake.faults.callbacks.push({ status: 500 });
    const ask = bot.fake.slashCommand({ provider: 'ibm' });
    expect(callback(await bot.interact(ask)).type).toBe(4);
    expect(bot.fake.requestsFor(ask).map((r) => r.status)).toEqual([500, 204]);
  });

  it('a callback that keeps failing with 500: logged with the interaction id, nothing crashes', async () => {
    // discord.js tries 4 times; then the bot's "something went wrong" is tried 4 times too.
    bot.fake.faults.callbacks.push(...Array.from({ length: 8 }, () => ({ status: 500 as const })));
    const ask = bot.fake.slashCommand({ provider: 'ibm' });
    bot.sent.push(ask);
    bot.fake.dispatch(ask);
    expect(await bot.recorded(ask)).toMatchObject({ outcome: 'error' });
    const messages = bot.test.logs.filter((l) => l.interactionId === ask.id).map((l) => l.msg);
    expect(messages).toEqual([
      'discord interaction failed',
      'could not tell the user that something went wrong',
    ]);
    expect(bot.fake.requestsFor(ask).map((r) => r.status)).toEqual(Array(8).fill(500));
    const next = callback(await bot.interact(bot.fake.slashCommand({ provider: 'cohere' })));
    expect(embedOf(next.data).title).toContain('Cohere');
  });

  it('a callback answering 429 is retried after retry-after', async () => {
    bot.fake.faults.callbacks.push({ status: 429, retryAfterSeconds: 1 });
    const ask = bot.fake.slashCommand({ provider: 'snowflake' });
    expect(callback(await bot.interact(ask)).type).toBe(4);
    const [limited, accepted] = bot.fake.requestsFor(ask);
    expect([limited?.status, accepted?.status]).toEqual([429, 204]);
    expect(accepted!.at - limited!.at).toBeGreaterThanOrEqual(950);
  });

  it('reconnects when the Gateway drops mid-session, and again during the reconnect', async () => {
    const reconnects = await counter(bot.test, 'reconnects');
    const resumes = bot.fake.stats.resumes;
    bot.fake.faults.dropOnResume = 1;
    bot.fake.dropGateway();
    await until(() => !bot.handle.ready(), 'the bot to notice the drop');
    await until(
      async () => bot.handle.ready() && (await counter(bot.test, 'reconnects')) > reconnects,
      'a resumed session',
    );
    expect(bot.fake.stats.resumes - resumes).toBe(2);
    const ask = bot.fake.slashCommand({ provider: 'roblox' }, { locale: 'cs' });
    const after = callback(await bot.interact(ask));
    expect(embedOf(after.data).footer?.text).toBe(knowledge.answerFor('roblox', 'cs')!.footer);
  });

  it('re-identifies when the session cannot be resumed, and answers the next command', async () => {
    const reconnects = await counter(bot.test, 'reconnects');
    const identifies = bot.fake.stats.identifies;
    bot.fake.faults.resume = 'invalidate';
    bot.fake.dropGateway();
    await until(
      async () => bot.handle.ready() && (await counter(bot.test, 'reconnects')) > reconnects,
      'a new session',
    );
    expect(bot.fake.stats.identifies).toBe(identifies + 1);
    bot.fake.faults.resume = 'resume';
    const ask = bot.fake.slashCommand({ provider: 'baidu' }, { locale: 'hi' });
    const after = callback(await bot.interact(ask));
    expect(embedOf(after.data).footer?.text).toBe(knowledge.answerFor('baidu', 'hi')!.footer);
  });

  it('recorded every interaction once, used only known routes, and never logged a token', async () => {
    await bot.recorded(bot.sent.at(-1)!);
    const records = bot.test.logs.filter(
      (l) => l.msg === 'answered' || l.msg === 'suggested' || l.msg === 'request failed',
    );
    expect(records).toHaveLength(bot.sent.length);
    expect((await counter(bot.test, 'requests')) + (await counter(bot.test, 'autocompletes'))).toBe(
      bot.sent.length,
    );
    expect(bot.fake.unknownRoutes).toEqual([]);
    expect(bot.fake.stats.heartbeats).toBeGreaterThan(0);
    expect(bot.test.logs.filter((l) => l.msg === 'discord interaction failed')).toHaveLength(2);
    for (const r of bot.fake.requests) {
      const body = r.body as CallbackBody & MessageData;
      if (r.path.endsWith('/callback') && (body.type === 4 || body.type === 7)) {
        expect(body.data?.allowed_mentions, r.path).toEqual({ parse: [] });
      }
      if (r.path.startsWith('/webhooks/') && r.method !== 'GET') {
        expect(body.allowed_mentions).toEqual({ parse: [] });
      }
    }
    assertNoSecretsLogged(bot);
  });
});

describe('Discord bot limits and lifecycle', () => {
  it('answers a user who asks too fast with a localised "slow down"', async () => {
    const bot = await startBot({ rateLimit: { max: 1, windowMs: 60_000 } });
    try {
      expect(await counter(bot.test, 'connected')).toBe(1);
      const first = callback(
        await bot.interact(bot.fake.slashCommand({ provider: 'meta' }, { locale: 'de' })),
      );
      expect(first.type).toBe(4);
      const again = bot.fake.slashCommand({ provider: 'meta' }, { locale: 'de' });
      const second = callback(await bot.interact(again));
      expect(second.data?.flags).toBe(EPHEMERAL);
      expect(second.data?.content).toBe(t('de', 'error.rateLimited', { seconds: 60 }));
      expect(await bot.recorded(again)).toMatchObject({ outcome: 'rate-limited', locale: 'de' });
      const otherUser = bot.fake.slashCommand(
        { provider: 'meta' },
        { userId: '987654321098765432' },
      );
      expect(callback(await bot.interact(otherUser)).data?.flags ?? 0).toBe(0);
      assertNoSecretsLogged(bot);
    } finally {
      await bot.handle.stop();
      await bot.handle.stop();
      expect(bot.handle.ready()).toBe(false);
      expect(await counter(bot.test, 'connected')).toBe(0);
      await bot.fake.close();
    }
  });

  it('refuses to start with a rejected token, clearly and without printing it', async () => {
    const fake = await startFakeDiscord();
    const test = createTestContext();
    const wrong = `${fake.token.slice(0, -5)}WRONG`;
    try {
      await expect(
        startDiscord(
          { token: wrong, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
          test.ctx,
        ),
      ).rejects.toThrow(/rejected the bot token.*DISCORD_TOKEN/);
      expect(test.rawLogs.join('')).not.toContain(wrong);
    } finally {
      await fake.close();
    }
  });
});

describe('commands:deploy against the fake Discord', () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake.close();
  });

  const env = (extra: Record<string, string> = {}) => ({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    ...extra,
  });
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };

  it('registers both commands globally with one bulk overwrite, twice without harm', async () => {
    for (let run = 0; run < 2; run += 1) {
      const { out, err, io } = capture();
      expect(await deploy(env(), io)).toBe(0);
      expect(err).toEqual([]);
      const text = out.join('\n');
      expect(text).toMatch(/Registered 2 commands globally/);
      expect(text).toContain('/vllm (slash command; options: provider, language, private)');
      expect(text).toContain('"Ask vLLM bot" (message context-menu command)');
    }
    const puts = fake.requests.filter(
      (r) => r.method === 'PUT' && r.path === `/applications/${fake.applicationId}/commands`,
    );
    expect(puts).toHaveLength(2);
    expect(puts[0]!.body).toEqual(puts[1]!.body);
    const registered = fake.commands.get('global')!;
    expect(registered.map((c) => c.name)).toEqual(['vllm', 'Ask vLLM bot']);
    expect(registered[0]).toMatchObject({ integration_types: [0, 1], contexts: [0, 1, 2] });
  });

  it('reads the application id from the token when DISCORD_APPLICATION_ID is unset', async () => {
    const { out, err, io } = capture();
    expect(await deploy({ DISCORD_TOKEN: fake.token, DISCORD_API_URL: fake.apiUrl }, io)).toBe(0);
    expect(err).toEqual([]);
    expect(out[0]).toContain(`application ${fake.applicationId}`);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/applications/@me')).toBe(
      true,
    );
  });

  it('registers in DISCORD_GUILD_ID when set', async () => {
    const guildId = '112233445566778899';
    const { out, io } = capture();
    expect(await deploy(env({ DISCORD_GUILD_ID: guildId }), io)).toBe(0);
    expect(out[0]).toContain(`in server ${guildId}`);
    const route = `/applications/${fake.applicationId}/guilds/${guildId}/commands`;
    expect(fake.requests.some((r) => r.method === 'PUT' && r.path === route)).toBe(true);
    expect(fake.commands.get(guildId)?.map((c) => c.name)).toEqual(['vllm', 'Ask vLLM bot']);
  });

  it('fails clearly on a rejected token and when Discord is not configured', async () => {
    const bad = capture();
    const wrong = `${fake.token.slice(0, -5)}WRONG`;
    expect(await deploy(env({ DISCORD_TOKEN: wrong }), bad.io)).toBe(1);
    expect(bad.err.join('\n')).toMatch(/rejected the token \(401 Unauthorized\).*DISCORD_TOKEN/);
    expect(bad.err.join('\n') + bad.out.join('\n')).not.toContain(wrong);
    const none = capture();
    expect(await deploy({}, none.io)).toBe(1);
    expect(none.err.join('\n')).toMatch(/Discord is not configured: set DISCORD_TOKEN/);
  });

  it('as a script: exit 1 and a clear line on a bad token (no stack, no token), 0 on success', async () => {
    const run = (extra: Record<string, string>) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(
          join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
          [join(PROJECT_ROOT, 'commands/deploy.ts')],
          { cwd: tmpdir(), env: { PATH: process.env.PATH, ...env(extra) } },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    const wrong = `${fake.token.slice(0, -5)}WRONG`;
    const [bad, good] = await Promise.all([run({ DISCORD_TOKEN: wrong }), run({})]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/401/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(bad.stderr + bad.stdout).not.toContain(wrong);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/Registered 2 commands globally/);
    expect(good.stdout + good.stderr).not.toContain(fake.token);
  });
});
