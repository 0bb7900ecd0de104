import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIEmbed } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locales.js';
import type { UiKey } from '../../src/core/ui-strings.js';
import { startDiscord } from '../../src/discord/client.js';
import { startDiscordHttp } from '../../src/discord/http/server.js';
import { parseButtonId, parseReportModalId, reportId } from '../../src/discord/custom-ids.js';
import type { PlatformHandle } from '../../src/runtime/bot-context.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestContext, realKnowledge, type TestContext } from '../helpers/context.js';
import { cleanEnv, run, TSX } from '../helpers/run.js';
import {
  startFakeDiscord,
  snowflake,
  type FakeDiscord,
  type RecordedRequest,
} from './fake-discord.js';

/**
 * "Report a wrong answer", "In my language" and misses, end to end: the real discord.js
 * client against the fake Discord, with a real SQLite store in a temp folder; then the
 * `reports` and `misses` CLIs read what the flows stored.
 */

const EPHEMERAL = 64;
const REPORT_CHANNEL = snowflake();
const ISSUE_URL = 'https://github.com/OWNER/REPO/issues/new?template=wrong-answer.yml';
const knowledge = realKnowledge();
const t = (locale: Locale, key: UiKey, vars: Record<string, string> = {}) =>
  translate(knowledge.catalog, locale, key, vars);

interface Button {
  type: number;
  style: number;
  label?: string;
  custom_id?: string;
  url?: string;
}
interface Data {
  content?: string;
  custom_id?: string;
  title?: string;
  embeds?: APIEmbed[];
  components?: { type: number; label?: string; components?: Button[]; component?: Button }[];
  flags?: number;
  allowed_mentions?: unknown;
}
const dataOf = (r: RecordedRequest) => (r.body as { type: number; data?: Data }).data;
const typeOf = (r: RecordedRequest) => (r.body as { type: number }).type;
const buttonsOf = (data: Data | undefined) =>
  (data?.components ?? []).flatMap((row) => row.components ?? []);

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const reportButtonIdFor = (providerId: string) =>
  reportId({ locale: 'en-US', providerId, query: providerId });

let dir: string;
let store: Store;
let fake: FakeDiscord;
let test: TestContext;
let handle: PlatformHandle;

/** The reply a deferred interaction finally got: the PATCH of its @original message. */
async function editedReply(fakeDiscord: FakeDiscord, token: string): Promise<Data> {
  let edit: RecordedRequest | undefined;
  await until(() => {
    edit = fakeDiscord.requests.find(
      (r) => r.method === 'PATCH' && r.path.includes(`/${token}/messages/@original`),
    );
    return edit !== undefined;
  }, 'the edited reply');
  return edit!.body as Data;
}

/** Clicks Report on an answer, submits the modal, and returns the reporter's final reply. */
async function report(
  customId: string,
  values: { what: string; source?: string },
  options: { userId: string; locale: string },
): Promise<{ modal: Data; reply: Data; deferred: RecordedRequest }> {
  const click = fake.button(customId, {}, options);
  const shown = await fake.interact(click);
  expect(typeOf(shown)).toBe(9);
  const modal = dataOf(shown)!;
  const submit = fake.modalSubmit(
    modal.custom_id!,
    { what: values.what, source: values.source ?? '' },
    options,
  );
  const deferred = await fake.interact(submit);
  return { modal, reply: await editedReply(fake, submit.token), deferred };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vllm-bot-community-discord-'));
  store = await openStore({ stateDir: dir });
  fake = await startFakeDiscord({ heartbeatIntervalMs: 2_000 });
  test = createTestContext({
    store,
    reports: { discordChannelId: REPORT_CHANNEL, issueUrl: ISSUE_URL },
  });
  handle = await startDiscord(
    { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
    test.ctx,
  );
});

