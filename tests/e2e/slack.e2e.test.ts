/**
 * The real Bolt app (startSlack, HTTP mode and Socket Mode) against a fake Slack on
 * 127.0.0.1: requests signed as Slack signs them, answers read where Slack would get them
 * (the HTTP acknowledgement, response_url posts, Web API calls). A command is answered in its
 * acknowledgement when the language is known without I/O (`lang:`, a cached locale), else at
 * the response_url after an empty acknowledgement; `answerTo` reads it from either.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer-schema.js';
import { translate } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locales.js';
import type { UiKey } from '../../src/core/ui-strings.js';
import type { PlatformHandle } from '../../src/runtime/bot-context.js';
import { ACTION_PIN, ACTION_SHARE, decodeRef } from '../../src/slack/action-ids.js';
import { startSlack } from '../../src/slack/app.js';
import { renderAnswer, renderNotice, type Surface } from '../../src/slack/render.js';
import { createTestContext, realKnowledge, type TestContext } from '../helpers/context.js';
import { slackLimitViolations } from '../slack/check-limits.js';
import {
  blockActionsBody,
  blockActionsPayload,
  freePort,
  nowSeconds,
  postSigned,
  slashCommandBody,
  startFakeSlack,
  startFakeSocketMode,
  waitUntil,
  type FakeBody,
  type FakeSlack,
  type FakeSocketMode,
} from './fake-slack.js';

// Deliberately not in xoxb-/xapp- form: the logger scrubs that pattern, which would hide a
// leak from these assertions. Neither Bolt nor the fake checks the form.
const BOT_TOKEN = 'e2e-bot-token-5f1c9a7b3d';
const SIGNING_SECRET = 'e2e-signing-secret-8a2e6c4f0b';
const APP_TOKEN = 'e2e-app-token-3c7d1e9f';
const TEAM = 'T0FAKE';
const GENERAL = 'C0GENERAL';
const PRIVATE = 'C0PRIVATE';

const knowledge = realKnowledge();
const render = (answer: Answer, surface: Surface = 'private') =>
  renderAnswer(answer, knowledge.catalog, surface);
const provider = (id: string, locale: Locale) => knowledge.answerFor(id, locale)!;
const t = (locale: Locale, key: UiKey, vars?: Record<string, string | number>) =>
  translate(knowledge.catalog, locale, key, vars);

interface Button {
  action_id: string;
  value: string;
}
function buttonsOf(body: FakeBody): Button[] {
  const blocks = (body['blocks'] ?? []) as { type: string; elements?: Button[] }[];
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
}

let fake: FakeSlack;
let tc: TestContext;
let handle: PlatformHandle;
let url: string;
let seq = 0;
/** Requests the bot should have handled (and recorded) so far. */
let handled = 0;

async function slash(text: string, user: string, channel = GENERAL) {
  const id = `cmd-${++seq}`;
  const body = slashCommandBody({
    text,
    user_id: user,
    team_id: TEAM,
    channel_id: channel,
    response_url: fake.responseUrl(id),
  });
  const ack = await postSigned(url, body, { signingSecret: SIGNING_SECRET });
  handled += 1;
  return { id, ack, sent: performance.now() - ack.ms };
}

async function click(
  button: Button,
  user: string,
  options: { channel?: string; message?: { ts: string }; ephemeral?: boolean } = {},
) {
  const id = `click-${++seq}`;
  const payload = blockActionsPayload({
    user_id: user,
    team_id: TEAM,
    channel_id: options.channel ?? GENERAL,
    response_url: fake.responseUrl(id),
    action_id: button.action_id,
    value: button.value,
    ephemeral: options.ephemeral ?? !options.message,
    ...(options.message ? { message: options.message } : {}),
  });
  const ack = await postSigned(url, blockActionsBody(payload), { signingSecret: SIGNING_SECRET });
  handled += 1;
  return { id, ack };
}

async function firstResponse(id: string): Promise<FakeBody> {
  const [post] = await fake.waitForResponses(id, 1);
  return post!.body;
}

type Command = Awaited<ReturnType<typeof slash>>;

/**
 * A command's answer where Slack gets it: the acknowledgement's body when it has one (then
 * it must be a 200 with JSON), else the first post to its response_url.
 */
