import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/core/locales.js';
import { discordContentHash } from '../../src/discord/pins/content-hash.js';
import { ACTION_PIN, ACTION_SHARE, encodeRef } from '../../src/slack/action-ids.js';
import { slackContentHash } from '../../src/slack/pins/content-hash.js';
import { openStore, type Store } from '../../src/store/index.js';
import { copyOfShippedData, tempDir } from '../helpers/dataset-fixture.js';
import { MODERATOR_PERMISSIONS, startFakeDiscord, type FakeDiscord } from './fake-discord.js';
import {
  blockActionsBody,
  blockActionsPayload,
  freePort,
  postSigned,
  startFakeSlack,
  type FakeSlack,
} from './fake-slack.js';
import { changeProvider, spawnBot, until, type BotProcess } from './pinned-answers-harness.js';

/**
 * The real bot process (`src/main.ts`) is killed with SIGKILL in the middle of a batch of pin
 * edits: one edit has gone through, the next one has reached the platform (held there by the
 * fake), the rest wait. After a restart every pinned answer has been edited exactly once in
 * total: the interrupted one is found already showing the new answer and is not edited again.
 */

const LOCALES: Locale[] = ['de', 'fr', 'ja'];
const SIGNING_SECRET = 'crash-signing-secret-4e1a';
const BOT_TOKEN = 'crash-bot-token-8c3b';
const GENERAL = 'C0GENERAL';

interface Platform {
  name: 'discord' | 'slack';
  env(): Record<string, string>;
  /** Posts an answer in `locale` and pins it with the bot's button; the message id. */
  pin(locale: Locale): Promise<string>;
  hold(): void;
  arrived(): number;
  release(): void;
  editsOf(id: string): number;
  shownHash(id: string): string;
  close(): Promise<void>;
}

async function discordPlatform(): Promise<Platform> {
  const fake: FakeDiscord = await startFakeDiscord({ heartbeatIntervalMs: 2_000 });
  return {
    name: 'discord',
    env: () => ({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    }),
    async pin(locale) {
      await fake.waitForSession(20_000);
      const ask = fake.slashCommand({ provider: 'deepseek' }, { locale });
      await fake.interact(ask, 20_000);
      const id = String(fake.originalOf(ask)!.id);
      const click = fake.clickOn(id, `vllm:pin:${locale}:0:deepseek`, {
        memberPermissions: MODERATOR_PERMISSIONS,
      });
      await fake.interact(click, 20_000);
      return id;
    },
    hold: () => (fake.faults.holdEditsAfter = fake.editsArrived + 1),
    arrived: () => fake.editsArrived,
    release: () => fake.releaseEdits(),
    editsOf: (id) => fake.editsOf(id).length,
    shownHash: (id) => discordContentHash(fake.messageById(id)!),
    close: () => fake.close(),
  };
}

async function slackPlatform(): Promise<Platform> {
  const fake: FakeSlack = await startFakeSlack();
  const port = await freePort();
  let seq = 0;
  const click = async (action: string, value: string, message?: { ts: string }) => {
    const payload = blockActionsPayload({
      user_id: 'U0MOD',
      team_id: 'T0FAKE',
      channel_id: GENERAL,
      response_url: fake.responseUrl(`crash-${++seq}`),
      action_id: action,
      value,
      ephemeral: !message,
      ...(message ? { message } : {}),
    });
    const url = `http://127.0.0.1:${port}/slack/events`;
    let status = 0;
    // The bot may still be starting: Slack retries too.
    await until(async () => {
      status = await postSigned(url, blockActionsBody(payload), {
        signingSecret: SIGNING_SECRET,
      }).then(
        (r) => r.status,
        () => 0,
      );
      return status !== 0;
    }, 'the bot to listen');
    expect(status).toBe(200);
  };
  return {
    name: 'slack',
    env: () => ({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_PORT: String(port),
      SLACK_API_URL: fake.apiUrl,
    }),
    async pin(locale) {
      const ref = encodeRef({ kind: 'provider', id: 'deepseek', locale });
      const before = fake.callsTo('chat.postMessage').length;
      await click(ACTION_SHARE, ref);
      const [post] = (await fake.waitForCalls('chat.postMessage', before + 1, 20_000)).slice(
        before,
      );
      const ts = String(post!.response?.['ts']);
      const pins = fake.callsTo('pins.add').length;
      await click(ACTION_PIN, ref, fake.messageAt(GENERAL, ts) as { ts: string });
      await fake.waitForCalls('pins.add', pins + 1, 20_000);
      return ts;
    },
    hold: () => (fake.holdUpdatesAfter = fake.updatesArrived + 1),
    arrived: () => fake.updatesArrived,
    release: () => fake.releaseUpdates(),
    editsOf: (ts) => fake.updatesOf(GENERAL, ts).length,
    shownHash: (ts) => slackContentHash(fake.messageAt(GENERAL, ts)!),
    close: () => fake.close(),
  };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});