afterAll(async () => {
  await handle?.stop();
  await fake?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Report / suggest a source, on Discord', () => {
  let reportButtonId: string;

  it('a public answer carries In my language, Report (with the query) and the issue link', async () => {
    const ask = fake.slashCommand({ provider: 'DeepSeek' }, { locale: 'de' });
    const data = dataOf(await fake.interact(ask));
    const row = data!.components!.at(-1)!.components!;
    expect(row.map((b) => b.custom_id ?? b.url)).toEqual([
      'vllm:mine:deepseek',
      expect.stringMatching(/^vllm:report:de:deepseek:/),
      ISSUE_URL,
    ]);
    expect(row[1]!.label).toBe(t('de', 'button.report'));
    expect(row[2]).toMatchObject({ style: 5, label: t('de', 'report.link') });
    reportButtonId = row[1]!.custom_id!;
    expect(parseButtonId(reportButtonId)).toEqual({
      action: 'report',
      locale: 'de',
      providerId: 'deepseek',
      query: 'DeepSeek',
    });
  });

  it('button → modal in the clicker’s language → submit: one operators’ post that pings nobody, a private thank-you', async () => {
    const reporter = { userId: '333333333333333333', locale: 'fr' };
    const { modal, reply, deferred } = await report(
      reportButtonId,
      {
        what: 'Outdated since March @everyone <@222222222222222222> **bold**',
        source: 'https://example.com/deepseek-news',
      },
      reporter,
    );
    // The modal: French (the clicker's language), carrying the answer's language and query.
    expect(modal.title).toBe(t('fr', 'report.modal.title').slice(0, 45));
    expect(modal.components!.map((c) => c.label)).toEqual([
      t('fr', 'report.modal.what'),
      t('fr', 'report.modal.source'),
    ]);
    expect(parseReportModalId(modal.custom_id!)).toEqual({
      locale: 'de',
      providerId: 'deepseek',
      query: 'DeepSeek',
    });
    // Deferred privately, then thanked in French with a link to a pre-filled issue.
    expect(typeOf(deferred)).toBe(5);
    expect(dataOf(deferred)?.flags).toBe(EPHEMERAL);
    expect(reply.content).toBe(t('fr', 'report.thanks'));
    const [link] = buttonsOf(reply);
    expect(link).toMatchObject({ style: 5, label: t('fr', 'report.issueLink') });
    const issue = new URL(link!.url!);
    expect(issue.searchParams.get('template')).toBe('wrong-answer.yml');
    expect(issue.searchParams.get('provider')).toBe('deepseek');
    expect(issue.searchParams.get('source')).toBe('https://example.com/deepseek-news');
    expect(link!.url!.length).toBeLessThanOrEqual(512);

    // Exactly one post in the operators' channel.
    await until(() => fake.channelPosts.length === 1, 'the operators’ post');
    const post = fake.channelPosts[0]!;
    expect(post.channel_id).toBe(REPORT_CHANNEL);
    expect(post.allowed_mentions).toEqual({ parse: [] });
    expect(post.content ?? '').toBe('');
    const embed = (post.embeds as APIEmbed[])[0]!;
    expect(embed.title).toBe(t('en-US', 'report.post.title', { provider: 'DeepSeek' }));
    const text = JSON.stringify(embed);
    // Provider, query, locale and the reporter as plain text with their id, never as <@id>.
    expect(text).toContain(
      t('en-US', 'report.post.body', {
        query: 'DeepSeek',
        locale: 'de',
        reporter: 'user3333 (333333333333333333)',
      }),
    );
    expect(text).not.toContain('<@333333333333333333>');
    expect(embed.description).toContain('\\*\\*bold\\*\\*');
    expect(buttonsOf(post as Data)[0]).toMatchObject({ style: 5 });

    // Stored, and marked posted.
    const [stored] = await store.listReports();
    expect(stored).toMatchObject({
      platform: 'discord',
      workspaceId: fake.guildId,
      providerId: 'deepseek',
      query: 'DeepSeek',
      locale: 'de',
      reporterId: '333333333333333333',
      reporterName: 'user3333',
      sourceUrl: 'https://example.com/deepseek-news',
    });
    expect(stored!.postedAt).toBeInstanceOf(Date);
  });

  it('a malformed URL: a private explanation in the reporter’s language, nothing stored or posted', async () => {
    const before = (await store.listReports()).length;
    const posts = fake.channelPosts.length;
    const { reply } = await report(
      reportButtonId,
      { what: 'Wrong', source: 'http://insecure.example/x' },
      { userId: '444444444444444444', locale: 'ja' },
    );
    expect(reply.content).toBe(t('ja', 'report.badUrl', { url: 'http://insecure.example/x' }));
    expect(buttonsOf(reply)).toEqual([]);
    expect(await store.listReports()).toHaveLength(before);
    expect(fake.channelPosts).toHaveLength(posts);
  });

  it('rate-limits reports per user: the fourth in ten minutes is refused, in their language', async () => {
    const user = { userId: '555555555555555555', locale: 'es-ES' };
    for (let i = 0; i < 3; i++) {
      const { reply } = await report(reportButtonId, { what: `Report ${i}` }, user);
      expect(reply.content).toBe(t('es-ES', 'report.thanks'));
    }
    const { reply } = await report(reportButtonId, { what: 'One too many' }, user);
    expect(reply.content).toBe(t('es-ES', 'report.rateLimited'));
    const mine = (await store.listReports()).filter((r) => r.reporterId === user.userId);
    expect(mine.map((r) => r.whatIsWrong).sort()).toEqual(['Report 0', 'Report 1', 'Report 2']);
    // Someone else may still report.
    const other = await report(
      reportButtonId,
      { what: 'Me too' },
      { userId: '666666666666666666', locale: 'en-US' },
    );
    expect(other.reply.content).toBe(t('en-US', 'report.thanks'));
  });
});

