import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/core/knowledge.js';
import type { Locale } from '../../src/core/locales.js';
import { startDiscord } from '../../src/discord/client.js';
import { discordContentHash } from '../../src/discord/pins/content-hash.js';
import { renderAnswer } from '../../src/discord/render.js';
import type { PlatformHandle } from '../../src/runtime/bot-context.js';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/runtime/knowledge-store.js';
import type { PinUpdater } from '../../src/runtime/pin-updater.js';
import { createPinUpdates } from '../../src/runtime/pin-updates.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import { copyOfShippedData, tempDir } from '../helpers/dataset-fixture.js';
import { MODERATOR_PERMISSIONS, startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import { changeProvider, until, updatedLine } from './pinned-answers-harness.js';

/**
 * Pinned answers stay true, on Discord: the real discord.js client (startDiscord) and the
 * real updater (createPinUpdates, as main wires it) against the fake Discord, with the state
 * in a SQLite file and the dataset in a folder the tests edit as an operator would.
 */

interface MessageJson {
  id: string;
  content?: string;
  embeds?: APIEmbed[];
  components?: { components: { custom_id?: string }[] }[];
  pinned?: boolean;
}
interface EditBody {
  content: string;
  embeds: APIEmbed[];
  components: unknown[];
  allowed_mentions: unknown;
}

const GAP_MS = 50;

let fake: FakeDiscord;
let dataDir: string;
let dbUrl: string;

interface Bot {
  test: TestContext;
  store: Store;
  dataset: KnowledgeStore;
  updater: PinUpdater;
  handle: PlatformHandle;
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
  const config = { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl };
  const handle = await startDiscord(config, test.ctx);
  const updater = await createPinUpdates({
    config: { discord: config, pins: { gapMs: GAP_MS, leaseMs: 30_000 }, reports: {} },
    store,
    knowledge: () => dataset.current(),
    logger: test.ctx.logger,
  });
  late.updater = updater;
  void updater.run('start');
  const started: Bot = {
    test,
    store,
    dataset,
    updater,
    handle,
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

/**
 * `/vllm <query>` in `locale`, then a moderator pins the answer with its Pin button. The
 * query is the provider id unless given (a model name leads with its own finding: `lead`).
 */
async function pinAnswer(
  b: Bot,
  providerId: string,
  locale: Locale,
  asked: { query: string; lead: number } = { query: providerId, lead: 0 },
): Promise<string> {
  const ask = fake.slashCommand({ provider: asked.query }, { locale });
  await fake.interact(ask);
  const message = fake.originalOf(ask) as unknown as MessageJson;
  const pin = message.components![0]!.components[0]!.custom_id!;
  expect(pin).toBe(`vllm:pin:${locale}:${asked.lead}:${providerId}`);
  const before = (await b.store.listPins()).length;
  await fake.interact(
    fake.clickOn(message.id, pin, { locale: 'en-US', memberPermissions: MODERATOR_PERMISSIONS }),
  );
  await until(async () => (await b.store.listPins()).length > before, 'the pin to be recorded');
  return message.id;
}

const editsOf = (id: string) => fake.editsOf(id).map((r) => r.body as EditBody);
const current = (): Knowledge => bot!.dataset.current();

function expectShowsAnswer(
  body: EditBody,
  knowledge: Knowledge,
  id: string,
  locale: Locale,
  lead = 0,
) {
  const expected = renderAnswer(knowledge.answerFor(id, locale, lead)!, {
    catalog: knowledge.catalog,
    private: false,
    lead,
  });
  expect(body.embeds).toEqual(expected.embeds);
  expect(body.components).toEqual(expected.components);
  expect(body.allowed_mentions).toEqual({ parse: [] });
  expect(body.content).toContain(updatedLine(knowledge, locale));
}

beforeAll(async () => {
  fake = await startFakeDiscord({ heartbeatIntervalMs: 2_000 });
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

describe('pinned answers on Discord', () => {
  it('records a pin made with the Pin button: message, provider, language and content hash', async () => {
    const b = await startBot();
    const id = await pinAnswer(b, 'anthropic', 'ja');
    const pin = (await b.store.listPins()).find((p) => p.messageId === id);
    expect(pin).toMatchObject({
      platform: 'discord',
      workspaceId: fake.guildId,
      channelId: fake.channelId,
      providerId: 'anthropic',
      locale: 'ja',
      lead: 0,
      contentHash: discordContentHash(fake.messageById(id)!),
      pendingUpdate: null,
    });
    expect(fake.messageById(id)?.pinned).toBe(true);
    // Nothing changed: nothing is edited.
    await b.updater.run('check');
    expect(editsOf(id)).toEqual([]);
  });

  it('edits a German pin exactly once, in German with the updated line, within the reload interval; an unrelated change edits nothing', async () => {
    const b = await startBot();
    const id = await pinAnswer(b, 'deepseek', 'de');
    b.dataset.watch();
    changeProvider(dataDir, 'deepseek', 'CHANGED-1');
    // The watcher waits 200 ms for the writes to settle; the edit follows at once.
    await until(() => editsOf(id).length > 0, 'the edit', 5_000);
    await b.updater.run('settle');
    const edits = editsOf(id);
    expect(edits).toHaveLength(1);
    const answer = current().answerFor('deepseek', 'de')!;
    expectShowsAnswer(edits[0]!, current(), 'deepseek', 'de');
    // In German: the German status label and note, the changed English sentence marked.
    expect(edits[0]!.embeds[0]!.description).toContain('CHANGED-1');
    expect(answer.notice).toBeDefined();
    expect(edits[0]!.embeds[0]!.description).toContain(answer.notice);
    expect(edits[0]!.content).toMatch(/^-# 🔄 Aktualisiert am /);

    changeProvider(dataDir, 'mistral', 'UNRELATED-1');
    await until(
      () => current().answerFor('mistral', 'en-US')!.findings[0]!.summary.includes('UNRELATED-1'),
      'the unrelated reload',
    );
    await b.updater.run('settle');
    expect(editsOf(id)).toHaveLength(1);
    const pin = (await b.store.listPins()).find((p) => p.messageId === id)!;
    expect(pin.contentHash).toBe(discordContentHash(fake.messageById(id)!));
    expect(pin.pendingUpdate).toBeNull();
  });

  it('a model name’s answer (its finding first) is kept true as that answer', async () => {
    const b = await startBot();
    const id = await pinAnswer(b, 'alibaba', 'de', { query: 'qwen3', lead: 1 });
    expect((await b.store.listPins()).find((p) => p.messageId === id)?.lead).toBe(1);
    changeProvider(dataDir, 'alibaba', 'CHANGED-LEAD');
    b.dataset.reload('test');
    await b.updater.run('settle');
    expect(editsOf(id)).toHaveLength(1);
    expectShowsAnswer(editsOf(id)[0]!, current(), 'alibaba', 'de', 1);
    expect(current().answerFor('alibaba', 'de', 1)!.focus).toBeDefined();
  });

  it('keeps a pin true across a restart: pinned, stopped, dataset changed, started again', async () => {
    const first = await startBot();
    const id = await pinAnswer(first, 'openai', 'de');
    await first.stop();
    bot = undefined;
    changeProvider(dataDir, 'openai', 'CHANGED-2');

    const second = await startBot();
    await until(() => editsOf(id).length > 0, 'the edit after the restart', 5_000);
    await second.updater.run('settle');
    expect(editsOf(id)).toHaveLength(1);
    expectShowsAnswer(editsOf(id)[0]!, current(), 'openai', 'de');
    expect(editsOf(id)[0]!.embeds[0]!.description).toContain('CHANGED-2');
  });

  it('forgets a deleted and an unpinned message, and waits out a 429', async () => {
    const b = await startBot();
    const deleted = await pinAnswer(b, 'google', 'de');
    const unpinned = await pinAnswer(b, 'google', 'fr');
    const limited = await pinAnswer(b, 'google', 'es-ES');
    fake.deleteMessage(deleted);
    fake.unpin(unpinned);
    fake.faults.edits.push({ status: 429, retryAfterSeconds: 1 });

    changeProvider(dataDir, 'google', 'CHANGED-3');
    b.dataset.reload('test');
    await b.updater.run('settle');

    const pins = await b.store.listPins({ providerId: 'google' });
    expect(pins.map((p) => p.messageId)).toEqual([limited]);
    expect(pins[0]!.contentHash).toBe(discordContentHash(fake.messageById(limited)!));
    expect(editsOf(unpinned)).toEqual([]);
    const attempts = fake.requests.filter(
      (r) => r.method === 'PATCH' && r.path.endsWith(`/messages/${limited}`),
    );
    expect(attempts.map((r) => r.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(900);
    expectShowsAnswer(editsOf(limited)[0]!, current(), 'google', 'es-ES');
    const forgotten = b.test.logs.filter((l) => l.msg === 'pin forgotten').map((l) => l.reason);
    expect(forgotten).toEqual(['unknown message (10008)', 'no longer pinned']);
  });
});
