import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/core/knowledge.js';
import type { Locale } from '../../src/core/locales.js';
import type { PlatformHandle } from '../../src/runtime/bot-context.js';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/runtime/knowledge-store.js';
import type { PinUpdater } from '../../src/runtime/pin-updater.js';
import { createPinUpdates } from '../../src/runtime/pin-updates.js';
import { ACTION_PIN, ACTION_SHARE, encodeRef } from '../../src/slack/action-ids.js';
import { startSlack } from '../../src/slack/app.js';
import { slackContentHash } from '../../src/slack/pins/content-hash.js';
import { renderAnswer, UPDATED_BLOCK_ID } from '../../src/slack/render.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { copyOfShippedData, tempDir } from '../helpers/dataset-fixture.js';
import {
  blockActionsBody,
  blockActionsPayload,
  freePort,
  postSigned,
  startFakeSlack,
  type FakeBody,
  type FakeSlack,
} from './fake-slack.js';
import { changeProvider, until, updatedLine } from './pinned-answers-harness.js';

/**
 * Pinned answers stay true, on Slack: the real Bolt app (startSlack, HTTP mode) and the real
 * updater (createPinUpdates, as main wires it) against the fake Slack, with the state in a
 * SQLite file and the dataset in a folder the tests edit as an operator would.
 */

const BOT_TOKEN = 'e2e-pins-bot-token-7d2f';
const SIGNING_SECRET = 'e2e-pins-signing-secret-1b9c';
const TEAM = 'T0FAKE';
const GENERAL = 'C0GENERAL';

let fake: FakeSlack;
let dataDir: string;
let dbUrl: string;
let seq = 0;

interface Bot {
  test: TestContext;
  store: Store;
  dataset: KnowledgeStore;
  updater: PinUpdater;
  stop(): Promise<void>;
}
let bot: Bot | undefined;

async function startBot(): Promise<Bot> {
  const store = await openStore({ databaseUrl: dbUrl });
  // As in main: the dataset's reload hook runs the updater, which is made after the platform.
  const late: { dataset?: KnowledgeStore; updater?: PinUpdater } = {};
  const test = createTestContext({ store, knowledge: () => late.dataset!.current() });
  const dataset = createKnowledgeStore({ dataDir }, test.ctx.logger, {
    onSwap: () => void late.updater?.run('dataset reloaded').catch(() => undefined),
  });
  late.dataset = dataset;
  const port = await freePort();
  const config = {
    mode: 'http' as const,
    botToken: BOT_TOKEN,
    signingSecret: SIGNING_SECRET,
    port,
    apiUrl: fake.apiUrl,
  };
  const handle: PlatformHandle = await startSlack(config, test.ctx);
  const updater = await createPinUpdates({
    config: { slack: config, pins: { gapMs: 50, leaseMs: 30_000 }, reports: {} },
    store,
    knowledge: () => dataset.current(),
    logger: test.ctx.logger,
  });
  late.updater = updater;
  void updater.run('start');
  const url = `http://127.0.0.1:${port}/slack/events`;
  urlOf.set(test, url);
  const started: Bot = {
    test,
    store,
    dataset,
    updater,
    async stop() {
      await updater.stop();
      await handle.stop();
      dataset.close();
      await store.close();
    },
  };
  bot = started;
  return started;
}
const urlOf = new Map<TestContext, string>();

async function click(b: Bot, action: string, value: string, message?: FakeBody) {
  const payload = blockActionsPayload({
    user_id: 'U0MOD',
    team_id: TEAM,
    channel_id: GENERAL,
    response_url: fake.responseUrl(`click-${++seq}`),
    action_id: action,
    value,
    ephemeral: !message,
    ...(message ? { message: message as { ts: string } } : {}),
  });
  const ack = await postSigned(urlOf.get(b.test)!, blockActionsBody(payload), {
    signingSecret: SIGNING_SECRET,
  });
  expect(ack.status).toBe(200);
}

/** "Share in channel" on a private answer in `locale`, then a moderator pins the post. */
async function pinAnswer(b: Bot, providerId: string, locale: Locale): Promise<string> {
  const ref = encodeRef({ kind: 'provider', id: providerId, locale });
  const before = fake.callsTo('chat.postMessage').length;
  await click(b, ACTION_SHARE, ref);
  const [post] = (await fake.waitForCalls('chat.postMessage', before + 1)).slice(before);
  const ts = String(post!.response?.['ts']);
  const pins = (await b.store.listPins()).length;
  await click(b, ACTION_PIN, ref, fake.messageAt(GENERAL, ts));
  await until(async () => (await b.store.listPins()).length > pins, 'the pin to be recorded');
  return ts;
}

const updatesOf = (ts: string) => fake.updatesOf(GENERAL, ts).map((c) => c.body);
const current = (): Knowledge => bot!.dataset.current();