describe('In my language, on Discord', () => {
  it('gives whoever clicks a private copy in their own language, without a button of its own', async () => {
    const click = fake.button('vllm:mine:deepseek', {}, { locale: 'ja' });
    const reply = await fake.interact(click);
    expect(typeOf(reply)).toBe(4);
    const data = dataOf(reply)!;
    expect(data.flags).toBe(EPHEMERAL);
    const japanese = knowledge.answerFor('deepseek', 'ja')!;
    expect(data.embeds![0]!.title).toBe(`${japanese.emoji} ${japanese.title}`);
    const ids = buttonsOf(data).map((b) => b.custom_id ?? '');
    expect(ids.some((id) => id.startsWith('vllm:mine'))).toBe(false);
    expect(ids).toContain('vllm:share:ja:deepseek');
  });

  it('works for the overview too', async () => {
    const reply = await fake.interact(fake.button('vllm:mine:', {}, { locale: 'de' }));
    const data = dataOf(reply)!;
    expect(data.flags).toBe(EPHEMERAL);
    expect(data.embeds![0]!.title).toBe(
      t('de', 'overview.title', { count: String(knowledge.providers.length) }),
    );
  });
});

describe('misses, on Discord', () => {
  it('counts unmatched queries, normalised, but not junk; not-found carries the issue link', async () => {
    const counter = async () => (await test.ctx.metrics.misses.get()).values[0]?.value ?? 0;
    const before = await counter();
    const asks = [
      'Qqzzxv-Cloud',
      'qqzzxv cloud!',
      '<@123456789012345678> qqzzxv',
      'https://qqzzxv.example',
    ];
    for (const provider of asks) {
      const data = dataOf(await fake.interact(fake.slashCommand({ provider })));
      expect(data?.flags).toBe(EPHEMERAL);
      expect(buttonsOf(data).map((b) => b.url)).toEqual([ISSUE_URL]);
    }
    await until(async () => (await store.topMisses()).length > 0, 'the miss to be stored');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await store.topMisses()).toEqual([
      expect.objectContaining({ query: 'qqzzxv cloud', count: 2 }),
    ]);
    expect((await counter()) - before).toBe(4);
    const metrics = await test.ctx.metrics.registry.metrics();
    expect(metrics).toMatch(/^vllm_bot_misses_total \d+$/m);
    expect(metrics).not.toContain('qqzzxv');
  });

  it('`npm run misses` and `npm run reports` show the rows these flows stored', async () => {
    const env = cleanEnv({ STATE_DIR: dir });
    const misses = await run(TSX, ['src/cli/misses.ts'], { env });
    expect(misses.code).toBe(0);
    expect(misses.stdout).toMatch(/^\s+2\s+\S+ \S+ UTC\s+qqzzxv cloud$/m);
    const reports = await run(TSX, ['src/cli/reports.ts'], { env });
    expect(reports.code).toBe(0);
    expect(reports.stdout).toContain('provider: deepseek   query: "DeepSeek"   locale: de');
    expect(reports.stdout).toContain('reporter: user3333 (333333333333333333)');
    expect(reports.stdout).toContain('source: https://example.com/deepseek-news');
    expect(reports.stdout).toMatch(/^5 report\(s\)/);
  });
});

