import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/core/i18n.js';
import { loadKnowledge } from '../../src/core/load-knowledge.js';
import type { Locale } from '../../src/core/locales.js';
import { discordContentHash } from '../../src/discord/pins/content-hash.js';
import { openStore, type Store } from '../../src/store/index.js';
import { copyOfShippedData, tempDir } from '../helpers/dataset-fixture.js';
import { startTestPostgres, type TestPostgres } from '../store/postgres-server.js';
import {
  MODERATOR_PERMISSIONS,
  startFakeDiscord,
  type FakeDiscord,
  type Interaction,
} from './fake-discord.js';
import { freePort } from './fake-slack.js';
import { changeProvider, spawnBot, until, type BotProcess } from './pinned-answers-harness.js';

/**
 * Two replicas of the real bot (`src/main.ts`, two processes) on one real PostgreSQL, both
 * serving Discord HTTP interactions: whichever replica gets a request, a user's rate limit
 * counts both, and when the dataset changes for both, each pinned answer is edited once.
 */

interface Reply {
  type: number;
  data?: { content?: string; embeds?: APIEmbed[]; flags?: number };
}

let pg: TestPostgres;
let fake: FakeDiscord;
let databaseUrl: string;
let dataDir: string;
let replicas: { bot: BotProcess; url: string }[] = [];
let store: Store;

async function deliver(replica: number, interaction: Interaction): Promise<Reply> {
  const { status, body } = await fake.deliver(replicas[replica]!.url, interaction);
  expect(status).toBe(200);
  return body as Reply;
}

beforeAll(async () => {
  pg = await startTestPostgres();
  fake = await startFakeDiscord();
  databaseUrl = await pg.freshDatabaseUrl();
  dataDir = copyOfShippedData();
  for (let i = 0; i < 2; i += 1) {
    const port = await freePort();
    const bot = spawnBot({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_PUBLIC_KEY: fake.publicKey,
      DISCORD_HTTP_PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      STATE_DIR: tempDir(),
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      PIN_UPDATE_GAP_MS: '50',
    });
    replicas.push({ bot, url: `http://127.0.0.1:${port}/interactions` });
  }
  for (const { bot } of replicas) {
    await bot.waitForLog((l) => l.msg === 'pinned answers checked', 'the start pass', 60_000);
  }
  store = await openStore({ databaseUrl });
}, 120_000);

afterAll(async () => {
  await store?.close();
  for (const { bot } of replicas) await bot.stop();
  replicas = [];
  await fake?.close();
  await pg?.cleanup();
});

describe('two replicas on one PostgreSQL, Discord over HTTP interactions', () => {
  it('a user’s rate limit counts the requests both replicas answered', async () => {
    const knowledge = loadKnowledge({ dataDir });
    const asker = { userId: '300000000000000001', locale: 'de' };
    const replies: Reply[] = [];
    for (const replica of [0, 1, 0, 1]) {
      replies.push(await deliver(replica, fake.slashCommand({ provider: 'openai' }, asker)));
    }
    expect(replies.slice(0, 3).map((r) => r.data?.embeds?.length)).toEqual([1, 1, 1]);
    // Replica 1 has answered this user once: the refusal comes from the shared count.
    const refused = replies[3]!.data!;
    expect(refused.flags).toBe(64);
    expect(refused.embeds ?? []).toEqual([]);
    const notices = Array.from({ length: 60 }, (_, i) =>
      translate(knowledge.catalog, 'de', 'error.rateLimited', { seconds: i + 1 }),
    );
    expect(notices).toContain(refused.content);
  });

  it('edits each pinned answer exactly once when the dataset changes for both', async () => {
    const locales: Locale[] = ['de', 'fr', 'ja', 'ko'];
    const ids: string[] = [];
    for (const [i, locale] of locales.entries()) {
      // Asked on one replica, pinned through the other; a different moderator each time.
      const ask = fake.slashCommand(
        { provider: 'deepseek' },
        { locale, userId: `40000000000000000${i}` },
      );
      await deliver(i % 2, ask);
      const id = String(fake.originalOf(ask)!.id);
      const click = fake.clickOn(id, `vllm:pin:${locale}:0:deepseek`, {
        userId: `50000000000000000${i}`,
        memberPermissions: MODERATOR_PERMISSIONS,
      });
      expect((await deliver((i + 1) % 2, click)).type).toBe(5);
      ids.push(id);
    }
    await until(async () => (await store.listPins()).length === ids.length, 'four pins');

    changeProvider(dataDir, 'deepseek', 'REPLICAS');
    for (const { bot } of replicas) bot.child.kill('SIGHUP');
    const reloadPass = (bot: BotProcess) =>
      bot.waitForLog(
        (l) => l.msg === 'pinned answers checked' && String(l.reasons).includes('dataset reloaded'),
        'a pass after the reload',
      );
    const passes = await Promise.all(replicas.map(({ bot }) => reloadPass(bot)));
    await until(async () => {
      const pins = await store.listPins();
      return pins.every(
        (p) =>
          !p.pendingUpdate && p.contentHash === discordContentHash(fake.messageById(p.messageId)!),
      );
    }, 'every pin to be up to date');

    expect(ids.map((id) => fake.editsOf(id).length)).toEqual([1, 1, 1, 1]);
    expect(passes.reduce((n, p) => n + Number(p.edited), 0)).toBe(ids.length);
    for (const id of ids) {
      const body = fake.editsOf(id)[0]!.body as { embeds: APIEmbed[]; allowed_mentions: unknown };
      expect(body.embeds[0]!.description).toContain('REPLICAS');
      expect(body.allowed_mentions).toEqual({ parse: [] });
    }
  });
});