function expectShowsAnswer(body: FakeBody, knowledge: Knowledge, id: string, locale: Locale) {
  const note = updatedLine(knowledge, locale);
  const expected = renderAnswer(knowledge.answerFor(id, locale)!, knowledge.catalog, 'shared', {
    updated: note,
  });
  expect(body).toMatchObject({ channel: GENERAL, text: expected.text, blocks: expected.blocks });
  const line = (body['blocks'] as { block_id?: string; elements?: { text: string }[] }[]).find(
    (b) => b.block_id === UPDATED_BLOCK_ID,
  );
  expect(line?.elements?.[0]?.text).toBe(`🔄 ${note}`);
}

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.users.set('U0MOD', { locale: 'fr-FR' });
  dataDir = copyOfShippedData();
  dbUrl = `sqlite:${join(tempDir(), 'bot.db')}`;
});

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

afterAll(async () => {
  await fake?.close();
});

describe('pinned answers on Slack', () => {
  it('records a pin made with the Pin button: channel, ts, provider, language and content hash', async () => {
    const b = await startBot();
    const ts = await pinAnswer(b, 'anthropic', 'ja');
    const pin = (await b.store.listPins()).find((p) => p.messageId === ts);
    expect(pin).toMatchObject({
      platform: 'slack',
      workspaceId: TEAM,
      channelId: GENERAL,
      providerId: 'anthropic',
      locale: 'ja',
      lead: 0,
      contentHash: slackContentHash(fake.messageAt(GENERAL, ts)!),
      pendingUpdate: null,
    });
    await b.updater.run('check');
    expect(updatesOf(ts)).toEqual([]);
  });

  it('edits a German pin exactly once, in German with the updated line, within the reload interval; an unrelated change edits nothing', async () => {
    const b = await startBot();
    const ts = await pinAnswer(b, 'deepseek', 'de');
    b.dataset.watch();
    changeProvider(dataDir, 'deepseek', 'CHANGED-1');
    await until(() => updatesOf(ts).length > 0, 'the edit', 5_000);
    await b.updater.run('settle');
    expect(updatesOf(ts)).toHaveLength(1);
    expectShowsAnswer(updatesOf(ts)[0]!, current(), 'deepseek', 'de');
    expect(JSON.stringify(updatesOf(ts)[0]!['blocks'])).toContain('CHANGED-1');
    expect(JSON.stringify(updatesOf(ts)[0]!['blocks'])).toContain('Aktualisiert am');

    changeProvider(dataDir, 'mistral', 'UNRELATED-1');
    await until(
      () => current().answerFor('mistral', 'en-US')!.findings[0]!.summary.includes('UNRELATED-1'),
      'the unrelated reload',
    );
    await b.updater.run('settle');
    expect(updatesOf(ts)).toHaveLength(1);
    const pin = (await b.store.listPins()).find((p) => p.messageId === ts)!;
    expect(pin.contentHash).toBe(slackContentHash(fake.messageAt(GENERAL, ts)!));
    expect(pin.pendingUpdate).toBeNull();
  });

  it('keeps a pin true across a restart: pinned, stopped, dataset changed, started again', async () => {
    const first = await startBot();
    const ts = await pinAnswer(first, 'openai', 'de');
    await first.stop();
    bot = undefined;
    changeProvider(dataDir, 'openai', 'CHANGED-2');

    const second = await startBot();
    await until(() => updatesOf(ts).length > 0, 'the edit after the restart', 5_000);
    await second.updater.run('settle');
    expect(updatesOf(ts)).toHaveLength(1);
    expectShowsAnswer(updatesOf(ts)[0]!, current(), 'openai', 'de');
  });

  it('forgets deleted, unpinned and channel-less messages, and waits out a 429', async () => {
    const b = await startBot();
    const deleted = await pinAnswer(b, 'google', 'de');
    const unpinned = await pinAnswer(b, 'google', 'fr');
    const limited = await pinAnswer(b, 'google', 'es-ES');
    fake.deleteMessage(GENERAL, deleted);
    fake.unpin(GENERAL, unpinned);
    fake.updateRateLimits.push(1);

    changeProvider(dataDir, 'google', 'CHANGED-3');
    b.dataset.reload('test');
    await b.updater.run('settle');

    const pins = await b.store.listPins({ providerId: 'google' });
    expect(pins.map((p) => p.messageId)).toEqual([limited]);
    expect(updatesOf(unpinned)).toEqual([]);
    const attempts = fake
      .callsTo('chat.update')
      .filter((c) => c.body['ts'] === limited)
      .map((c) => ({ at: c.at, ok: c.response?.['ok'] }));
    expect(attempts.map((a) => a.ok)).toEqual([false, true]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expectShowsAnswer(updatesOf(limited)[0]!, current(), 'google', 'es-ES');
    expect(pins[0]!.contentHash).toBe(slackContentHash(fake.messageAt(GENERAL, limited)!));

    // A channel that is gone (deleted, or the bot removed): pins.list says channel_not_found.
    fake.goneChannels.add(GENERAL);
    changeProvider(dataDir, 'google', 'CHANGED-4');
    b.dataset.reload('test');
    await b.updater.run('settle');
    expect(await b.store.listPins({ providerId: 'google' })).toEqual([]);
    fake.goneChannels.delete(GENERAL);
    const forgotten = b.test.logs.filter((l) => l.msg === 'pin forgotten').map((l) => l.reason);
    expect(forgotten).toEqual(['not_pinned', 'not_pinned', 'channel_not_found']);
  });
});
