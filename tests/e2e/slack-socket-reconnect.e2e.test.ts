/**
 * Socket Mode losing its connection: the real Bolt app (startSlack in Socket Mode, as main
 * starts it) against the fake Slack, which drops the WebSocket from its side and then refuses
 * new connections for a while — first by failing apps.connections.open, then by refusing the
 * WebSocket upgrade. The bot must report itself not ready meanwhile, come back on its own, and
 * answer a command sent afterwards. Bolt's backoff step is the client ping timeout (2 s, see
 * src/slack/app.ts), so this file takes about 10 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlatformHandle } from '../../src/runtime/bot-context.js';
import { startHealthServer, type HealthServer } from '../../src/runtime/health-server.js';
import { startSlack } from '../../src/slack/app.js';
import { createTestContext, type TestContext } from '../helpers/context.js';
import {
  startFakeSlack,
  startFakeSocketMode,
  waitUntil,
  type FakeSlack,
  type FakeSocketMode,
} from './fake-slack.js';

// Not in xoxb-/xapp- form: the logger scrubs that pattern, which would hide a leak.
const BOT_TOKEN = 'reconnect-bot-token-7d2f0a9c41';
const APP_TOKEN = 'reconnect-app-token-1b8e5c3f60';
const TEAM = 'T0FAKE';
const USER = 'U0RECONNECT';

let api: FakeSlack;
let socket: FakeSocketMode;
let tc: TestContext;
let slack: PlatformHandle;
let health: HealthServer;

async function readyz(): Promise<{ status: number; body: { ready: boolean; reasons: string[] } }> {
  const res = await fetch(`http://127.0.0.1:${health.port}/readyz`);
  return { status: res.status, body: (await res.json()) as { ready: boolean; reasons: string[] } };
}

/** Sends /vllm over the socket and returns the acknowledgement Bolt sends back. */
async function ask(n: number, text: string): Promise<Record<string, unknown>> {
  socket.send({
    envelope_id: `env-${n}`,
    type: 'slash_commands',
    accepts_response_payload: true,
    payload: {
      token: 'verification-token-unused',
      team_id: TEAM,
      team_domain: 'fake',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      user_id: USER,
      user_name: USER.toLowerCase(),
      command: '/vllm',
      text,
      api_app_id: 'A0FAKE',
      is_enterprise_install: 'false',
      response_url: api.responseUrl(`reconnect-${n}`),
      trigger_id: '1.2.3',
    },
  });
  return socket.waitForAck(`env-${n}`);
}

const waitFor = (what: string, done: () => boolean, timeoutMs = 8_000) =>
  waitUntil(() => done(), Boolean, timeoutMs, what);

beforeAll(async () => {
  api = await startFakeSlack();
  socket = await startFakeSocketMode();
  api.socketUrl = socket.url;
  tc = createTestContext();
  slack = await startSlack(
    { mode: 'socket', botToken: BOT_TOKEN, appToken: APP_TOKEN, apiUrl: api.apiUrl },
    tc.ctx,
  );
  // The same readiness rule as main: every platform connected.
  health = await startHealthServer(
    0,
    () => ({ ready: slack.ready(), reasons: slack.ready() ? [] : ['slack is not connected'] }),
    tc.ctx.metrics.registry,
  );
});

afterAll(async () => {
  await slack?.stop();
  await health?.close();
  await socket?.close();
  await api?.close();
});

describe('Slack Socket Mode when the connection drops', () => {
  it('answers before anything goes wrong', async () => {
    expect((await readyz()).status).toBe(200);
    const ack = await ask(1, 'deepseek lang:en');
    expect(ack['payload']).toMatchObject({ response_type: 'ephemeral' });
  });

  it('is not ready while Slack refuses apps.connections.open, then reconnects and answers', async () => {
    const opensBefore = api.callsTo('apps.connections.open').length;
    api.connectionsOpenError = 'internal_error';
    socket.drop('close');
    await waitFor(
      'the bot to notice the dropped socket (before the 2 s backoff ends)',
      () => !slack.ready(),
      1_000,
    );
    expect(await readyz()).toEqual({
      status: 503,
      body: { ready: false, reasons: ['slack is not connected'] },
    });

    // At least one reconnect attempt is refused before Slack lets the bot back in.
    await waitFor('a refused apps.connections.open', () =>
      api
        .callsTo('apps.connections.open')
        .slice(opensBefore)
        .some((c) => c.response?.['ok'] === false),
    );
    expect(slack.ready()).toBe(false);
    expect((await readyz()).status).toBe(503);
    api.connectionsOpenError = undefined;

    await waitFor('the bot to reconnect', () => slack.ready() && socket.connected());
    expect(socket.connections).toBe(2);
    expect((await readyz()).status).toBe(200);
    const ack = await ask(2, 'openai lang:de');
    expect(ack['payload']).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('OpenAI') as unknown,
    });
  });

  it('is not ready while the WebSocket upgrade is refused after a network cut, then reconnects and answers', async () => {
    socket.refuseUpgrades = true;
    socket.drop('terminate');
    await waitFor('the bot to notice the cut', () => !slack.ready(), 1_000);
    await waitFor('a refused WebSocket upgrade', () => socket.refused > 0);
    expect(slack.ready()).toBe(false);
    expect((await readyz()).status).toBe(503);
    socket.refuseUpgrades = false;

    await waitFor('the bot to reconnect', () => slack.ready() && socket.connected());
    expect(socket.connections).toBe(3);
    const ack = await ask(3, 'anthropic lang:fr');
    expect(ack['payload']).toMatchObject({ response_type: 'ephemeral' });
  });

  it('counts the reconnects, records every answer and never logs a token', async () => {
    const metrics = await tc.ctx.metrics.registry.metrics();
    expect(metrics).toMatch(/reconnect\w*\{platform="slack"\} 2\b/);
    const answered = tc.logs.filter((l) => l['platform'] === 'slack' && l['msg'] === 'answered');
    expect(answered).toHaveLength(3);
    const all = tc.rawLogs.join('');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(APP_TOKEN);
  });
});