async function answerTo({ id, ack }: Command): Promise<FakeBody> {
  expect(ack.status).toBe(200);
  if (ack.body === '') return firstResponse(id);
  expect(ack.contentType).toMatch(/^application\/json/);
  return JSON.parse(ack.body) as FakeBody;
}

/** The one log line `ctx.record` writes per Slack request. */
const recordsIn = (context: TestContext) =>
  context.logs.filter(
    (l) => l['platform'] === 'slack' && (l['msg'] === 'answered' || l['msg'] === 'request failed'),
  );

/**
 * Resolves once every handled request is recorded. The bot records a request only after its
 * last post, so by then the fake has received every response_url post it will ever get.
 */
async function settled(): Promise<void> {
  await waitUntil(
    () => recordsIn(tc).length,
    (n) => n >= handled,
    3_000,
    `${handled} recorded request(s)`,
  );
}

/** users.info calls for one user so far. */
const lookupsOf = (user: string) =>
  fake.callsTo('users.info').filter((c) => c.body['user'] === user);

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.users.set('U0GERMAN', { locale: 'de-DE' });
  fake.users.set('U0MOD', { locale: 'fr-FR' });
  fake.users.set('U0LATAM', { locale: 'es-LA' });
  fake.users.set('U0ERROR', { locale: 'de-DE', mode: 'error' });
  fake.users.set('U0HTTP500', { locale: 'de-DE', mode: 'http-error' });
  fake.users.set('U0SLOW', { locale: 'de-DE', mode: 'slow', delayMs: 5_000 });
  fake.notInChannel.add(PRIVATE);
  const port = await freePort();
  tc = createTestContext({ rateLimit: { max: 5, windowMs: 60_000 } });
  handle = await startSlack(
    { mode: 'http', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port, apiUrl: fake.apiUrl },
    tc.ctx,
  );
  url = `http://127.0.0.1:${port}/slack/events`;
});

afterAll(async () => {
  await handle?.stop();
  await fake?.close();
});

