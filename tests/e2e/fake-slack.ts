/**
 * A fake Slack for end-to-end tests and benchmarks, on 127.0.0.1 only:
 * - the Web API methods this bot calls (auth.test, users.info, chat.postMessage,
 *   chat.postEphemeral, chat.update, pins.add, pins.list, views.open, apps.connections.open,
 *   oauth.v2.access), under
 *   `${apiUrl}/<method>`; a bot token issued by an OAuth install belongs to its workspace, and
 *   each call records the workspace its token belongs to;
 * - response_urls (`responseUrl(id)`), recording what is posted to them;
 * - a Socket Mode WebSocket server (`startFakeSocketMode`);
 * - the signer and request builders Slack's side would use (`signSlackRequest`, …).
 * Every call is recorded with its method, parsed body and whether it carried a token.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { rawText } from './raw-text.js';

export type FakeBody = Record<string, unknown>;

export interface FakeCall {
  method: string;
  body: FakeBody;
  contentType: string;
  /** An `Authorization: Bearer …` header was sent. */
  authHeader: boolean;
  /** The token it carried (header or body), to check which token was used. */
  token?: string;
  at: number;
  /** What the fake answered (once it has). */
  response?: FakeBody;
  /** The workspace whose OAuth-issued bot token the call carried. */
  team?: string;
}

/** The Slack app an OAuth install is for: oauth.v2.access checks these. */
export interface FakeOAuthApp {
  clientId: string;
  clientSecret: string;
}

export interface ResponsePost {
  id: string;
  body: FakeBody;
  at: number;
}

/** How users.info behaves for one user. */
export interface FakeUser {
  locale?: string;
  /** `error`: ok:false; `http-error`: HTTP 500; `slow`: answers after `delayMs`. */
  mode?: 'ok' | 'error' | 'http-error' | 'slow';
  delayMs?: number;
}

export interface FakeSlackOptions {
  /** Default locale for users not configured in `users`. */
  defaultLocale?: string;
  teamId?: string;
  botUserId?: string;
  /** false: keep no call or post in memory (long benchmarks); use the hooks instead. */
  record?: boolean;
  onCall?: (call: FakeCall) => void;
  onResponse?: (post: ResponsePost) => void;
}

export interface FakeSlack {
  /** The Web API base as an operator would set SLACK_API_URL (no trailing slash). */
  apiUrl: string;
  origin: string;
  calls: FakeCall[];
  responses: ResponsePost[];
  users: Map<string, FakeUser>;
  /** Channels where chat.postMessage answers not_in_channel. */
  notInChannel: Set<string>;
  /** Channel → the error pins.add answers there (e.g. not_pinnable, missing_scope). */
  pinErrors: Map<string, string>;
  /** Channels that no longer exist: pins.list and chat.update answer channel_not_found. */
  goneChannels: Set<string>;
  /** Consumed in order, one per chat.update: HTTP 429 with this Retry-After (seconds). */
  updateRateLimits: number[];
  /** chat.update calls past this many are held (not answered) until `releaseUpdates()`. */
  holdUpdatesAfter?: number;
  releaseUpdates(): void;
  /** chat.update calls that arrived so far, held ones included. */
  readonly updatesArrived: number;
  /** A message the bot posted (as edited since), or undefined once deleted. */
  messageAt(channel: string, ts: string): FakeBody | undefined;
  deleteMessage(channel: string, ts: string): void;
  /** Someone unpins the message through Slack's own menu. */
  unpin(channel: string, ts: string): void;
  /** Accepted (ok) chat.update calls for one message. */
  updatesOf(channel: string, ts: string): FakeCall[];
  /** What apps.connections.open returns. */
  socketUrl?: string;
  /** Set: apps.connections.open answers ok:false with this error (Slack refusing new sockets). */
  connectionsOpenError?: string;
  /** When not empty, any other token gets invalid_auth. OAuth installs add their tokens. */
  acceptedTokens: Set<string>;
  /** Set: oauth.v2.access exchanges codes for this app only. */
  oauthApp?: FakeOAuthApp;
  /**
   * An admin of `teamId` approves the install on Slack's consent page: returns the one-time
   * code Slack would append to the redirect URL.
   */
  approveInstall(teamId: string, teamName?: string): string;
  /** The bot token the last install gave `teamId`. */
  botTokenOf(teamId: string): string | undefined;
  /** Slack revokes a workspace's bot token (uninstall): calls with it get token_revoked. */
  revokeTeam(teamId: string): void;
  responseUrl(id: string): string;
  callsTo(method: string): FakeCall[];
  responsesTo(id: string): ResponsePost[];
  /** Resolves with the posts to a response_url once there are `count`; rejects after `timeoutMs`. */
  waitForResponses(id: string, count?: number, timeoutMs?: number): Promise<ResponsePost[]>;
  waitForCalls(method: string, count?: number, timeoutMs?: number): Promise<FakeCall[]>;
  close(): Promise<void>;
}

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'view']);
/** Slack accepts a trigger_id for views.open for 3 seconds. */
const TRIGGER_TTL_MS = 3_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A form or JSON field as text; absent or structured values read as empty. */
function text(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

function parseBody(raw: string, contentType: string): FakeBody {
  if (contentType.startsWith('application/json')) return raw ? (JSON.parse(raw) as FakeBody) : {};
  const body: FakeBody = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = JSON_FIELDS.has(key) ? (JSON.parse(value) as unknown) : value;
  }
  return body;
}

