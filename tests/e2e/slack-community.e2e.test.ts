import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../src/core/i18n.js';
import type { Locale } from '../../src/core/locales.js';
import type { UiKey } from '../../src/core/ui-strings.js';
import type { PlatformHandle } from '../../src/runtime/bot-context.js';
import {
  ACTION_LINK,
  ACTION_MINE,
  ACTION_REPORT,
  ACTION_SHARE,
  decodeReportRef,
  encodeRef,
  VIEW_REPORT,
} from '../../src/slack/action-ids.js';
import { startSlack } from '../../src/slack/app.js';
import { openStore, type Store } from '../../src/store/index.js';
import { createTestContext, realKnowledge, type TestContext } from '../helpers/context.js';
import { cleanEnv, run, TSX } from '../helpers/run.js';
import { slackLimitViolations } from '../slack/check-limits.js';
import {
  blockActionsBody,
  blockActionsPayload,
  freePort,
  postSigned,
  slashCommandBody,
  startFakeSlack,
  viewSubmissionPayload,
  waitUntil,
  type FakeBody,
  type FakeSlack,
} from './fake-slack.js';

/**
 * "Report a wrong answer", "In my language" and misses through the real Bolt app (HTTP mode)
 * against the fake Slack, with a real SQLite store in a temp folder.
 */

const BOT_TOKEN = 'e2e-community-bot-token-7d3f';
const SIGNING_SECRET = 'e2e-community-signing-secret-2b9e';
const TEAM = 'T0FAKE';
const GENERAL = 'C0GENERAL';
const REPORTS = 'C0REPORTS';
const ISSUE_URL = 'https://github.com/OWNER/REPO/issues/new?template=wrong-answer.yml';
const knowledge = realKnowledge();
const t = (locale: Locale, key: UiKey, vars: Record<string, string> = {}) =>
  translate(knowledge.catalog, locale, key, vars);

interface Button {
  action_id: string;
  value?: string;
  url?: string;
  text: { text: string };
}
function buttonsOf(body: FakeBody): Button[] {
  const blocks = (body['blocks'] ?? []) as { type: string; elements?: Button[] }[];
  return blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
}

let dir: string;
let store: Store;
let fake: FakeSlack;
let tc: TestContext;
let handle: PlatformHandle;
let url: string;
let seq = 0;

async function slash(text: string, user: string, events = url) {
  const id = `cmd-${++seq}`;
  const body = slashCommandBody({
    text,
    user_id: user,
    team_id: TEAM,
    channel_id: GENERAL,
    response_url: fake.responseUrl(id),
  });
  const ack = await postSigned(events, body, { signingSecret: SIGNING_SECRET });
  expect(ack.status).toBe(200);
  if (ack.body !== '') return JSON.parse(ack.body) as FakeBody;
  const [post] = await fake.waitForResponses(id, 1);
  return post!.body;
}

async function click(button: Button, user: string, message?: { ts: string }) {
  const id = `click-${++seq}`;
  const payload = blockActionsPayload({
    user_id: user,
    team_id: TEAM,
    channel_id: GENERAL,
    response_url: fake.responseUrl(id),
    action_id: button.action_id,
    value: button.value ?? '',
    ephemeral: !message,
    ...(message ? { message } : {}),
  });
  const ack = await postSigned(url, blockActionsBody(payload), { signingSecret: SIGNING_SECRET });
  expect(ack.status).toBe(200);
  return id;
}

/** Submits the report modal; resolves with Bolt's HTTP answer (empty, or response_action). */
async function submit(
  privateMetadata: string,
  user: string,
  values: { what: string; source?: string | null },
) {
  const payload = viewSubmissionPayload({
    user_id: user,
    team_id: TEAM,
    callback_id: VIEW_REPORT,
    private_metadata: privateMetadata,
    values: { what: values.what, source: values.source ?? null },
  });
  const ack = await postSigned(url, blockActionsBody(payload), { signingSecret: SIGNING_SECRET });
  expect(ack.status).toBe(200);
  return ack.body === '' ? undefined : (JSON.parse(ack.body) as FakeBody);
}

/** Clicks Report as `user` and returns the modal views.open received. */
async function openModal(reportButton: Button, user: string): Promise<FakeBody> {
  const before = fake.callsTo('views.open').length;
  await click(reportButton, user);
  const calls = await fake.waitForCalls('views.open', before + 1);
  const call = calls[before]!;
  expect(call.response).toMatchObject({ ok: true });
  return call.body['view'] as FakeBody;
}

let reportButton: Button;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vllm-bot-community-slack-'));
  store = await openStore({ stateDir: dir });
  fake = await startFakeSlack();
  fake.users.set('U0GERMAN', { locale: 'de-DE' });
  fake.users.set('U0FRENCH', { locale: 'fr-FR' });
  fake.users.set('U0JAPAN', { locale: 'ja-JP' });
  const port = await freePort();
  tc = createTestContext({
    store,
    reports: { slackChannelId: REPORTS, issueUrl: ISSUE_URL },
  });
  handle = await startSlack(
    { mode: 'http', botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, port, apiUrl: fake.apiUrl },
    tc.ctx,
  );
  url = `http://127.0.0.1:${port}/slack/events`;
});