describe('Slack HTTP mode, end to end', () => {
  it('starts ready, after checking the bot token once with auth.test', () => {
    expect(handle.ready()).toBe(true);
    const auth = fake.callsTo('auth.test');
    expect(auth).toHaveLength(1);
    expect(auth[0]).toMatchObject({ authHeader: true, token: BOT_TOKEN });
  });

  it('answers a user’s first command (locale not cached yet) at the response_url, after an empty 200 acknowledgement', async () => {
    const { id, ack } = await slash('deepseek', 'U0GERMAN');
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    expect(ack.ms).toBeLessThan(1_000);

    const body = await firstResponse(id);
    const german = render(provider('deepseek', 'de'));
    expect(body).toMatchObject({
      response_type: 'ephemeral',
      text: german.text,
      blocks: german.blocks,
    });
    expect(body['blocks']).not.toEqual(render(provider('deepseek', 'en-US')).blocks);
    expect(slackLimitViolations(body)).toEqual([]);

    const lookups = lookupsOf('U0GERMAN');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toMatchObject({ authHeader: true, token: BOT_TOKEN });
    expect(lookups[0]!.body['include_locale']).toBe('true');
    await settled();
    expect(fake.responsesTo(id)).toHaveLength(1);
  });

  it('answers the next command in the acknowledgement itself, from the cached locale', async () => {
    const { id, ack } = await slash('openai', 'U0GERMAN');
    expect(ack.status).toBe(200);
    expect(ack.contentType).toMatch(/^application\/json/);
    expect(ack.ms).toBeLessThan(1_000);
    const body = JSON.parse(ack.body) as FakeBody;
    const german = render(provider('openai', 'de'));
    expect(body).toEqual({
      response_type: 'ephemeral',
      unfurl_links: false,
      unfurl_media: false,
      text: german.text,
      blocks: german.blocks,
    });
    expect(slackLimitViolations(body)).toEqual([]);
    expect(lookupsOf('U0GERMAN')).toHaveLength(1);
    await settled();
    expect(fake.responsesTo(id)).toEqual([]);
  });

  it('maps Slack’s es-LA to Latin-American Spanish', async () => {
    expect(await answerTo(await slash('anthropic', 'U0LATAM'))).toMatchObject({
      blocks: render(provider('anthropic', 'es-419')).blocks,
    });
  });

  it('answers lang:ja in the acknowledgement, without asking Slack for the user’s language', async () => {
    const { id, ack } = await slash('deepseek lang:ja', 'U0LANG');
    expect(ack.status).toBe(200);
    expect(ack.contentType).toMatch(/^application\/json/);
    const body = JSON.parse(ack.body) as FakeBody;
    expect(body).toMatchObject({
      response_type: 'ephemeral',
      blocks: render(provider('deepseek', 'ja')).blocks,
    });
    expect(slackLimitViolations(body)).toEqual([]);
    await settled();
    expect(fake.responsesTo(id)).toEqual([]);
    expect(lookupsOf('U0LANG')).toEqual([]);
  });

  it.each(['', 'help', 'list'])('answers /vllm %j with the overview', async (text) => {
    const body = await answerTo(await slash(text, 'U0OVERVIEW'));
    expect(body).toMatchObject({
      response_type: 'ephemeral',
      blocks: render(knowledge.ask('', 'en-US')).blocks,
    });
    expect(buttonsOf(body).map((b) => b.action_id)).toEqual([ACTION_SHARE]);
  });

  it('offers buttons for an ambiguous query, and a click shows that provider', async () => {
    const query = 'openai anthropic';
    const expected = knowledge.ask(query, 'en-US');
    expect(expected.kind).toBe('ambiguous');
    const body = await answerTo(await slash(query, 'U0AMBIG'));
    expect(body).toMatchObject({ blocks: render(expected).blocks });
    const picks = buttonsOf(body);
    expect(picks.length).toBeGreaterThanOrEqual(2);

    const chosen = picks[1]!;
    const ref = decodeRef(chosen.value);
    expect(ref).toMatchObject({ kind: 'provider', locale: 'en-US' });
    const { id: clickId, ack } = await click(chosen, 'U0AMBIG');
    expect(ack.status).toBe(200);
    const answer = await firstResponse(clickId);
    expect(answer).toMatchObject({
      response_type: 'ephemeral',
      replace_original: true,
      blocks: render(provider(ref!.kind === 'provider' ? ref!.id : '', 'en-US')).blocks,
    });
  });

  it('lists every known provider when nothing matches', async () => {
    const body = await answerTo(await slash('qqzzxv', 'U0MISS'));
    expect(body).toMatchObject({ blocks: render(knowledge.ask('qqzzxv', 'en-US')).blocks });
    expect(buttonsOf(body).map((b) => decodeRef(b.value))).toEqual(
      [...knowledge.providers]
        .sort((a, b) => a.name.localeCompare(b.name, 'en'))
        .map((p) => ({ kind: 'provider', id: p.id, locale: 'en-US' })),
    );
  });

  it('shares with chat.postMessage, which carries a Pin button; Pin calls pins.add', async () => {
    const [share] = buttonsOf(await answerTo(await slash('deepseek', 'U0SHARER')));
    expect(share?.action_id).toBe(ACTION_SHARE);

    const before = fake.callsTo('chat.postMessage').length;
    const { id: shareId } = await click(share!, 'U0SHARER');
    const [post] = (await fake.waitForCalls('chat.postMessage', before + 1)).slice(before);
    const shared = render(provider('deepseek', 'en-US'), 'shared');
    expect(post).toMatchObject({ authHeader: true, token: BOT_TOKEN });
    expect(post!.body).toMatchObject({
      channel: GENERAL,
      text: shared.text,
      blocks: shared.blocks,
    });
    expect(slackLimitViolations(post!.body)).toEqual([]);
    const pin = buttonsOf(post!.body).find((b) => b.action_id === ACTION_PIN);
    expect(pin).toBeDefined();
    expect(await firstResponse(shareId)).toMatchObject({
      response_type: 'ephemeral',
      replace_original: true,
      text: renderNotice(t('en-US', 'share.done')).text,
    });

    // A moderator pins it: the answer to them is private and in their language (fr-FR).
    const ts = String(post!.response?.['ts']);
    const { id: pinId } = await click(pin!, 'U0MOD', { message: { ts } });
    const [pinCall] = await fake.waitForCalls('pins.add', 1);
    expect(pinCall!.body).toMatchObject({ channel: GENERAL, timestamp: ts });
    expect(pinCall).toMatchObject({ authHeader: true, token: BOT_TOKEN });
    expect(await firstResponse(pinId)).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: renderNotice(t('fr', 'pin.done')).text,
    });

    // Pinning again explains instead of failing.
    const { id: againId } = await click(pin!, 'U0MOD', { message: { ts } });
    expect(await firstResponse(againId)).toMatchObject({
      response_type: 'ephemeral',
      text: renderNotice(t('fr', 'pin.alreadyPinned')).text,
    });
  });

  it('explains a missing pins:write scope privately', async () => {
    fake.pinErrors.set('C0NOSCOPE', 'missing_scope');
    const pin = {
      action_id: ACTION_PIN,
      value: JSON.stringify({ k: 'p', id: 'openai', l: 'en-US' }),
    };
    const { id } = await click(pin, 'U0GERMAN', {
      channel: 'C0NOSCOPE',
      message: { ts: '1.000001' },
    });
    expect(await firstResponse(id)).toMatchObject({
      response_type: 'ephemeral',
      text: renderNotice(t('de', 'pin.missingScope')).text,
    });
  });

  it('shares through the response_url where the bot is not in the channel, and says why it cannot pin', async () => {
    const [share] = buttonsOf(await answerTo(await slash('openai', 'U0PRIVATE', PRIVATE)));
    const { id: shareId } = await click(share!, 'U0PRIVATE', { channel: PRIVATE });
    const posts = await fake.waitForResponses(shareId, 2);
    const unpinnable = render(provider('openai', 'en-US'), 'shared-unpinnable');
    expect(posts[0]!.body).toMatchObject({
      response_type: 'in_channel',
      replace_original: false,
      blocks: unpinnable.blocks,
    });
    // It cannot be pinned; "In my language" still works (through the response_url).
    expect(buttonsOf(posts[0]!.body).map((b) => b.action_id)).toEqual(['vllm_mine']);
    expect(posts[1]!.body).toMatchObject({
      response_type: 'ephemeral',
      replace_original: true,
      text: renderNotice(t('en-US', 'share.notInChannel')).text,
    });
    const attempts = fake.callsTo('chat.postMessage').filter((c) => c.body['channel'] === PRIVATE);
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.response).toMatchObject({ ok: false, error: 'not_in_channel' });
  });

  it.each([
    ['at the response_url', 'U0NASTY'],
    ['in the acknowledgement', 'U0NASTY'],
  ])(
    'echoes <!channel>, <@U123>, <!here> and & escaped %s, so nobody is notified',
    async (where, user) => {
      const command = await slash('<!channel> <@U123> <!here> AT&T', user);
      expect(command.ack.body === '').toBe(where === 'at the response_url');
      const body = await answerTo(command);
      const json = JSON.stringify(body);
      for (const live of ['<!channel>', '<@U123>', '<!here>']) expect(json).not.toContain(live);
      expect(json).toContain('&lt;!channel&gt;');
      expect(json).toContain('&lt;@U123&gt;');
      expect(json).toContain('AT&amp;T');
      expect(slackLimitViolations(body)).toEqual([]);
    },
  );

  it('reads escaped command text as typed', async () => {
    const json = JSON.stringify(await answerTo(await slash('&lt;!channel&gt; qqzzxv', 'U0NASTY')));
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).not.toContain('&amp;lt;');
  });

  it('rejects a bad signature with 401 and posts nothing', async () => {
    const calls = fake.calls.length;
    const id = `forged-${++seq}`;
    const body = slashCommandBody({
      text: 'deepseek',
      user_id: 'U0FORGER',
      team_id: TEAM,
      channel_id: GENERAL,
      response_url: fake.responseUrl(id),
    });
    const forged = await postSigned(url, body, {
      signingSecret: SIGNING_SECRET,
      signature: `v0=${'0'.repeat(64)}`,
    });
    const otherSecret = await postSigned(url, body, { signingSecret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    expect(otherSecret.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responsesTo(id)).toEqual([]);
    expect(fake.calls.length).toBe(calls);
  });

  it('rejects a correctly signed request older than 5 minutes', async () => {
    const calls = fake.calls.length;
    const id = `replay-${++seq}`;
    const body = slashCommandBody({
      text: 'deepseek',
      user_id: 'U0REPLAY',
      team_id: TEAM,
      channel_id: GENERAL,
      response_url: fake.responseUrl(id),
    });
    const stale = await postSigned(url, body, {
      signingSecret: SIGNING_SECRET,
      timestamp: nowSeconds() - 6 * 60,
    });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.responsesTo(id)).toEqual([]);
    expect(fake.calls.length).toBe(calls);
  });

  it.each([
    ['an error', 'U0ERROR'],
    ['an HTTP 500', 'U0HTTP500'],
    ['no answer for 5 s', 'U0SLOW'],
  ])('still answers, in en-US and quickly, when users.info gives %s', async (_what, user) => {
    const { id, ack, sent } = await slash('deepseek', user);
    // Acknowledged before users.info is asked, however long it takes.
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    expect(ack.ms).toBeLessThan(1_000);
    const [post] = await fake.waitForResponses(id, 1, 3_000);
    expect(post!.body).toMatchObject({ blocks: render(provider('deepseek', 'en-US')).blocks });
    expect(post!.at - sent).toBeLessThan(2_000);
    expect(fake.callsTo('users.info').some((c) => c.body['user'] === user)).toBe(true);
  });

  it('tells a user who asks too fast to slow down, in their language', async () => {
    const commands: Command[] = [];
    for (let i = 0; i < 6; i++) commands.push(await slash('deepseek', 'U0GERMAN_FAST'));
    const answer = render(provider('deepseek', 'en-US'));
    for (const command of commands.slice(0, 5))
      expect(await answerTo(command)).toMatchObject({ blocks: answer.blocks });
    // The notice needs no users.info call, so it is the acknowledgement's body.
    const [, , , , , last] = commands;
    expect(last!.ack.body).not.toBe('');
    const limited = await answerTo(last!);
    const seconds = Number(/\d+/.exec(String(limited['text']))?.[0]);
    expect(seconds).toBeGreaterThan(0);
    expect(String(limited['text'])).toBe(
      renderNotice(t('en-US', 'error.rateLimited', { seconds })).text,
    );
    expect(limited['response_type']).toBe('ephemeral');
    expect(tc.logs.some((l) => l['outcome'] === 'rate-limited' && l['platform'] === 'slack')).toBe(
      true,
    );
  });

  it('records every handled request exactly once, and never logs a secret', async () => {
    // The last answers may still be on their way to the log; a second record would be late.
    await settled();
    await new Promise((r) => setTimeout(r, 200));
    const records = recordsIn(tc);
    expect(records).toHaveLength(handled);
    expect(
      records.every((r) => typeof r['ms'] === 'number' && typeof r['locale'] === 'string'),
    ).toBe(true);
    const all = tc.rawLogs.join('');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toContain(`${fake.origin}/response/`);
  });

  it('stops, and stops again without complaint', async () => {
    await handle.stop();
    await handle.stop();
    expect(handle.ready()).toBe(false);
    await expect(
      postSigned(
        url,
        slashCommandBody({
          text: '',
          user_id: 'U0',
          team_id: TEAM,
          channel_id: GENERAL,
          response_url: fake.responseUrl('late'),
        }),
        {
          signingSecret: SIGNING_SECRET,
        },
      ),
    ).rejects.toThrow();
  });
});