/** Polls `read` until `done`, bounded by `timeoutMs`. */
export async function waitUntil<T>(
  read: () => T,
  done: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (done(value)) return value;
    if (performance.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const teamId = options.teamId ?? 'T0FAKE';
  const botUserId = options.botUserId ?? 'U0BOT';
  const calls: FakeCall[] = [];
  const responses: ResponsePost[] = [];
  const users = new Map<string, FakeUser>();
  const notInChannel = new Set<string>();
  const pinErrors = new Map<string, string>();
  const posted = new Map<string, FakeBody>();
  const pinned = new Set<string>();
  let updatesSeen = 0;
  const heldUpdates: (() => void)[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let seq = 0;
  const codes = new Map<string, { teamId: string; teamName: string }>();
  const teamTokens = new Map<string, string>();
  const tokenTeams = new Map<string, string>();
  const revoked = new Set<string>();

  const send = (res: ServerResponse, status: number, body: FakeBody, call?: FakeCall) => {
    if (call) call.response = body;
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const later = (ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  /** oauth.v2.access: the app's credentials and a one-time code buy the workspace a bot token. */
  function oauthAccess(body: FakeBody, fake: FakeSlack): FakeBody {
    const app = fake.oauthApp;
    if (!app || body['client_id'] !== app.clientId)
      return { ok: false, error: 'invalid_client_id' };
    if (body['client_secret'] !== app.clientSecret)
      return { ok: false, error: 'bad_client_secret' };
    const code = body['code'];
    const grant = codes.get(typeof code === 'string' ? code : '');
    if (!grant) return { ok: false, error: 'invalid_code' };
    codes.delete(String(body['code']));
    const previous = teamTokens.get(grant.teamId);
    if (previous) fake.acceptedTokens.delete(previous);
    seq += 1;
    const token = `fake-bot-token-${grant.teamId.toLowerCase()}-${seq}`;
    teamTokens.set(grant.teamId, token);
    tokenTeams.set(token, grant.teamId);
    fake.acceptedTokens.add(token);
    return {
      ok: true,
      app_id: 'A0FAKE',
      authed_user: { id: `U0ADMIN${grant.teamId}` },
      scope: 'commands,chat:write,users:read,pins:write,pins:read',
      token_type: 'bot',
      access_token: token,
      bot_user_id: `U0BOT${grant.teamId}`,
      team: { id: grant.teamId, name: grant.teamName },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  function webApi(call: FakeCall, res: ServerResponse, fake: FakeSlack) {
    const { method, body, token } = call;
    const reply = (status: number, answer: FakeBody): void => send(res, status, answer, call);
    if (method === 'oauth.v2.access') return reply(200, oauthAccess(body, fake));
    if (!token) return reply(200, { ok: false, error: 'not_authed' });
    if (revoked.has(token)) return reply(200, { ok: false, error: 'token_revoked' });
    if (fake.acceptedTokens.size > 0 && !fake.acceptedTokens.has(token))
      return reply(200, { ok: false, error: 'invalid_auth' });
    // A workspace's own token answers as that workspace.
    const team = call.team ?? teamId;
    switch (method) {
      case 'auth.test':
        return reply(200, {
          ok: true,
          url: 'https://fake.slack.test/',
          team: 'Fake Team',
          user: 'vllm-status',
          team_id: team,
          user_id: call.team ? `U0BOT${call.team}` : botUserId,
          bot_id: 'B0BOT',
          is_enterprise_install: false,
        });
      case 'users.info': {
        const id = text(body['user']);
        const user = users.get(id) ?? {};
        const profile = {
          id,
          team_id: team,
          name: id.toLowerCase(),
          ...(body['include_locale'] === 'true' || body['include_locale'] === true
            ? { locale: user.locale ?? options.defaultLocale ?? 'en-US' }
            : {}),
        };
        if (user.mode === 'error') return reply(200, { ok: false, error: 'user_not_found' });
        if (user.mode === 'http-error') return reply(500, { ok: false, error: 'internal_error' });
        if (user.mode === 'slow')
          return later(user.delayMs ?? 5_000, () => reply(200, { ok: true, user: profile }));
        return reply(200, { ok: true, user: profile });
      }
      case 'chat.postMessage': {
        const channel = text(body['channel']);
        if (notInChannel.has(channel)) return reply(200, { ok: false, error: 'not_in_channel' });
        seq += 1;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`;
        const message: FakeBody = {
          type: 'message',
          bot_id: 'B0BOT',
          user: botUserId,
          ts,
          text: body['text'],
          blocks: body['blocks'],
        };
        posted.set(`${channel}:${ts}`, message);
        return reply(200, { ok: true, channel, ts, message });
      }
      case 'chat.update': {
        const channel = typeof body['channel'] === 'string' ? body['channel'] : '';
        const ts = typeof body['ts'] === 'string' ? body['ts'] : '';
        if (fake.goneChannels.has(channel))
          return reply(200, { ok: false, error: 'channel_not_found' });
        const message = posted.get(`${channel}:${ts}`);
        if (!message) return reply(200, { ok: false, error: 'message_not_found' });
        Object.assign(message, { text: body['text'], blocks: body['blocks'] });
        return reply(200, { ok: true, channel, ts, text: body['text'], message });
      }
      case 'pins.list': {
        const channel = typeof body['channel'] === 'string' ? body['channel'] : '';
        if (fake.goneChannels.has(channel))
          return reply(200, { ok: false, error: 'channel_not_found' });
        const items = [...pinned]
          .filter((key) => key.startsWith(`${channel}:`) && posted.has(key))
          .map((key) => ({
            type: 'message',
            channel,
            created: nowSeconds(),
            created_by: 'U0MOD',
            message: { ...posted.get(key)!, pinned_to: [channel] },
          }));
        return reply(200, { ok: true, items });
      }
      case 'chat.postEphemeral':
        seq += 1;
        return reply(200, {
          ok: true,
          message_ts: `${Math.floor(Date.now() / 1000)}.${String(seq).padStart(6, '0')}`,
        });
      case 'pins.add': {
        const channel = text(body['channel']);
        const key = `${channel}:${text(body['timestamp'])}`;
        const error = pinErrors.get(channel);
        if (error)
          return reply(200, {
            ok: false,
            error,
            ...(error === 'missing_scope'
              ? { needed: 'pins:write', provided: 'commands,chat:write,users:read' }
              : {}),
          });
        if (!posted.has(key)) return reply(200, { ok: false, error: 'message_not_found' });
        if (pinned.has(key)) return reply(200, { ok: false, error: 'already_pinned' });
        pinned.add(key);
        return reply(200, { ok: true });
      }
      case 'views.open': {
        // The builders below put the issue time (ms) first in trigger_id, as a clock.
        const trigger = typeof body['trigger_id'] === 'string' ? body['trigger_id'] : '';
        const issued = Number(trigger.split('.')[0]);
        if (!trigger || !Number.isFinite(issued))
          return reply(200, { ok: false, error: 'invalid_trigger_id' });
        if (Date.now() - issued > TRIGGER_TTL_MS)
          return reply(200, { ok: false, error: 'expired_trigger_id' });
        seq += 1;
        const view = body['view'] as FakeBody | undefined;
        return reply(200, { ok: true, view: { id: `V${seq}`, team_id: team, ...view } });
      }
      case 'apps.connections.open':
        if (fake.connectionsOpenError)
          return reply(200, { ok: false, error: fake.connectionsOpenError });
        return fake.socketUrl
          ? reply(200, { ok: true, url: fake.socketUrl })
          : reply(200, { ok: false, error: 'not_allowed_token_type' });
      default:
        return reply(200, { ok: false, error: 'unknown_method' });
    }
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const contentType = String(req.headers['content-type'] ?? '');
      const raw = await readBody(req);
      const at = performance.now();
      if (req.method === 'POST' && url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice('/api/'.length);
        const body = parseBody(raw, contentType);
        const header = req.headers.authorization;
        const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
        const token = bearer || (typeof body['token'] === 'string' ? body['token'] : undefined);
        const call: FakeCall = {
          method,
          body,
          contentType,
          authHeader: Boolean(bearer),
          token,
          at,
          ...(token && tokenTeams.has(token) ? { team: tokenTeams.get(token) } : {}),
        };
        if (options.record !== false) calls.push(call);
        options.onCall?.(call);
        if (method === 'chat.update') {
          updatesSeen += 1;
          const hold = fake.holdUpdatesAfter;
          if (hold !== undefined && updatesSeen > hold) {
            await new Promise<void>((resolve) => heldUpdates.push(resolve));
          }
          const retryAfter = fake.updateRateLimits.shift();
          if (retryAfter !== undefined) {
            call.response = { ok: false, error: 'ratelimited' };
            res.writeHead(429, {
              'content-type': 'application/json; charset=utf-8',
              'retry-after': String(retryAfter),
            });
            return res.end(JSON.stringify(call.response));
          }
        }
        return webApi(call, res, fake);
      }
      if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
        const id = decodeURIComponent(url.pathname.slice('/response/'.length));
        const post: ResponsePost = { id, body: parseBody(raw, contentType), at };
        if (options.record !== false) responses.push(post);
        options.onResponse?.(post);
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('ok');
      }
      res.writeHead(404);
      res.end();
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  const fake: FakeSlack = {
    apiUrl: `${origin}/api`,
    origin,
    calls,
    responses,
    users,
    notInChannel,
    pinErrors,
    goneChannels: new Set(),
    updateRateLimits: [],
    releaseUpdates: () => {
      fake.holdUpdatesAfter = undefined;
      for (const release of heldUpdates.splice(0)) release();
    },
    get updatesArrived() {
      return updatesSeen;
    },
    messageAt: (channel, ts) => posted.get(`${channel}:${ts}`),
    deleteMessage: (channel, ts) => {
      posted.delete(`${channel}:${ts}`);
    },
    unpin: (channel, ts) => {
      pinned.delete(`${channel}:${ts}`);
    },
    updatesOf: (channel, ts) =>
      calls.filter(
        (c) =>
          c.method === 'chat.update' &&
          c.body['channel'] === channel &&
          c.body['ts'] === ts &&
          c.response?.['ok'] === true,
      ),
    acceptedTokens: new Set(),
    approveInstall: (id, name = `Team ${id}`) => {
      seq += 1;
      const code = `fake-code-${id.toLowerCase()}-${seq}`;
      codes.set(code, { teamId: id, teamName: name });
      return code;
    },
    botTokenOf: (id) => teamTokens.get(id),
    revokeTeam: (id) => {
      const token = teamTokens.get(id);
      if (!token) return;
      revoked.add(token);
      fake.acceptedTokens.delete(token);
      teamTokens.delete(id);
    },
    responseUrl: (id) => `${origin}/response/${encodeURIComponent(id)}`,
    callsTo: (method) => calls.filter((c) => c.method === method),
    responsesTo: (id) => responses.filter((r) => r.id === id),
    waitForResponses: (id, count = 1, timeoutMs = 3_000) =>
      waitUntil(
        () => fake.responsesTo(id),
        (r) => r.length >= count,
        timeoutMs,
        `${count} post(s) to response_url ${id}`,
      ),
    waitForCalls: (method, count = 1, timeoutMs = 3_000) =>
      waitUntil(
        () => fake.callsTo(method),
        (c) => c.length >= count,
        timeoutMs,
        `${count} ${method} call(s)`,
      ),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

// ---------------------------------------------------------------------------------------
// Slack's side of HTTP mode: signed requests, as Slack sends them.

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The v0 signature: HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret. */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestamp: number = nowSeconds(),
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  const digest = createHmac('sha256', signingSecret)
    .update(`v0:${timestamp}:${rawBody}`)
    .digest('hex');
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': `v0=${digest}` };
}

export interface SlashCommandFields {
  text: string;
  user_id: string;
  team_id: string;
  channel_id: string;
  response_url: string;
  command?: string;
  user_name?: string;
  channel_name?: string;
}

/** A slash command as Slack posts it: form-encoded. */
export function slashCommandBody(fields: SlashCommandFields): string {
  return new URLSearchParams({
    token: 'verification-token-unused',
    team_id: fields.team_id,
    team_domain: 'fake',
    channel_id: fields.channel_id,
    channel_name: fields.channel_name ?? 'general',
    user_id: fields.user_id,
    user_name: fields.user_name ?? fields.user_id.toLowerCase(),
    command: fields.command ?? '/vllm',
    text: fields.text,
    api_app_id: 'A0FAKE',
    is_enterprise_install: 'false',
    response_url: fields.response_url,
    trigger_id: `${Date.now()}.1.fake`,
  }).toString();
}

export interface ButtonClick {
  user_id: string;
  team_id: string;
  channel_id: string;
  response_url: string;
  action_id: string;
  value: string;
  /** The clicked message; ephemeral messages have no `message` in the payload. */
  message?: { ts: string; blocks?: unknown; text?: unknown };
  ephemeral?: boolean;
}

/** A block_actions payload as Slack sends it for a button click. */
export function blockActionsPayload(click: ButtonClick): Record<string, unknown> {
  const ts = click.message?.ts ?? `${nowSeconds()}.000100`;
  return {
    type: 'block_actions',
    user: {
      id: click.user_id,
      username: click.user_id.toLowerCase(),
      name: click.user_id.toLowerCase(),
      team_id: click.team_id,
    },
    api_app_id: 'A0FAKE',
    token: 'verification-token-unused',
    container: {
      type: 'message',
      message_ts: ts,
      channel_id: click.channel_id,
      is_ephemeral: Boolean(click.ephemeral),
    },
    trigger_id: `${Date.now()}.2.fake`,
    team: { id: click.team_id, domain: 'fake' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: click.channel_id, name: 'general' },
    ...(click.ephemeral ? {} : { message: { type: 'message', ts, ...click.message } }),
    state: { values: {} },
    response_url: click.response_url,
    actions: [
      {
        action_id: click.action_id,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'button', emoji: true },
        value: click.value,
        type: 'button',
        action_ts: `${nowSeconds()}.123456`,
      },
    ],
  };
}

export interface ViewSubmission {
  user_id: string;
  team_id: string;
  callback_id: string;
  private_metadata: string;
  /** block_id (= action_id) → what was typed; null for an optional input left empty. */
  values: Record<string, string | null>;
}

/** A view_submission payload, as Slack posts it when a modal's submit button is pressed. */
export function viewSubmissionPayload(submission: ViewSubmission): Record<string, unknown> {
  const values = Object.fromEntries(
    Object.entries(submission.values).map(([block, value]) => [
      block,
      { [block]: { type: 'plain_text_input', value } },
    ]),
  );
  return {
    type: 'view_submission',
    team: { id: submission.team_id, domain: 'fake' },
    user: {
      id: submission.user_id,
      username: submission.user_id.toLowerCase(),
      name: submission.user_id.toLowerCase(),
      team_id: submission.team_id,
    },
    api_app_id: 'A0FAKE',
    token: 'verification-token-unused',
    trigger_id: `${Date.now()}.3.fake`,
    view: {
      id: 'V0FAKE',
      team_id: submission.team_id,
      type: 'modal',
      blocks: [],
      private_metadata: submission.private_metadata,
      callback_id: submission.callback_id,
      state: { values },
      hash: '1.fake',
      title: { type: 'plain_text', text: 'modal' },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: { type: 'plain_text', text: 'submit' },
      previous_view_id: null,
      root_view_id: 'V0FAKE',
      app_id: 'A0FAKE',
      external_id: '',
      app_installed_team_id: submission.team_id,
      bot_id: 'B0BOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An Events API callback (e.g. app_uninstalled) as Slack posts it to the request URL: JSON. */
export function eventCallbackBody(teamId: string, event: Record<string, unknown>): string {
  return JSON.stringify({
    token: 'verification-token-unused',
    team_id: teamId,
    api_app_id: 'A0FAKE',
    event: { event_ts: `${nowSeconds()}.000200`, ...event },
    type: 'event_callback',
    event_id: `Ev${teamId}${Date.now()}`,
    event_time: nowSeconds(),
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: `U0BOT${teamId}`,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  });
}

/** Interactivity payloads are form-encoded with the JSON in `payload`. */
export function blockActionsBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export interface SignedPostOptions {
  signingSecret: string;
  timestamp?: number;
  /** Override the signature (to send a wrong one). */
  signature?: string;
  /** Events API requests are JSON; commands and interactivity are form-encoded (default). */
  contentType?: string;
}

export interface SignedPostResult {
  status: number;
  /** The response's content-type header ('' when there is none). */
  contentType: string;
  body: string;
  ms: number;
}

/**
 * Posts a raw body to the bot the way Slack does; returns the status, content type, body and
 * time taken.
 */
export async function postSigned(
  url: string,
  rawBody: string,
  options: SignedPostOptions,
): Promise<SignedPostResult> {
  const headers = signSlackRequest(options.signingSecret, rawBody, options.timestamp);
  if (options.signature) headers['x-slack-signature'] = options.signature;
  const started = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: rawBody,
    signal: AbortSignal.timeout(10_000),
  });
  const body = await res.text();
  return {
    status: res.status,
    contentType: res.headers.get('content-type') ?? '',
    body,
    ms: performance.now() - started,
  };
}

/** A free TCP port on 127.0.0.1, for a receiver that takes a port number. */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

// ---------------------------------------------------------------------------------------
// Socket Mode: the WebSocket Slack hands out through apps.connections.open.

export interface FakeSocketMode {
  url: string;
  /** Every message the app sent (acks), parsed. */
  received: Record<string, unknown>[];
  connected(): boolean;
  waitForConnection(timeoutMs?: number): Promise<void>;
  /** Sends an envelope (e.g. slash_commands) to the connected app. */
  send(envelope: Record<string, unknown>): void;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /**
   * Ends the current connection from Slack's side: `close` sends a close frame (as when Slack
   * recycles a host), `terminate` drops the TCP connection without one (a network cut).
   */
  drop(how?: 'close' | 'terminate'): void;
  /** While true, WebSocket upgrades are answered 503 and no connection opens. */
  refuseUpgrades: boolean;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Upgrades refused so far. */
  readonly refused: number;
  close(): Promise<void>;
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  let accepted = 0;
  let refusedCount = 0;
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: (_info, done) => {
      if (!sm.refuseUpgrades) return done(true);
      refusedCount += 1;
      done(false, 503, 'Service Unavailable');
    },
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const { port } = wss.address() as AddressInfo;
  const received: Record<string, unknown>[] = [];
  let socket: WebSocket | undefined;
  wss.on('connection', (ws) => {
    accepted += 1;
    socket = ws;
    ws.on('message', (data) => received.push(JSON.parse(rawText(data)) as Record<string, unknown>));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake-slack', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0FAKE' },
      }),
    );
  });
  const sm: FakeSocketMode = {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake`,
    received,
    connected: () => socket?.readyState === WebSocket.OPEN,
    waitForConnection: async (timeoutMs = 3_000) => {
      await waitUntil(() => sm.connected(), Boolean, timeoutMs, 'a Socket Mode connection');
    },
    send: (envelope) => {
      if (!socket) throw new Error('no Socket Mode connection');
      socket.send(JSON.stringify(envelope));
    },
    waitForAck: async (envelopeId, timeoutMs = 3_000) => {
      const acks = await waitUntil(
        () => received.filter((m) => m['envelope_id'] === envelopeId),
        (a) => a.length > 0,
        timeoutMs,
        `the ack of envelope ${envelopeId}`,
      );
      return acks[0]!;
    },
    drop: (how = 'close') => {
      if (!socket) throw new Error('no Socket Mode connection to drop');
      if (how === 'close') socket.close(1001, 'going away');
      else socket.terminate();
    },
    refuseUpgrades: false,
    get connections() {
      return accepted;
    },
    get refused() {
      return refusedCount;
    },
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return sm;
}
