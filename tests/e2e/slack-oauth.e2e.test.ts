/**
 * Slack installed in many workspaces: the real Bolt app in OAuth mode (startSlack, as main
 * starts it with SLACK_CLIENT_ID/SECRET/STATE_SECRET) against the fake Slack. Two workspaces
 * install the app through /slack/install and /slack/oauth_redirect (the fake's oauth.v2.access
 * issues each its own bot token), then every Web API call made for a workspace must carry that
 * workspace's token. Uninstalling (app_uninstalled) or revoking (tokens_revoked) deletes the
 * installation. The installations live in Bolt's own FileInstallationStore in a temp folder:
 * a real library store behind Bolt's InstallationStore interface, the one startSlack takes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileInstallationStore } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformHandle } from '../../src/runtime/bot-context.js';
import { ACTION_SHARE, encodeRef } from '../../src/slack/action-ids.js';
import { SLACK_BOT_SCOPES } from '../../src/slack/oauth.js';
import { startSlack } from '../../src/slack/app.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import {
  blockActionsBody,
  blockActionsPayload,
  eventCallbackBody,
  freePort,
  postSigned,
  slashCommandBody,
  startFakeSlack,
  waitUntil,
  type FakeBody,
  type FakeSlack,
} from './fake-slack.js';

const CLIENT_ID = '1111111111.2222222222';
const CLIENT_SECRET = 'oauth-client-secret-4e8a1c7d92';
const STATE_SECRET = 'oauth-state-secret-0b6f3e9a5c1d';
const SIGNING_SECRET = 'oauth-signing-secret-7c2d8e4f1a';
const ALPHA = 'T0ALPHA';
const BETA = 'T0BETA';
const CHANNEL = 'C0GENERAL';

let fake: FakeSlack;
let tc: TestContext;
let slack: PlatformHandle;
let store: FileInstallationStore;
let dir: string;
let base: string;
let seq = 0;

const query = (teamId: string) => ({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });

interface InstallStart {
  status: number;
  location: URL;
  state: string;
  cookie: string;
}

/** An admin opens the install link: Bolt answers with a redirect to Slack and a state cookie. */
async function openInstallLink(): Promise<InstallStart> {
  const res = await fetch(`${base}/slack/install`, { redirect: 'manual' });
  const location = new URL(res.headers.get('location') ?? 'about:blank');
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { status: res.status, location, state: location.searchParams.get('state') ?? '', cookie };
}

/** Slack sends the admin back to the redirect URL with a code and the state. */
function returnFromSlack(code: string, state: string, cookie?: string): Promise<Response> {
  const params = new URLSearchParams({ code, state });
  return fetch(`${base}/slack/oauth_redirect?${params.toString()}`, {
    redirect: 'manual',
    headers: cookie ? { cookie } : {},
  });
}

async function install(teamId: string): Promise<void> {
  const start = await openInstallLink();
  const res = await returnFromSlack(fake.approveInstall(teamId), start.state, start.cookie);
  expect(res.status).toBe(200);
  await res.text();
}

async function slash(teamId: string, user: string, text: string) {
  const id = `oauth-${++seq}`;
  const body = slashCommandBody({
    text,
    user_id: user,
    team_id: teamId,
    channel_id: CHANNEL,
    response_url: fake.responseUrl(id),
  });
  const ack = await postSigned(`${base}/slack/events`, body, { signingSecret: SIGNING_SECRET });
  return { id, ack };
}

async function answerOf(command: Awaited<ReturnType<typeof slash>>): Promise<FakeBody> {
  expect(command.ack.status).toBe(200);
  if (command.ack.body !== '') return JSON.parse(command.ack.body) as FakeBody;
  const [post] = await fake.waitForResponses(command.id, 1);
  return post!.body;
}