describe('Slack Socket Mode, end to end', () => {
  let api: FakeSlack;
  let socket: FakeSocketMode;
  let sm: TestContext;
  let app: PlatformHandle;

  beforeAll(async () => {
    api = await startFakeSlack();
    api.users.set('U0JAPAN', { locale: 'ja-JP' });
    socket = await startFakeSocketMode();
    api.socketUrl = socket.url;
    sm = createTestContext();
    app = await startSlack(
      { mode: 'socket', botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: api.apiUrl },
      sm.ctx,
    );
  });

  afterAll(async () => {
    await app?.stop();
    await socket?.close();
    await api?.close();
  });

  it('connects with the app token and is ready after Slack’s hello', () => {
    expect(app.ready()).toBe(true);
    const [open] = api.callsTo('apps.connections.open');
    expect(open).toMatchObject({ authHeader: true, token: APP_TOKEN });
    expect(api.callsTo('auth.test')[0]).toMatchObject({ token: BOT_TOKEN });
  });

  /** Sends a /vllm slash_commands envelope whose response_url is `socket-<n>`. */
  function command(n: number, text: string, user: string): void {
    socket.send({
      envelope_id: `env-${n}`,
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'verification-token-unused',
        team_id: TEAM,
        team_domain: 'fake',
        channel_id: GENERAL,
        channel_name: 'general',
        user_id: user,
        user_name: user.toLowerCase(),
        command: '/vllm',
        text,
        api_app_id: 'A0FAKE',
        is_enterprise_install: 'false',
        response_url: api.responseUrl(`socket-${n}`),
        trigger_id: '1.2.3',
      },
    });
  }

  /** Resolves once `n` requests are recorded: every post for them has been received by then. */
  const recorded = (n: number) =>
    waitUntil(
      () => recordsIn(sm).length,
      (count) => count >= n,
      3_000,
      `${n} recorded request(s)`,
    );

  it('acknowledges a first slash_commands envelope empty and answers through the response_url', async () => {
    command(1, 'deepseek', 'U0JAPAN');
    const ack = await socket.waitForAck('env-1');
    // The user's locale is not cached yet: an empty acknowledgement, then users.info.
    expect(ack).toEqual({ envelope_id: 'env-1', payload: {} });
    const [post] = await api.waitForResponses('socket-1', 1);
    expect(post!.body).toMatchObject({
      response_type: 'ephemeral',
      blocks: render(provider('deepseek', 'ja')).blocks,
    });
  });

  it('answers the next command in the envelope acknowledgement’s payload', async () => {
    command(2, 'openai', 'U0JAPAN');
    const ack = await socket.waitForAck('env-2');
    const japanese = render(provider('openai', 'ja'));
    expect(ack).toEqual({
      envelope_id: 'env-2',
      payload: {
        response_type: 'ephemeral',
        unfurl_links: false,
        unfurl_media: false,
        text: japanese.text,
        blocks: japanese.blocks,
      },
    });
    expect(slackLimitViolations(ack['payload'])).toEqual([]);
    await recorded(2);
    expect(api.responsesTo('socket-2')).toEqual([]);
    expect(api.callsTo('users.info')).toHaveLength(1);
  });

  it('answers lang:de in the envelope acknowledgement without asking Slack', async () => {
    command(3, 'anthropic lang:de', 'U0SOCKETLANG');
    const ack = await socket.waitForAck('env-3');
    expect(ack['payload']).toMatchObject({
      response_type: 'ephemeral',
      blocks: render(provider('anthropic', 'de')).blocks,
    });
    await recorded(3);
    expect(api.responsesTo('socket-3')).toEqual([]);
    expect(api.callsTo('users.info').filter((c) => c.body['user'] === 'U0SOCKETLANG')).toEqual([]);
  });

  it('records each command once, stops cleanly, twice, and never logs a token', async () => {
    expect(recordsIn(sm)).toHaveLength(3);
    await app.stop();
    await app.stop();
    expect(app.ready()).toBe(false);
    const all = sm.rawLogs.join('');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(APP_TOKEN);
  });
});