afterAll(async () => {
  await handle?.stop();
  await fake?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Report / suggest a source, on Slack', () => {
  it('a provider answer carries Report (with the query) and the issue link', async () => {
    const answer = await slash('DeepSeek', 'U0GERMAN');
    const buttons = buttonsOf(answer);
    expect(buttons.map((b) => b.action_id)).toEqual([ACTION_SHARE, ACTION_REPORT, ACTION_LINK]);
    reportButton = buttons[1]!;
    expect(reportButton.text.text).toContain(t('de', 'button.report'));
    expect(decodeReportRef(reportButton.value)).toEqual({
      id: 'deepseek',
      locale: 'de',
      query: 'DeepSeek',
    });
    expect(buttons[2]).toMatchObject({ url: ISSUE_URL, text: { text: t('de', 'report.link') } });
    expect(slackLimitViolations(answer)).toEqual([]);
  });

  it('button → views.open in the clicker’s language → submit: one operators’ post that notifies nobody, a private thank-you', async () => {
    const view = await openModal(reportButton, 'U0FRENCH');
    expect(view['callback_id']).toBe(VIEW_REPORT);
    expect((view['title'] as { text: string }).text).toBe(
      [...t('fr', 'report.modal.title')].length <= 24
        ? t('fr', 'report.modal.title')
        : expect.stringMatching(/…$/),
    );
    expect((view['title'] as { text: string }).text.length).toBeLessThanOrEqual(24);
    const labels = (view['blocks'] as { label: { text: string } }[]).map((b) => b.label.text);
    expect(labels).toEqual([t('fr', 'report.modal.what'), t('fr', 'report.modal.source')]);
    const metadata = String(view['private_metadata']);
    expect(decodeReportRef(metadata)).toEqual({
      id: 'deepseek',
      locale: 'de',
      query: 'DeepSeek',
      channel: GENERAL,
    });

    const posts = fake.callsTo('chat.postMessage').length;
    const ack = await submit(metadata, 'U0FRENCH', {
      what: 'Outdated <!channel> <@U0GERMAN> & more',
      source: 'https://example.com/deepseek-news',
    });
    expect(ack).toBeUndefined();

    const [thanks] = await fake.waitForCalls('chat.postEphemeral', 1);
    expect(thanks!.body).toMatchObject({ channel: GENERAL, user: 'U0FRENCH' });
    expect(thanks!.body['text']).toBe(t('fr', 'report.thanks'));
    const [link] = buttonsOf(thanks!.body);
    expect(link!.text.text).toBe(t('fr', 'report.issueLink'));
    const issue = new URL(link!.url!);
    expect(issue.searchParams.get('provider')).toBe('deepseek');
    expect(issue.searchParams.get('wrong')).toBe('Outdated <!channel> <@U0GERMAN> & more');

    const toOperators = fake
      .callsTo('chat.postMessage')
      .slice(posts)
      .filter((c) => c.body['channel'] === REPORTS);
    expect(toOperators).toHaveLength(1);
    const post = toOperators[0]!.body;
    expect(slackLimitViolations(post)).toEqual([]);
    const json = JSON.stringify(post);
    for (const live of ['<!channel>', '<@U0GERMAN>', '<@U0FRENCH>'])
      expect(json).not.toContain(live);
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain(
      t('en-US', 'report.post.body', {
        query: 'DeepSeek',
        locale: 'de',
        reporter: 'u0french (U0FRENCH)',
      }),
    );
    expect(json).toContain(t('en-US', 'report.post.title', { provider: 'DeepSeek' }));

    const [stored] = await store.listReports();
    expect(stored).toMatchObject({
      platform: 'slack',
      workspaceId: TEAM,
      providerId: 'deepseek',
      query: 'DeepSeek',
      locale: 'de',
      reporterId: 'U0FRENCH',
      sourceUrl: 'https://example.com/deepseek-news',
    });
    expect(stored!.postedAt).toBeInstanceOf(Date);
  });

  it('a malformed URL keeps the modal open with the reason under the field, in the reporter’s language; nothing stored', async () => {
    const view = await openModal(reportButton, 'U0FRENCH');
    const before = (await store.listReports()).length;
    const ack = await submit(String(view['private_metadata']), 'U0FRENCH', {
      what: 'Wrong',
      source: 'ftp://example.com/x',
    });
    expect(ack).toEqual({
      response_action: 'errors',
      errors: { source: t('fr', 'report.badUrl', { url: 'ftp://example.com/x' }) },
    });
    expect(await store.listReports()).toHaveLength(before);
  });

  it('rate-limits reports per user: the fourth in ten minutes is refused in the modal', async () => {
    const view = await openModal(reportButton, 'U0JAPAN');
    const metadata = String(view['private_metadata']);
    for (let i = 0; i < 3; i++) {
      expect(await submit(metadata, 'U0JAPAN', { what: `Report ${i}` })).toBeUndefined();
    }
    expect(await submit(metadata, 'U0JAPAN', { what: 'One too many' })).toEqual({
      response_action: 'errors',
      errors: { what: t('ja', 'report.rateLimited') },
    });
    const mine = (await store.listReports()).filter((r) => r.reporterId === 'U0JAPAN');
    expect(mine).toHaveLength(3);
    await waitUntil(
      () => fake.callsTo('chat.postMessage').filter((c) => c.body['channel'] === REPORTS).length,
      (n) => n === 4,
      3_000,
      'four operators’ posts',
    );
    await fake.waitForCalls('chat.postEphemeral', 4);
  });

  it('a link button’s click is acknowledged and does nothing else', async () => {
    const before = fake.calls.length;
    await click({ action_id: ACTION_LINK, url: ISSUE_URL, text: { text: '' } }, 'U0GERMAN');
    expect(fake.calls.length).toBe(before);
  });

  it('a button of ours this version does not know (an old message) is acknowledged at once', async () => {
    const before = fake.calls.length;
    // Unhandled, Bolt would answer 404 after its 3 s timeout; `click` expects 200.
    await click({ action_id: 'vllm_retired', value: 'x', text: { text: '' } }, 'U0GERMAN');
    expect(fake.calls.length).toBe(before);
  });
});