describe.each([
  ['discord', discordPlatform],
  ['slack', slackPlatform],
] as const)('SIGKILL in the middle of a batch of pin edits (%s)', (_, makePlatform) => {
  it('after a restart, every pinned answer is edited exactly once in total', async () => {
    const platform = await makePlatform();
    cleanup.push(() => platform.close());
    const dataDir = copyOfShippedData();
    const stateDir = tempDir();
    const env = {
      ...platform.env(),
      DATA_DIR: dataDir,
      STATE_DIR: stateDir,
      PIN_UPDATE_GAP_MS: '100',
      PIN_UPDATE_LEASE_SECONDS: '1',
      // Six requests from one moderator in a few seconds: more than the default allows.
      RATE_LIMIT_MAX: '100',
    };
    const started: BotProcess[] = [];
    cleanup.push(async () => {
      for (const bot of started) await bot.stop();
    });
    const checked = (bot: BotProcess, what: string) =>
      bot.waitForLog((l) => l.msg === 'pinned answers checked', what);

    const first = spawnBot(env);
    started.push(first);
    await checked(first, 'the first pass');
    const ids: string[] = [];
    for (const locale of LOCALES) ids.push(await platform.pin(locale));

    const store: Store = await openStore({ databaseUrl: `sqlite:${join(stateDir, 'bot.db')}` });
    cleanup.push(() => store.close());
    await until(async () => (await store.listPins()).length === ids.length, 'three pins');

    // The second edit reaches the platform and is held there; then the bot dies.
    platform.hold();
    changeProvider(dataDir, 'deepseek', 'CRASH');
    first.child.kill('SIGHUP');
    await until(() => platform.arrived() >= 2, 'the second edit to arrive', 20_000);
    await first.kill();
    platform.release();
    await until(() => platform.editsOf(ids[1]!) === 1, 'the held edit to go through');
    expect(ids.map((id) => platform.editsOf(id))).toEqual([1, 1, 0]);
    // The interrupted claim is still recorded: the row does not know the edit went through.
    const interrupted = (await store.listPins()).find((p) => p.messageId === ids[1]);
    expect(interrupted?.pendingUpdate).not.toBeNull();

    const second = spawnBot(env);
    started.push(second);
    await until(
      async () => {
        if (ids.some((id) => platform.editsOf(id) === 0)) return false;
        const pins = await store.listPins();
        return pins.every(
          (p) => !p.pendingUpdate && p.contentHash === platform.shownHash(p.messageId),
        );
      },
      'every pin to be up to date',
      45_000,
    );
    expect(ids.map((id) => platform.editsOf(id))).toEqual([1, 1, 1]);
    const total = (field: string) =>
      second.logs
        .filter((l) => l.msg === 'pinned answers checked')
        .reduce((n, l) => n + Number(l[field]), 0);
    // The database can be up to date a moment before the pass's log line has come through.
    await until(() => total('alreadyShown') + total('edited') >= 2, 'the passes to be logged');
    expect(total('alreadyShown')).toBe(1);
    expect(total('edited')).toBe(1);
  }, 150_000);
});