function postEvent(teamId: string, event: Record<string, unknown>) {
  return postSigned(`${base}/slack/events`, eventCallbackBody(teamId, event), {
    signingSecret: SIGNING_SECRET,
    contentType: 'application/json',
  });
}

const callsWith = (token: string | undefined) => fake.calls.filter((c) => c.token === token);

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.oauthApp = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
  fake.users.set('U0ALPHA', { locale: 'de-DE' });
  fake.users.set('U0BETA', { locale: 'ja-JP' });
  dir = mkdtempSync(join(tmpdir(), 'vllm-oauth-'));
  store = new FileInstallationStore({ baseDir: dir, clientId: CLIENT_ID });
  tc = createTestContext({ secrets: [] });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  slack = await startSlack(
    {
      mode: 'oauth',
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      stateSecret: STATE_SECRET,
      signingSecret: SIGNING_SECRET,
      port,
      apiUrl: fake.apiUrl,
    },
    tc.ctx,
    { installationStore: store },
  );
});

afterAll(async () => {
  await slack?.stop();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Slack OAuth: one bot, many workspaces', () => {
  it('is ready without any token and sends admins to Slack’s consent page with the bot scopes and a state cookie', async () => {
    expect(slack.ready()).toBe(true);
    expect(fake.callsTo('auth.test')).toEqual([]);
    const start = await openInstallLink();
    expect(start.status).toBe(302);
    expect(start.location.origin + start.location.pathname).toBe(
      'https://slack.com/oauth/v2/authorize',
    );
    expect(start.location.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(start.location.searchParams.get('scope')?.split(',').sort()).toEqual(
      [...SLACK_BOT_SCOPES].sort(),
    );
    expect(start.state.length).toBeGreaterThan(20);
    expect(start.cookie).toBe(`slack-app-oauth-state=${start.state}`);
  });

  it('refuses a redirect whose state is not this browser’s, and stores nothing', async () => {
    const start = await openInstallLink();
    const code = fake.approveInstall('T0MALLORY');
    const res = await returnFromSlack(code, start.state); // no cookie: another browser
    expect(res.status).toBeGreaterThanOrEqual(400);
    await res.text();
    expect(fake.callsTo('oauth.v2.access')).toEqual([]);
    await expect(store.fetchInstallation(query('T0MALLORY'))).rejects.toThrow();
  });

  it('installs two workspaces, each with its own bot token from oauth.v2.access', async () => {
    await install(ALPHA);
    await install(BETA);
    const exchanges = fake.callsTo('oauth.v2.access');
    expect(exchanges).toHaveLength(2);
    for (const call of exchanges) {
      expect(call.body).toMatchObject({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
      expect(call.response).toMatchObject({ ok: true });
    }
    const alphaToken = fake.botTokenOf(ALPHA);
    const betaToken = fake.botTokenOf(BETA);
    expect(alphaToken).toBeDefined();
    expect(alphaToken).not.toBe(betaToken);
    expect((await store.fetchInstallation(query(ALPHA))).bot?.token).toBe(alphaToken);
    expect((await store.fetchInstallation(query(BETA))).bot?.token).toBe(betaToken);
    // Bolt checks each new token with auth.test, through SLACK_API_URL too.
    expect(fake.callsTo('auth.test').map((c) => c.team)).toEqual([ALPHA, BETA]);
  });

  it('answers each workspace’s command with that workspace’s token', async () => {
    const alpha = await answerOf(await slash(ALPHA, 'U0ALPHA', 'deepseek'));
    const beta = await answerOf(await slash(BETA, 'U0BETA', 'deepseek'));
    expect(alpha).toMatchObject({ response_type: 'ephemeral' });
    expect(beta).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(alpha)).not.toBe(JSON.stringify(beta)); // German vs Japanese

    const lookups = fake.callsTo('users.info');
    expect(lookups.map((c) => [c.body['user'], c.team, c.token])).toEqual([
      ['U0ALPHA', ALPHA, fake.botTokenOf(ALPHA)],
      ['U0BETA', BETA, fake.botTokenOf(BETA)],
    ]);
    expect(lookups.every((c) => c.response?.['ok'] === true)).toBe(true);
  });

  it('shares an answer in a channel with the clicking workspace’s token', async () => {
    const payload = blockActionsPayload({
      user_id: 'U0BETA',
      team_id: BETA,
      channel_id: CHANNEL,
      response_url: fake.responseUrl(`oauth-share-${++seq}`),
      action_id: ACTION_SHARE,
      value: encodeRef({ kind: 'provider', id: 'openai', locale: 'ja' }),
      ephemeral: true,
    });
    const ack = await postSigned(`${base}/slack/events`, blockActionsBody(payload), {
      signingSecret: SIGNING_SECRET,
    });
    expect(ack.status).toBe(200);
    const [post] = await fake.waitForCalls('chat.postMessage', 1);
    expect(post).toMatchObject({ team: BETA, token: fake.botTokenOf(BETA) });
    expect(post!.response).toMatchObject({ ok: true });
  });

  it('deletes a workspace’s installation on app_uninstalled and no longer answers it', async () => {
    const alphaToken = fake.botTokenOf(ALPHA);
    fake.revokeTeam(ALPHA);
    const res = await postEvent(ALPHA, { type: 'app_uninstalled' });
    expect(res.status).toBe(200);
    await waitUntil(
      () => tc.logs.filter((l) => l['msg'] === 'slack installation deleted'),
      (lines) => lines.length === 1,
      3_000,
      'the installation to be deleted',
    );
    await expect(store.fetchInstallation(query(ALPHA))).rejects.toThrow();
    expect((await store.fetchInstallation(query(BETA))).bot?.token).toBe(fake.botTokenOf(BETA));

    const callsBefore = fake.calls.length;
    const command = await slash(ALPHA, 'U0ALPHA2', 'openai');
    expect(command.ack.status).toBe(200);
    expect(command.ack.body).toBe('');
    await waitUntil(
      () => tc.logs.filter((l) => l['msg'] === 'slack request failed outside a handler'),
      (lines) => lines.length >= 1,
      3_000,
      'the unauthorized command to be logged',
    );
    expect(fake.calls.slice(callsBefore)).toEqual([]);
    expect(callsWith(alphaToken).filter((c) => c.response?.['ok'] === false)).toEqual([]);
    expect(fake.responsesTo(command.id)).toEqual([]);

    // The other workspace is unaffected.
    const beta = await answerOf(await slash(BETA, 'U0BETA', 'openai'));
    expect(beta).toMatchObject({ response_type: 'ephemeral' });
  });

  it('deletes an installation when its bot token is revoked, not when only user tokens are', async () => {
    let res = await postEvent(BETA, { type: 'tokens_revoked', tokens: { oauth: ['U0ADMIN'] } });
    expect(res.status).toBe(200);
    expect((await store.fetchInstallation(query(BETA))).bot?.token).toBe(fake.botTokenOf(BETA));

    res = await postEvent(BETA, {
      type: 'tokens_revoked',
      tokens: { bot: [`U0BOT${BETA}`] },
    });
    expect(res.status).toBe(200);
    await waitUntil(
      () => tc.logs.filter((l) => l['msg'] === 'slack installation deleted'),
      (lines) => lines.length === 2,
      3_000,
      'the second installation to be deleted',
    );
    await expect(store.fetchInstallation(query(BETA))).rejects.toThrow();
  });

  it('never logs a token or a secret', () => {
    const all = tc.rawLogs.join('');
    for (const secret of [CLIENT_SECRET, STATE_SECRET, SIGNING_SECRET]) {
      expect(all).not.toContain(secret);
    }
    for (const call of fake.callsTo('oauth.v2.access')) {
      const token = (call.response as { access_token: string }).access_token;
      expect(all).not.toContain(token);
    }
  });
});