describe('In my language, on Slack', () => {
  it('a shared answer carries it; a click gives the clicker a private copy in their language', async () => {
    const share = buttonsOf(await slash('deepseek', 'U0GERMAN')).find(
      (b) => b.action_id === ACTION_SHARE,
    )!;
    const before = fake.callsTo('chat.postMessage').length;
    await click(share, 'U0GERMAN');
    const calls = await fake.waitForCalls('chat.postMessage', before + 1);
    const shared = calls[before]!.body;
    const mine = buttonsOf(shared).find((b) => b.action_id === ACTION_MINE)!;
    expect(mine.value).toBe(encodeRef({ kind: 'provider', id: 'deepseek', locale: 'de' }));
    expect(mine.text.text).toContain(t('de', 'button.inMyLanguage'));

    const id = await click(mine, 'U0JAPAN', { ts: String(calls[before]!.response?.['ts']) });
    const [post] = await fake.waitForResponses(id, 1);
    const japanese = knowledge.answerFor('deepseek', 'ja')!;
    expect(post!.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const blocks = post!.body['blocks'] as { type: string; text?: { text: string } }[];
    expect(blocks[0]!.text!.text).toBe(`${japanese.emoji} ${japanese.title}`);
    expect(buttonsOf(post!.body).some((b) => b.action_id === ACTION_MINE)).toBe(false);
  });
});

describe('misses, on Slack', () => {
  it('counts unmatched queries, normalised, never junk; not-found carries the issue link', async () => {
    for (const text of ['Zzqqxv Labs', 'zzqqxv-labs', '<@U0GERMAN> zzqqxv', 'www.zzqqxv.example']) {
      const answer = await slash(text, 'U0GERMAN');
      expect(buttonsOf(answer).map((b) => b.url)).toContain(ISSUE_URL);
    }
    let misses = await store.topMisses();
    const deadline = Date.now() + 3_000;
    while (misses.find((m) => m.query === 'zzqqxv labs')?.count !== 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      misses = await store.topMisses();
    }
    expect(misses.map((m) => [m.query, m.count])).toEqual([['zzqqxv labs', 2]]);
  });

  it('`npm run reports` and `npm run misses` show what the flows stored', async () => {
    const env = cleanEnv({ STATE_DIR: dir });
    const reports = await run(TSX, ['src/cli/reports.ts'], { env });
    expect(reports.code).toBe(0);
    expect(reports.stdout).toMatch(/^4 report\(s\)/);
    expect(reports.stdout).toContain(`slack ${TEAM}  posted`);
    expect(reports.stdout).toContain('reporter: u0french (U0FRENCH)');
    const misses = await run(TSX, ['src/cli/misses.ts'], { env });
    expect(misses.stdout).toMatch(/^\s+2\s+\S+ \S+ UTC\s+zzqqxv labs$/m);
  });
});

describe('without SLACK_REPORT_CHANNEL', () => {
  it('shows no Report button', async () => {
    const port = await freePort();
    const plain = createTestContext({ store });
    const bot = await startSlack(
      {
        mode: 'http',
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        port,
        apiUrl: fake.apiUrl,
      },
      plain.ctx,
    );
    try {
      const answer = await slash('deepseek', 'U0GERMAN', `http://127.0.0.1:${port}/slack/events`);
      expect(buttonsOf(answer).map((b) => b.action_id)).toEqual([ACTION_SHARE]);
    } finally {
      await bot.stop();
    }
  });
});
