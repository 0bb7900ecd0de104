import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, parseDeployArgs } from '../../commands/deploy.js';
import { translate } from '../../src/core/i18n.js';
import type { Knowledge } from '../../src/core/knowledge.js';
import type { Locale } from '../../src/core/locales.js';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import {
  FIRST_ANSWER_MS,
  MAX_BODY_BYTES,
  startDiscordHttp,
  type DiscordHttpHandle,
} from '../../src/discord/http/server.js';
import { createTestContext, realKnowledge, type TestContext } from '../helpers/context.js';
import { cleanEnv } from '../helpers/run.js';
import {
  MODERATOR_PERMISSIONS,
  snowflake,
  startFakeDiscord,
  type FakeDiscord,
  type Interaction,
} from './fake-discord.js';

/**
 * HTTP interactions mode: startDiscordHttp() on 127.0.0.1, with no gateway, receives
 * interactions signed with the fake Discord's test key (as Discord POSTs them) and answers in
 * the HTTP response; edits, follow-ups and pins go to the fake's REST API.
 */

const EPHEMERAL = 64;
const knowledge = realKnowledge();
const t = (locale: Locale, key: Parameters<typeof translate>[2], vars = {}) =>
  translate(knowledge.catalog, locale, key, vars);

interface Button {
  style: number;
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
interface Answer {
  type: number;
  data?: MessageData;
}

type SignatureHeaders = ReturnType<FakeDiscord['signatureHeaders']>;
/** The same signature with its first hex digit changed: well-formed, and wrong. */
const forge = (signature: string) => (signature.startsWith('0') ? '1' : '0') + signature.slice(1);

const buttonsOf = (data: MessageData | undefined) =>
  (data?.components ?? []).flatMap((r) => r.components);
const embedOf = (data: MessageData | undefined) => data!.embeds![0]!;

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function connectedGauge(test: TestContext): Promise<number> {
  const metric = await test.ctx.metrics.connected.get();
  return metric.values
    .filter((v) => v.labels.platform === 'discord')
    .reduce((s, v) => s + v.value, 0);
}

function explodingKnowledge(): Knowledge {
  return {
    ...knowledge,
    ask: (query, locale) => {
      if (query === 'explode') throw new Error('the core blew up');
      return knowledge.ask(query, locale);
    },
  };
}

interface Bot {
  fake: FakeDiscord;
  test: TestContext;
  handle: DiscordHttpHandle;
  url: string;
  sent: Interaction[];
  /** Delivers a signed interaction; resolves with the HTTP status and answer. */
  send(interaction: Interaction): Promise<{ status: number; answer: Answer }>;
  records(): Record<string, unknown>[];
}

async function startBot(
  options: Parameters<typeof createTestContext>[0] = {},
  publicKey?: string,
): Promise<Bot> {
  const fake = await startFakeDiscord();
  const test = createTestContext(options);
  const handle = await startDiscordHttp(
    {
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiUrl,
      http: { publicKey: publicKey ?? fake.publicKey, port: 0, host: '127.0.0.1' },
    },
    test.ctx,
  );
  const url = `http://127.0.0.1:${handle.port}/interactions`;
  const sent: Interaction[] = [];
  return {
    fake,
    test,
    handle,
    url,
    sent,
    async send(interaction) {
      sent.push(interaction);
      const { status, body } = await fake.deliver(url, interaction);
      return { status, answer: body as Answer };
    },
    records: () =>
      test.logs.filter(
        (l) => l.msg === 'answered' || l.msg === 'suggested' || l.msg === 'request failed',
      ),
  };
}

async function stopBot(bot: Bot | undefined): Promise<void> {
  await bot?.handle.stop();
  await bot?.fake.close();
}

/** A raw POST to the endpoint, for requests Discord would never send. */
function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  method = 'POST',
): Promise<{ status: number; text: string }> {
  return fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'GET' ? {} : { body }),
  }).then(async (r) => ({ status: r.status, text: await r.text() }));
}