describe('Slack start-up failures', () => {
  let api: FakeSlack;
  beforeAll(async () => {
    api = await startFakeSlack();
    api.acceptedTokens.add(BOT_TOKEN);
  });
  afterAll(async () => {
    await api?.close();
  });

  it('names SLACK_BOT_TOKEN when Slack refuses it', async () => {
    const port = await freePort();
    const { ctx } = createTestContext();
    await expect(
      startSlack(
        {
          mode: 'http',
          botToken: 'e2e-wrong-bot-token',
          signingSecret: SIGNING_SECRET,
          port,
          apiUrl: api.apiUrl,
        },
        ctx,
      ),
    ).rejects.toThrow(/SLACK_BOT_TOKEN \(auth\.test: invalid_auth\)/);
  });

  it('names SLACK_APP_TOKEN when Socket Mode cannot connect with it', async () => {
    const { ctx } = createTestContext();
    await expect(
      startSlack(
        {
          mode: 'socket',
          botToken: BOT_TOKEN,
          appToken: 'e2e-wrong-app-token',
          apiUrl: api.apiUrl,
        },
        ctx,
      ),
    ).rejects.toThrow(/SLACK_APP_TOKEN \(invalid_auth\)/);
  });

  it('names SLACK_PORT when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, resolve));
    const { port } = taken.address() as AddressInfo;
    const { ctx } = createTestContext();
    try {
      await expect(
        startSlack(
          {
            mode: 'http',
            botToken: BOT_TOKEN,
            signingSecret: SIGNING_SECRET,
            port,
            apiUrl: api.apiUrl,
          },
          ctx,
        ),
      ).rejects.toThrow(new RegExp(`SLACK_PORT ${port}`));
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