describe('over HTTP interactions (same handlers)', () => {
  it('the modal is the HTTP answer to the click; the submit posts once and thanks privately', async () => {
    const other = await startFakeDiscord();
    const ctx = createTestContext({ store, reports: { discordChannelId: REPORT_CHANNEL } });
    const bot = await startDiscordHttp(
      {
        token: other.token,
        applicationId: other.applicationId,
        apiUrl: other.apiUrl,
        http: { publicKey: other.publicKey, port: 0, host: '127.0.0.1' },
      },
      ctx.ctx,
    );
    try {
      const endpoint = `http://127.0.0.1:${bot.port}/interactions`;
      const who = { userId: '777777777777777777', locale: 'it' };
      const shown = await other.deliver(
        endpoint,
        other.button(reportButtonIdFor('openai'), {}, who),
      );
      const modal = shown.body as { type: number; data: Data };
      expect(modal.type).toBe(9);
      expect(modal.data.title).toBe(t('it', 'report.modal.title').slice(0, 45));
      const submit = other.modalSubmit(
        modal.data.custom_id!,
        { what: 'Via HTTP', source: '' },
        who,
      );
      const deferred = await other.deliver(endpoint, submit);
      expect(deferred.body).toMatchObject({ type: 5, data: { flags: EPHEMERAL } });
      const reply = await editedReply(other, submit.token);
      expect(reply.content).toBe(t('it', 'report.thanks'));
      await until(() => other.channelPosts.length === 1, 'the operators’ post');
      expect(other.channelPosts[0]!.allowed_mentions).toEqual({ parse: [] });
      const [stored] = (await store.listReports()).filter((r) => r.reporterId === who.userId);
      expect(stored).toMatchObject({
        providerId: 'openai',
        whatIsWrong: 'Via HTTP',
        sourceUrl: null,
      });
    } finally {
      await bot.stop();
      await other.close();
    }
  });
});

describe('without a report destination', () => {
  it('shows no Report button (In my language stays)', async () => {
    const other = await startFakeDiscord({ heartbeatIntervalMs: 2_000 });
    const plain = createTestContext({ store });
    const bot = await startDiscord(
      { token: other.token, applicationId: other.applicationId, apiUrl: other.apiUrl },
      plain.ctx,
    );
    try {
      const data = dataOf(await other.interact(other.slashCommand({ provider: 'deepseek' })));
      const ids = buttonsOf(data).map((b) => b.custom_id ?? b.url ?? '');
      expect(ids).toContain('vllm:mine:deepseek');
      expect(ids.some((id) => id.startsWith('vllm:report'))).toBe(false);
      expect(ids).not.toContain(ISSUE_URL);
    } finally {
      await bot.stop();
      await other.close();
    }
  });
});