describe('Discord over HTTP interactions, end to end', () => {
  let bot: Bot;

  beforeAll(async () => {
    bot = await startBot({ knowledge: explodingKnowledge });
  });
  afterAll(() => stopBot(bot));

  it('is ready once listening, and opens no gateway', async () => {
    expect(bot.handle.name).toBe('discord');
    expect(bot.handle.ready()).toBe(true);
    expect(await connectedGauge(bot.test)).toBe(1);
    expect(bot.fake.stats.connections).toBe(0);
    expect(bot.fake.requests.some((r) => r.path.startsWith('/gateway'))).toBe(false);
  });

  it('PONGs a signed PING', async () => {
    const ping: Interaction = {
      id: snowflake(),
      token: 'ping-token',
      payload: { id: snowflake(), token: 'ping-token', type: 1, version: 1 },
    };
    const { status, answer } = await bot.send(ping);
    expect(status).toBe(200);
    expect(answer).toEqual({ type: 1 });
    const bare = '{"type":1}';
    const pong = await post(bot.url, bare, bot.fake.signatureHeaders(bare));
    expect([pong.status, JSON.parse(pong.text)]).toEqual([200, { type: 1 }]);
  });

  it('answers /vllm in the HTTP response, in the asker’s language, never pinging', async () => {
    const interaction = bot.fake.slashCommand({ provider: 'deepseek' }, { locale: 'de' });
    const { status, answer } = await bot.send(interaction);
    expect(status).toBe(200);
    expect(answer.type).toBe(4);
    expect(answer.data?.flags ?? 0).toBe(0);
    expect(answer.data?.allowed_mentions).toEqual({ parse: [] });
    const expected = knowledge.answerFor('deepseek', 'de')!;
    expect(embedOf(answer.data).title).toBe(`${expected.emoji} ${expected.title}`);
    expect(embedOf(answer.data).footer?.text).toBe(expected.footer);
    expect(buttonsOf(answer.data)[0]?.custom_id).toBe('vllm:pin:de:0:deepseek');
    // The answer went only into the HTTP response: no callback reached Discord's REST API.
    expect(bot.fake.requestsFor(interaction).map((r) => r.headers['x-fake-transport'])).toEqual([
      'http-response',
    ]);
    await until(() => bot.records().length >= 1, 'the record');
    expect(bot.records().at(-1)).toMatchObject({
      platform: 'discord',
      outcome: 'found',
      provider: 'deepseek',
      locale: 'de',
    });
  });

  it('not found: a private, localised list of the known providers', async () => {
    const { answer } = await bot.send(
      bot.fake.slashCommand({ provider: 'nothing-here' }, { locale: 'fr' }),
    );
    expect(answer.type).toBe(4);
    expect(answer.data?.flags).toBe(EPHEMERAL);
    expect(embedOf(answer.data).title).toBe(t('fr', 'notFound.title'));
    expect(answer.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('ambiguous: "did you mean" buttons; a click posts that answer, or updates it in place when private', async () => {
    const ask = await bot.send(
      bot.fake.slashCommand({ provider: 'deepseek openai' }, { locale: 'de' }),
    );
    expect(ask.answer.data?.flags).toBe(EPHEMERAL);
    expect(embedOf(ask.answer.data).title).toBe(t('de', 'ambiguous.title'));
    const ids = buttonsOf(ask.answer.data).map((b) => b.custom_id);
    expect(ids).toEqual(['vllm:pick:de:v:deepseek', 'vllm:pick:de:v:openai']);

    const pick = await bot.send(
      bot.fake.button(ids[1]!, { flags: EPHEMERAL }, { locale: 'en-US' }),
    );
    expect(pick.answer.type).toBe(4);
    expect(pick.answer.data?.flags ?? 0).toBe(0);
    expect(embedOf(pick.answer.data).footer?.text).toBe(
      knowledge.answerFor('openai', 'de')!.footer,
    );

    const privately = await bot.send(
      bot.fake.slashCommand({ provider: 'anthropic vs openai', private: true }, { locale: 'pl' }),
    );
    const privateIds = buttonsOf(privately.answer.data).map((b) => b.custom_id);
    const update = await bot.send(
      bot.fake.button(privateIds[0]!, { flags: EPHEMERAL }, { locale: 'pl' }),
    );
    expect(update.answer.type).toBe(7);
    expect(update.answer.data?.allowed_mentions).toEqual({ parse: [] });
    expect(embedOf(update.answer.data).footer?.text).toBe(
      knowledge.answerFor('anthropic', 'pl')!.footer,
    );
  });

  it('autocompletes providers and languages (type 8)', async () => {
    const typo = await bot.send(bot.fake.autocomplete('provider', 'deepsek', {}, { locale: 'de' }));
    expect(typo.answer.type).toBe(8);
    expect(typo.answer.data?.choices?.[0]?.value).toBe('deepseek');
    const languages = await bot.send(
      bot.fake.autocomplete('language', 'portug', { provider: 'x' }),
    );
    expect(languages.answer.data?.choices?.map((c) => c.value)).toEqual(['pt-BR']);
  });

  it('the Pin button defers in the response, then pins and edits the reply through REST', async () => {
    const click = bot.fake.button(
      'vllm:pin',
      { id: '1300000000000000001' },
      { locale: 'ja', memberPermissions: MODERATOR_PERMISSIONS },
    );
    const { answer } = await bot.send(click);
    expect(answer).toEqual({ type: 5, data: { flags: EPHEMERAL } });
    const edit = await bot.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.includes(click.token),
    );
    expect(edit.path).toBe(`/webhooks/${bot.fake.applicationId}/${click.token}/messages/@original`);
    expect(edit.status).toBe(200);
    expect((edit.body as MessageData).content).toBe(t('ja', 'pin.done'));
    expect((edit.body as MessageData).allowed_mentions).toEqual({ parse: [] });
    const pin = bot.fake.requests.find((r) =>
      r.path.includes('/messages/pins/1300000000000000001'),
    );
    expect(pin).toMatchObject({ method: 'PUT', status: 204 });
    expect(pin?.headers.authorization).toBe(`Bot ${bot.fake.token}`);
  });

  it('the Pin button explains a full channel after deferring', async () => {
    bot.fake.faults.pins.push('channel-full');
    const click = bot.fake.button(
      'vllm:pin',
      {},
      { locale: 'nl', memberPermissions: MODERATOR_PERMISSIONS },
    );
    expect((await bot.send(click)).answer.type).toBe(5);
    const edit = await bot.fake.waitForRequest(
      (r) => r.method === 'PATCH' && r.path.includes(click.token),
    );
    expect((edit.body as MessageData).content).toBe(t('nl', 'pin.channelFull'));
  });

  it('"Ask vLLM bot" on a message answers publicly, linked to it', async () => {
    const ask = bot.fake.messageCommand('Does DeepSeek use vLLM in production?', {
      locale: 'zh-CN',
    });
    const { answer } = await bot.send(ask);
    expect(answer.type).toBe(4);
    expect(embedOf(answer.data).footer?.text).toBe(
      knowledge.answerFor('deepseek', 'zh-CN')!.footer,
    );
    const targetId = (ask.payload.data as { target_id: string }).target_id;
    expect(answer.data?.content).toContain(`/${bot.fake.channelId}/${targetId}`);
  });

  it('a handler that throws: the private localised error is the HTTP answer', async () => {
    const boom = bot.fake.slashCommand({ provider: 'explode' }, { locale: 'fr' });
    const { status, answer } = await bot.send(boom);
    expect(status).toBe(200);
    expect(answer.data?.flags).toBe(EPHEMERAL);
    expect(answer.data?.content).toBe(t('fr', 'error.generic'));
    expect(
      bot.test.logs.find(
        (l) => l.msg === 'discord interaction failed' && l.interactionId === boom.id,
      ),
    ).toMatchObject({ err: { message: 'the core blew up' } });
  });

  it('a button this bot did not make: not answered (500), nothing sent to Discord', async () => {
    const foreign = bot.fake.button('someone-else:thing');
    const { status } = await bot.send(foreign);
    expect(status).toBe(500);
    expect(bot.fake.requestsFor(foreign)).toEqual([]);
  });

  it('answers /vllm from its JSON byte for byte as through discord.js', async () => {
    // An option /vllm does not have sends the same command through discord.js's router.
    const throughDiscordjs = (interaction: Interaction) => {
      const data = interaction.payload.data as { options: unknown[] };
      data.options.push({ name: 'extra', type: 4, value: 1 });
      return interaction;
    };
    const raw = (interaction: Interaction) => {
      const body = JSON.stringify(interaction.payload);
      return post(bot.url, body, bot.fake.signatureHeaders(body));
    };
    const asks: [Parameters<FakeDiscord['slashCommand']>[0], Locale][] = [
      [{ provider: 'deepseek' }, 'de'],
      [{ provider: 'anthropic', private: true }, 'ja'],
      [{}, 'fr'],
      [{ provider: 'deepseek openai' }, 'pl'],
      [{ provider: 'nothing-here' }, 'es-ES'],
      [{ provider: 'kimi', language: 'pt-BR' }, 'en-US'],
      [{ provider: 'explode' }, 'it'],
    ];
    for (const [values, locale] of asks) {
      const direct = await raw(bot.fake.slashCommand(values, { locale }));
      const viaDiscordjs = await raw(throughDiscordjs(bot.fake.slashCommand(values, { locale })));
      expect(direct.status).toBe(200);
      expect(direct.text).toBe(viaDiscordjs.text);
    }
  });

  describe('refuses what Discord did not sign', () => {
    const refused = async (
      mutate: (headers: SignatureHeaders, body: string) => Record<string, string>,
    ) => {
      const interaction = bot.fake.slashCommand({ provider: 'openai' });
      const body = JSON.stringify(interaction.payload);
      const headers = mutate(bot.fake.signatureHeaders(body), body);
      const before = bot.records().length;
      const r = await post(bot.url, body, headers);
      // A good request afterwards is answered and recorded: the refused one never was.
      const next = bot.fake.slashCommand({ provider: 'nvidia' });
      expect((await bot.send(next)).status).toBe(200);
      await until(() => bot.records().length > before, 'the next record');
      expect(bot.records().length).toBe(before + 1);
      expect(bot.fake.requestsFor(interaction)).toEqual([]);
      return r;
    };

    it('a bad signature → 401', async () => {
      const r = await refused((h) => ({
        ...h,
        'x-signature-ed25519': forge(h['x-signature-ed25519']),
      }));
      expect(r.status).toBe(401);
      expect(JSON.parse(r.text)).toEqual({ error: 'invalid request signature' });
    });

    it('a signature of another body → 401', async () => {
      const r = await refused(() => bot.fake.signatureHeaders('{"type":1}'));
      expect(r.status).toBe(401);
    });

    it('a missing signature or timestamp header → 401', async () => {
      expect(
        (await refused((h) => ({ 'x-signature-timestamp': h['x-signature-timestamp'] }))).status,
      ).toBe(401);
      expect(
        (await refused((h) => ({ 'x-signature-ed25519': h['x-signature-ed25519'] }))).status,
      ).toBe(401);
    });

    it('malformed hex → 401', async () => {
      const r = await refused((h) => ({ ...h, 'x-signature-ed25519': 'not-hex' }));
      expect(r.status).toBe(401);
    });

    it('a correctly signed timestamp older than 5 minutes, or too far ahead → 401', async () => {
      const now = Math.floor(Date.now() / 1000);
      const stale = await refused((_, body) => bot.fake.signatureHeaders(body, now - 301));
      expect(stale.status).toBe(401);
      const future = await refused((_, body) => bot.fake.signatureHeaders(body, now + 120));
      expect(future.status).toBe(401);
    });

    it('a badly signed PING (Discord’s own endpoint check) → 401', async () => {
      const body = JSON.stringify({ id: snowflake(), token: 'x', type: 1, version: 1 });
      const headers = bot.fake.signatureHeaders(body);
      headers['x-signature-ed25519'] = forge(headers['x-signature-ed25519']);
      expect((await post(bot.url, body, headers)).status).toBe(401);
    });
  });

  it('answers 404 elsewhere, 405 for other methods, 413 past the body cap, 400 for signed non-JSON', async () => {
    const origin = bot.url.replace('/interactions', '');
    expect((await post(`${origin}/other`, '{}', {})).status).toBe(404);
    const get = await fetch(bot.url);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const big = JSON.stringify({ type: 2, padding: 'x'.repeat(MAX_BODY_BYTES) });
    expect((await post(bot.url, big, bot.fake.signatureHeaders(big))).status).toBe(413);
    const partial = '{"type":2}';
    expect((await post(bot.url, partial, bot.fake.signatureHeaders(partial))).status).toBe(400);
    expect((await post(bot.url, 'not json', bot.fake.signatureHeaders('not json'))).status).toBe(
      400,
    );
  });

  it('recorded each answered interaction once and never logged a token', () => {
    const text = bot.test.rawLogs.join('');
    expect(text).not.toContain(bot.fake.token);
    for (const interaction of bot.sent) expect(text).not.toContain(interaction.token);
    expect(bot.fake.unknownRoutes).toEqual([]);
    expect(bot.fake.stats.connections).toBe(0);
  });
});

describe('Discord HTTP interactions lifecycle', () => {
  it('while draining answers 503; once stopped, the port is closed and not ready', async () => {
    const bot = await startBot();
    try {
      await bot.test.ctx.drain(0);
      const { status } = await bot.send(bot.fake.slashCommand({ provider: 'meta' }));
      expect(status).toBe(503);
      expect(bot.fake.requestsFor(bot.sent[0]!)).toEqual([]);
    } finally {
      await bot.handle.stop();
      await bot.handle.stop();
    }
    expect(bot.handle.ready()).toBe(false);
    expect(await connectedGauge(bot.test)).toBe(0);
    await expect(fetch(bot.url, { method: 'POST', body: '{}' })).rejects.toThrow();
    await bot.fake.close();
  });

  it('refuses to start on a port in use, clearly', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const test = createTestContext();
    try {
      await expect(
        startDiscordHttp(
          {
            token: 'token-value-1234',
            applicationId: '123456789012345678',
            http: { publicKey: 'ab'.repeat(32), port, host: '127.0.0.1' },
          },
          test.ctx,
        ),
      ).rejects.toThrow(new RegExp(`Cannot listen for Discord interactions on port ${port}`));
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
  });
});

describe('Discord HTTP interactions: limited and late answers', () => {
  const SLOW_USER = '777777777777777777';
  let bot: Bot;

  beforeAll(async () => {
    bot = await startBot({ rateLimit: { max: 1, windowMs: 60_000 } });
    // This user's rate-limit check outlasts Discord's 3 seconds.
    const ctx = bot.test.ctx;
    const limit = ctx.rateLimit.bind(ctx);
    ctx.rateLimit = (key) =>
      key === `discord:${SLOW_USER}`
        ? new Promise((resolve) => setTimeout(() => resolve(limit(key)), FIRST_ANSWER_MS + 300))
        : limit(key);
  });
  afterAll(() => stopBot(bot));

  it('over the rate limit: the private, localised notice is the HTTP answer', async () => {
    const first = await bot.send(bot.fake.slashCommand({ provider: 'openai' }, { locale: 'de' }));
    expect(first.answer.type).toBe(4);
    const second = await bot.send(bot.fake.slashCommand({ provider: 'openai' }, { locale: 'de' }));
    expect(second.status).toBe(200);
    expect(second.answer.data?.flags).toBe(EPHEMERAL);
    const notices = Array.from({ length: 60 }, (_, i) =>
      t('de', 'error.rateLimited', { seconds: i + 1 }),
    );
    expect(notices).toContain(second.answer.data?.content);
  });

  it('no answer within Discord’s 3 seconds: 503, and the late answer goes to the REST API', async () => {
    const late = bot.fake.slashCommand({ provider: 'deepseek' }, { userId: SLOW_USER });
    const started = performance.now();
    const { status, answer } = await bot.send(late);
    expect(status).toBe(503);
    expect(answer).toEqual({ error: 'no answer in time' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(FIRST_ANSWER_MS - 50);
    const callback = await bot.fake.waitForCallback(late);
    expect(callback.headers['x-fake-transport']).toBeUndefined();
    expect(embedOf((callback.body as Answer).data).footer?.text).toBe(
      knowledge.answerFor('deepseek', 'en-US')!.footer,
    );
    expect(bot.test.logs.some((l) => l.msg === `no answer within ${FIRST_ANSWER_MS} ms`)).toBe(
      true,
    );
  });
});

describe('commands:deploy --set-interactions-url', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };
  const env = (fake: FakeDiscord) => ({
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
  });

  it('parses the flag and refuses unknown flags with the usage line', () => {
    expect(parseDeployArgs([])).toEqual({});
    expect(
      parseDeployArgs(['--set-interactions-url', 'https://bot.example.org/interactions']),
    ).toEqual({
      interactionsUrl: 'https://bot.example.org/interactions',
    });
    expect(parseDeployArgs(['--nope'])).toMatch(/usage: npm run commands:deploy/);
  });

  it('sets the URL once Discord verified the endpoint (signed PING answered, forged one refused)', async () => {
    const bot = await startBot();
    try {
      const { out, err, io } = capture();
      expect(await deploy(env(bot.fake), io, { interactionsUrl: bot.url })).toBe(0);
      expect(err).toEqual([]);
      expect(out.at(-1)).toBe(
        `Interactions Endpoint URL set to ${bot.url}: Discord now sends interactions there.`,
      );
      expect(bot.fake.interactionsEndpointUrl).toBe(bot.url);
      const patch = bot.fake.requests.find((r) => r.path === '/applications/@me');
      expect(patch).toMatchObject({
        method: 'PATCH',
        status: 200,
        body: { interactions_endpoint_url: bot.url },
      });
      // Commands were registered first, in the same run.
      expect(bot.fake.commands.get('global')?.map((c) => c.name)).toEqual(['vllm', 'Ask vLLM bot']);
    } finally {
      await stopBot(bot);
    }
  });

  it('explains a failed verification (the bot holds another application’s key)', async () => {
    const other = await startFakeDiscord();
    const bot = await startBot({}, other.publicKey);
    try {
      const { err, io } = capture();
      expect(await deploy(env(bot.fake), io, { interactionsUrl: bot.url })).toBe(1);
      expect(err.join('\n')).toMatch(/could not verify .*DISCORD_PUBLIC_KEY/);
      expect(bot.fake.interactionsEndpointUrl).toBeNull();
      const none = capture();
      expect(await deploy(env(bot.fake), none.io, { interactionsUrl: 'not a url' })).toBe(1);
      expect(none.err.join('\n')).toMatch(/is not a URL/);
    } finally {
      await stopBot(bot);
      await other.close();
    }
  });
});

describe('npm start with DISCORD_PUBLIC_KEY', () => {
  it('serves HTTP interactions instead of the gateway, and stops on SIGTERM', async () => {
    const fake = await startFakeDiscord();
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const url = `http://127.0.0.1:${port}/interactions`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: cleanEnv({
        DISCORD_TOKEN: fake.token,
        DISCORD_APPLICATION_ID: fake.applicationId,
        DISCORD_API_URL: fake.apiUrl,
        DISCORD_PUBLIC_KEY: fake.publicKey,
        DISCORD_HTTP_PORT: String(port),
        WATCH_PROVIDERS_FILE: '0',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      let answer: { status: number; body: unknown } | undefined;
      const end = Date.now() + 20_000;
      while (!answer && Date.now() < end) {
        answer = await fake
          .deliver(url, fake.slashCommand({ provider: 'openai' }, { locale: 'ja' }))
          .catch(() => undefined);
        if (!answer) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(answer?.status).toBe(200);
      expect(embedOf((answer?.body as Answer).data).footer?.text).toBe(
        knowledge.answerFor('openai', 'ja')!.footer,
      );
      expect(fake.stats.connections).toBe(0);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('discord interactions endpoint listening');
      expect(output).not.toContain(fake.token);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await fake.close();
    }
  }, 40_000);
});
