import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { rawText } from './raw-text.js';

/**
 * A small Discord on 127.0.0.1 for end-to-end tests and benchmarks: the REST routes a
 * discord.js bot uses and a Gateway WebSocket, so the real client can run unmodified against
 * it (point `rest.api` / DISCORD_API_URL at `fake.apiUrl`).
 *
 * - REST under /api/v10: GET gateway/bot, interaction callbacks, webhook @original
 *   GET/PATCH/DELETE and follow-ups, pins, bulk command overwrite (global and guild). Unknown
 *   routes are remembered in `unknownRoutes` and answered 404 with Discord's JSON error shape.
 * - Gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeat ACKs, RESUME (or INVALID_SESSION
 *   for a fresh IDENTIFY), INTERACTION_CREATE dispatch, and dropping connections.
 * - HTTP interactions: `deliver()` signs an interaction with the application's Ed25519 key
 *   (`publicKey`) and POSTs it to a bot's endpoint, taking the HTTP response as the callback;
 *   `PATCH /applications/@me` with `interactions_endpoint_url` checks that endpoint as Discord
 *   does (a signed PING must PONG, a badly signed one must get 401).
 * - Channel messages: every message the bot sends is kept by id; GET/PATCH
 *   /channels/:c/messages/:m read and edit it (10008 Unknown Message once deleted, 10003
 *   Unknown Channel elsewhere), pinning sets its `pinned`, `clickOn()` clicks one of its buttons.
 * - Faults, set on `fake.faults`: callbacks answering 500 or 429 (with retry-after), pins
 *   answering 30003 (channel full) or 50013, message edits answering 429 (with retry-after)
 *   or held until `releaseEdits()`, dropping connections during a reconnect.
 * Every request is recorded (`requests`) with its parsed body, unless `recordRequests: false`.
 */

export const PIN_MESSAGES = 1n << 51n;
const VIEW_CHANNEL = 1n << 10n;
const SEND_MESSAGES = 1n << 11n;
const EMBED_LINKS = 1n << 14n;
const READ_MESSAGE_HISTORY = 1n << 16n;
const USE_APPLICATION_COMMANDS = 1n << 31n;
/** An ordinary member: may talk and use commands, may not pin. */
export const MEMBER_PERMISSIONS =
  VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS;
/** A moderator: an ordinary member who may pin. */
export const MODERATOR_PERMISSIONS = MEMBER_PERMISSIONS | PIN_MESSAGES;
/** The bot as usually invited: it may pin. */
export const BOT_PERMISSIONS = MEMBER_PERMISSIONS | PIN_MESSAGES;

export type CallbackFault = { status: 500 } | { status: 429; retryAfterSeconds: number };
export type PinFault = 'channel-full' | 'missing-permissions';

export interface Faults {
  /** Consumed in order, one per interaction callback request. */
  callbacks: CallbackFault[];
  /** Consumed in order, one per pin request. */
  pins: PinFault[];
  /** How a RESUME is answered: RESUMED, or INVALID_SESSION (the client then re-identifies). */
  resume: 'resume' | 'invalidate';
  /** Connections cut right after their RESUME arrives (a drop during the reconnect). */
  dropOnResume: number;
  /** Connections cut right after their IDENTIFY arrives. */
  dropOnIdentify: number;
  /** Consumed in order, one per channel message edit: a 429 with this retry-after (s). */
  edits: { status: 429; retryAfterSeconds: number }[];
  /** Channel message edits past this many are held (not answered) until `releaseEdits()`. */
  holdEditsAfter?: number;
}

export interface RecordedRequest {
  method: string;
  /** The path below /api/v10, e.g. `/interactions/1/abc/callback`. */
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: unknown;
  status: number;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  heartbeatIntervalMs?: number;
  /** Keep request bodies and sent messages (default). Benchmarks turn it off to keep memory flat. */
  recordRequests?: boolean;
}

export interface InteractionOptions {
  /** The user's Discord client language. */
  locale?: string;
  userId?: string;
  /**
   * Where it happens: the fake's server (default), 'dm' (a DM with the bot), or 'elsewhere':
   * a server the bot is not in, reached through a user install.
   */
  place?: 'guild' | 'dm' | 'elsewhere';
  /** The member's permissions in the channel (guild only). */
  memberPermissions?: bigint;
  /** The bot's permissions in the channel (`app_permissions`). */
  appPermissions?: bigint;
}

export interface Interaction {
  id: string;
  token: string;
  payload: Record<string, unknown>;
}

type Json = Record<string, unknown>;

interface Session {
  id: string;
  seq: number;
  shard: [number, number];
}

interface Connection {
  ws: WebSocket;
  session?: Session;
  ready: boolean;
}

interface Waiter {
  match: (r: RecordedRequest) => boolean;
  resolve: (r: RecordedRequest) => void;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

export function snowflake(): string {
  increment = (increment + 1n) & 0xfffn;
  return String(((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (7n << 12n) | increment);
}

function randomToken(bytes = 48): string {
  return randomBytes(bytes).toString('base64url');
}

function user(id: string, name: string, bot = false): Json {
  return {
    id,
    username: name,
    global_name: bot ? null : name,
    discriminator: '0',
    avatar: null,
    bot,
    public_flags: 0,
  };
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly guildId = snowflake();
  readonly channelId = snowflake();
  readonly commandId = snowflake();
  readonly messageCommandId = snowflake();
  /** Every request, in arrival order (empty when `recordRequests` is false). */
  readonly requests: RecordedRequest[] = [];
  /** `METHOD /path` of every request no route answered. */
  readonly unknownRoutes: string[] = [];
  readonly faults: Faults = {
    callbacks: [],
    pins: [],
    resume: 'resume',
    dropOnResume: 0,
    dropOnIdentify: 0,
    edits: [],
  };
  readonly stats = { connections: 0, identifies: 0, resumes: 0, heartbeats: 0, drops: 0 };
  /** What each IDENTIFY asked for (the token itself is not kept). */
  readonly identified: { intents: number; shard: [number, number] }[] = [];
  /** Commands registered by bulk overwrite: key 'global' or the guild id. */
  readonly commands = new Map<string, Json[]>();
  /** Messages the bot posted with POST /channels/{id}/messages, in order. */
  readonly channelPosts: Json[] = [];
  /** The application's Interactions Endpoint URL, once set through PATCH /applications/@me. */
  interactionsEndpointUrl: string | null = null;
  private readonly signingKey: KeyObject;
  /** The application's public key, hex, as the Developer Portal shows it (DISCORD_PUBLIC_KEY). */
  readonly publicKey: string;

  private server!: Server;
  private wss!: WebSocketServer;
  private port = 0;
  private readonly heartbeatIntervalMs: number;
  private readonly record: boolean;
  private readonly connections = new Set<Connection>();
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<Socket>();
  private readonly waiters = new Set<Waiter>();
  /** Accepted-callback waiters by interaction id: O(1) per callback, for benchmarks. */
  private readonly callbackWaiters = new Map<string, (r: RecordedRequest) => void>();
  private readonly readyWaiters = new Set<() => void>();
  private pending: Json[] = [];
  /** Interactions already answered, for Discord's "already acknowledged" (40060). */
  private readonly answered = new Set<string>();
  /** Messages by interaction token ('@original') and by id. */
  private readonly originals = new Map<string, Json>();
  /** HTTP interactions whose response is not taken in yet: their webhook calls wait for it. */
  private readonly delivering = new Map<string, Promise<void>>();
  /** Every message the bot sent, by id, as Discord would return it. */
  private readonly channelMessages = new Map<string, Json>();
  /** Edits that reached the channel message route (held ones included). */
  private editsSeen = 0;
  private readonly heldEdits: (() => void)[] = [];

  private constructor(options: FakeDiscordOptions) {
    this.token =
      options.token ??
      `${Buffer.from(snowflake()).toString('base64url')}.${randomToken(4)}.${randomToken(27)}`;
    this.applicationId = options.applicationId ?? snowflake();
    this.botUserId = this.applicationId;
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
    this.record = options.recordRequests ?? true;
    const keys = generateKeyPairSync('ed25519');
    this.signingKey = keys.privateKey;
    const jwk = keys.publicKey.export({ format: 'jwk' });
    this.publicKey = Buffer.from(jwk.x!, 'base64url').toString('hex');
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await fake.listen();
    return fake;
  }

  /** The REST base to give discord.js (`rest.api`) or DISCORD_API_URL. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  /** True while at least one connection has a live (identified or resumed) session. */
  get connected(): boolean {
    return [...this.connections].some((c) => c.ready);
  }

  private async listen(): Promise<void> {
    this.server = createServer((req, res) => void this.onRequest(req, res));
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/gateway')) {
        socket.destroy();
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /**
   * Closes every gateway session with a code Discord never resumes after (4004, as when the
   * token was reset): the bot stays disconnected for good.
   */
  closeSessions(code = 4004, reason = 'Authentication failed.'): void {
    for (const c of this.connections) c.ws.close(code, reason);
  }

  async close(): Promise<void> {
    for (const c of this.connections) c.ws.terminate();
    this.wss.close();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---------------------------------------------------------------- gateway

  private send(connection: Connection, payload: Json): void {
    if (connection.ws.readyState === WebSocket.OPEN) connection.ws.send(JSON.stringify(payload));
  }

  private dispatchTo(connection: Connection, t: string, d: unknown): void {
    const session = connection.session!;
    session.seq += 1;
    this.send(connection, { op: 0, t, s: session.seq, d });
  }

  private onConnection(ws: WebSocket): void {
    const connection: Connection = { ws, ready: false };
    this.connections.add(connection);
    this.stats.connections += 1;
    ws.on('close', () => this.connections.delete(connection));
    ws.on('error', () => this.connections.delete(connection));
    ws.on('message', (data) => this.onGatewayMessage(connection, data));
    this.send(connection, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs } });
  }

  private onGatewayMessage(connection: Connection, data: RawData): void {
    let payload: { op: number; d: Json | number | null };
    try {
      payload = JSON.parse(rawText(data)) as typeof payload;
    } catch {
      connection.ws.close(4002, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case 1:
        this.stats.heartbeats += 1;
        this.send(connection, { op: 11 });
        return;
      case 2:
        this.onIdentify(connection, payload.d as Json);
        return;
      case 6:
        this.onResume(connection, payload.d as Json);
        return;
      default:
        return;
    }
  }

  private onIdentify(connection: Connection, d: Json): void {
    this.stats.identifies += 1;
    if (d.token !== this.token) {
      connection.ws.close(4004, 'Authentication failed.');
      return;
    }
    if (this.faults.dropOnIdentify > 0) {
      this.faults.dropOnIdentify -= 1;
      this.stats.drops += 1;
      connection.ws.terminate();
      return;
    }
    const shard = (d.shard as [number, number] | undefined) ?? [0, 1];
    this.identified.push({ intents: Number(d.intents), shard });
    const session: Session = { id: randomToken(16), seq: 0, shard };
    this.sessions.set(session.id, session);
    connection.session = session;
    const bot = user(this.botUserId, 'vLLM bot', true);
    this.dispatchTo(connection, 'READY', {
      v: 10,
      user: { ...bot, verified: true, mfa_enabled: false, flags: 0 },
      guilds: [{ id: this.guildId, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
      geo_ordered_rtc_regions: [],
    });
    this.dispatchTo(connection, 'GUILD_CREATE', this.guildPayload(bot));
    this.markReady(connection);
  }

  private onResume(connection: Connection, d: Json): void {
    this.stats.resumes += 1;
    if (this.faults.dropOnResume > 0) {
      this.faults.dropOnResume -= 1;
      this.stats.drops += 1;
      connection.ws.terminate();
      return;
    }
    const session = this.sessions.get(String(d.session_id));
    if (this.faults.resume === 'invalidate' || !session || d.token !== this.token) {
      this.send(connection, { op: 9, d: false });
      return;
    }
    connection.session = session;
    this.dispatchTo(connection, 'RESUMED', {});
    this.markReady(connection);
  }

  private markReady(connection: Connection): void {
    connection.ready = true;
    const queued = this.pending;
    this.pending = [];
    for (const d of queued) this.dispatchTo(connection, 'INTERACTION_CREATE', d);
    for (const resolve of this.readyWaiters) resolve();
    this.readyWaiters.clear();
  }

  private guildPayload(bot: Json): Json {
    const joinedAt = new Date().toISOString();
    return {
      id: this.guildId,
      name: 'vLLM test server',
      icon: null,
      splash: null,
      discovery_splash: null,
      banner: null,
      description: null,
      owner_id: snowflake(),
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 1,
      explicit_content_filter: 0,
      mfa_level: 0,
      nsfw_level: 0,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US',
      system_channel_id: this.channelId,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      application_id: null,
      max_members: 500_000,
      max_video_channel_users: 25,
      features: [],
      unavailable: false,
      large: false,
      member_count: 2,
      joined_at: joinedAt,
      roles: [
        {
          id: this.guildId,
          name: '@everyone',
          permissions: String(MEMBER_PERMISSIONS),
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
        {
          id: snowflake(),
          name: 'Moderators',
          permissions: String(MODERATOR_PERMISSIONS),
          position: 1,
          color: 0x3498db,
          hoist: true,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      channels: [
        {
          id: this.channelId,
          type: 0,
          guild_id: this.guildId,
          name: 'general',
          position: 0,
          permission_overwrites: [],
          topic: null,
          nsfw: false,
          parent_id: null,
          last_message_id: null,
          rate_limit_per_user: 0,
        },
      ],
      members: [
        {
          user: bot,
          roles: [],
          nick: null,
          avatar: null,
          joined_at: joinedAt,
          premium_since: null,
          deaf: false,
          mute: false,
          pending: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** Sends INTERACTION_CREATE on every live session; held until one exists if none does. */
  dispatch(interaction: Interaction | Json): void {
    const d = 'payload' in interaction ? (interaction as Interaction).payload : interaction;
    const live = [...this.connections].filter((c) => c.ready);
    if (live.length === 0) {
      this.pending.push(d);
      return;
    }
    for (const connection of live) this.dispatchTo(connection, 'INTERACTION_CREATE', d);
  }

  /** Cuts every gateway connection, as a network failure would (the client sees 1006). */
  dropGateway(): void {
    for (const connection of this.connections) {
      this.stats.drops += 1;
      connection.ready = false;
      connection.ws.terminate();
    }
  }

  /** Resolves when a session is live (after IDENTIFY or RESUME). */
  waitForSession(timeoutMs = 5_000): Promise<void> {
    if (this.connected) return Promise.resolve();
    return this.withTimeout(
      new Promise<void>((resolve) => this.readyWaiters.add(resolve)),
      timeoutMs,
      'a gateway session',
    );
  }

  // ---------------------------------------------------------------- REST

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = raw;
    if (raw && req.headers['content-type']?.includes('application/json')) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, '');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      status: 0,
      at,
    };
    const reply = (status: number, json?: unknown, headers: Record<string, string> = {}) => {
      request.status = status;
      if (this.record) this.requests.push(request);
      const text = json === undefined ? '' : JSON.stringify(json);
      res.writeHead(status, {
        ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      });
      res.end(text);
      this.notify(request);
    };
    // Discord takes in an HTTP interaction's response before it accepts that token's webhooks.
    const token = path.match(/^\/webhooks\/\d+\/([\w.-]+)/)?.[1];
    const pending = token ? this.delivering.get(token) : undefined;
    if (pending) await pending;
    if (request.method === 'PATCH' && /^\/channels\/\d+\/messages\/\d+$/.test(path)) {
      this.editsSeen += 1;
      const hold = this.faults.holdEditsAfter;
      if (hold !== undefined && this.editsSeen > hold) {
        await new Promise<void>((resolve) => this.heldEdits.push(resolve));
      }
    }
    try {
      this.route(request, reply);
    } catch (error) {
      reply(500, { message: `fake discord: ${(error as Error).message}`, code: 0 });
    }
  }

  private notify(request: RecordedRequest): void {
    for (const waiter of this.waiters) {
      if (waiter.match(request)) {
        this.waiters.delete(waiter);
        waiter.resolve(request);
      }
    }
    const callbackOf = request.path.match(/^\/interactions\/(\d+)\/[\w.-]+\/callback$/)?.[1];
    if (callbackOf && request.status >= 200 && request.status < 300) {
      this.callbackWaiters.get(callbackOf)?.(request);
      this.callbackWaiters.delete(callbackOf);
    }
  }

  private authorized(request: RecordedRequest): boolean {
    return request.headers.authorization === `Bot ${this.token}`;
  }

  private route(
    request: RecordedRequest,
    reply: (status: number, json?: unknown, headers?: Record<string, string>) => void,
  ): void {
    const { method, path } = request;
    const unauthorized = () => reply(401, { message: '401: Unauthorized', code: 0 });
    let m: RegExpMatchArray | null;

    if (method === 'GET' && path === '/gateway/bot') {
      if (!this.authorized(request)) return unauthorized();
      return reply(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    }
    if (method === 'GET' && path === '/gateway') return reply(200, { url: this.gatewayUrl });

    if ((m = path.match(/^\/interactions\/(\d+)\/([\w.-]+)\/callback$/)) && method === 'POST') {
      return this.onCallback(request, m[1]!, m[2]!, reply);
    }

    if ((m = path.match(/^\/webhooks\/(\d+)\/([\w.-]+)\/messages\/([@\w]+)$/))) {
      const token = m[2]!;
      const key = m[3] === '@original' ? token : m[3]!;
      const message = this.originals.get(key);
      if (!message) return reply(404, { message: 'Unknown Message', code: 10008 });
      if (method === 'GET') return reply(200, message);
      if (method === 'PATCH') {
        Object.assign(message, request.body as Json, {
          edited_timestamp: new Date().toISOString(),
        });
        return reply(200, message);
      }
      if (method === 'DELETE') {
        this.originals.delete(key);
        return reply(204);
      }
    }
    if ((m = path.match(/^\/webhooks\/(\d+)\/([\w.-]+)$/)) && method === 'POST') {
      const message = this.message(request.body as Json);
      if (this.record) {
        this.originals.set(String(message.id), message);
        this.channelMessages.set(String(message.id), message);
      }
      return request.query.wait === 'false' ? reply(204) : reply(200, message);
    }

    if ((m = path.match(/^\/channels\/(\d+)\/messages$/)) && method === 'POST') {
      if (!this.authorized(request)) return unauthorized();
      const message = this.message({
        ...(request.body as Json),
        channel_id: m[1],
        type: 0,
        webhook_id: undefined,
      });
      if (this.record) this.channelPosts.push(message);
      return reply(200, message);
    }

    if ((m = path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/))) {
      if (!this.authorized(request)) return unauthorized();
      if (m[1] !== this.channelId) return reply(404, { message: 'Unknown Channel', code: 10003 });
      const message = this.channelMessages.get(m[2]!);
      if (!message) return reply(404, { message: 'Unknown Message', code: 10008 });
      if (method === 'GET') return reply(200, message);
      if (method === 'PATCH') {
        const fault = this.faults.edits.shift();
        if (fault) {
          return reply(
            429,
            {
              message: 'You are being rate limited.',
              retry_after: fault.retryAfterSeconds,
              global: false,
            },
            { 'retry-after': String(fault.retryAfterSeconds), 'x-ratelimit-scope': 'user' },
          );
        }
        // allowed_mentions governs the edit; it is not part of the message Discord keeps.
        const edit: Json = { ...(request.body as Json) };
        delete edit.allowed_mentions;
        Object.assign(message, edit, { edited_timestamp: new Date().toISOString() });
        return reply(200, message);
      }
    }

    if ((m = path.match(/^\/channels\/(\d+)\/messages\/pins\/(\d+)$/))) {
      if (!this.authorized(request)) return unauthorized();
      const target = this.channelMessages.get(m[2]!);
      if (method === 'PUT') {
        const fault = this.faults.pins.shift();
        if (fault === 'channel-full') {
          return reply(400, { message: 'Maximum number of pins reached (250)', code: 30003 });
        }
        if (fault === 'missing-permissions') {
          return reply(403, { message: 'Missing Permissions', code: 50013 });
        }
        if (target) target.pinned = true;
        return reply(204);
      }
      if (method === 'DELETE') {
        if (target) target.pinned = false;
        return reply(204);
      }
    }

    if (method === 'GET' && path === '/applications/@me') {
      if (!this.authorized(request)) return unauthorized();
      return reply(200, { id: this.applicationId, name: 'vLLM bot', bot_public: true });
    }

    if ((m = path.match(/^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/))) {
      if (!this.authorized(request)) return unauthorized();
      if (m[1] !== this.applicationId)
        return reply(403, { message: 'Missing Access', code: 50001 });
      const scope = m[2] ?? 'global';
      if (method === 'PUT') {
        const registered = (request.body as Json[]).map((c) => ({
          id: snowflake(),
          application_id: this.applicationId,
          version: snowflake(),
          default_member_permissions: null,
          ...(m![2] ? { guild_id: m![2] } : {}),
          ...c,
        }));
        this.commands.set(scope, registered);
        return reply(200, registered);
      }
      if (method === 'GET') return reply(200, this.commands.get(scope) ?? []);
    }

    if (path === '/applications/@me' && method === 'PATCH') {
      if (!this.authorized(request)) return unauthorized();
      const url = (request.body as Json).interactions_endpoint_url;
      if (typeof url !== 'string') return reply(200, this.application());
      void this.checkEndpoint(url).then((ok) => {
        if (!ok) {
          return reply(400, {
            message: 'Invalid Form Body',
            code: 50035,
            errors: {
              interactions_endpoint_url: {
                _errors: [
                  {
                    code: 'APPLICATION_INTERACTIONS_ENDPOINT_URL_INVALID',
                    message: 'The specified interactions endpoint url could not be verified.',
                  },
                ],
              },
            },
          });
        }
        this.interactionsEndpointUrl = url;
        return reply(200, this.application());
      });
      return;
    }

    if (method === 'GET' && path === '/users/@me') {
      if (!this.authorized(request)) return unauthorized();
      return reply(200, user(this.botUserId, 'vLLM bot', true));
    }

    this.unknownRoutes.push(`${method} ${path}`);
    return reply(404, { message: '404: Not Found', code: 0 });
  }

  private onCallback(
    request: RecordedRequest,
    interactionId: string,
    token: string,
    reply: (status: number, json?: unknown, headers?: Record<string, string>) => void,
  ): void {
    const fault = this.faults.callbacks.shift();
    if (fault?.status === 500)
      return reply(500, { message: '500: Internal Server Error', code: 0 });
    if (fault?.status === 429) {
      return reply(
        429,
        {
          message: 'You are being rate limited.',
          retry_after: fault.retryAfterSeconds,
          global: false,
        },
        {
          'retry-after': String(fault.retryAfterSeconds),
          'x-ratelimit-scope': 'user',
        },
      );
    }
    if (this.answered.has(interactionId)) {
      return reply(400, { message: 'Interaction has already been acknowledged.', code: 40060 });
    }
    if (this.record) this.answered.add(interactionId);
    const body = request.body as { type: number; data?: Json };
    // 4: message, 5: deferred message, 7: update the clicked message.
    if ((body.type === 4 || body.type === 5) && this.record) {
      const message = this.message(
        body.type === 4 ? (body.data ?? {}) : { flags: body.data?.flags },
      );
      this.originals.set(token, message);
      this.channelMessages.set(String(message.id), message);
    }
    if (request.query.with_response === 'true') {
      const message = this.originals.get(token);
      return reply(200, {
        interaction: {
          id: interactionId,
          type: 2,
          response_message_id: message?.id ?? null,
          response_message_loading: body.type === 5,
          response_message_ephemeral: Boolean(Number(message?.flags ?? 0) & 64),
        },
        resource: message ? { type: body.type, message } : { type: body.type },
      });
    }
    return reply(204);
  }

  private message(data: Json): Json {
    return {
      id: snowflake(),
      channel_id: this.channelId,
      author: user(this.botUserId, 'vLLM bot', true),
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      components: [],
      pinned: false,
      type: 20,
      flags: 0,
      application_id: this.applicationId,
      webhook_id: this.applicationId,
      ...data,
    };
  }

  private application(): Json {
    return {
      id: this.applicationId,
      name: 'vLLM bot',
      description: '',
      verify_key: this.publicKey,
      flags: 0,
      interactions_endpoint_url: this.interactionsEndpointUrl,
    };
  }

  // ---------------------------------------------------------------- HTTP interactions

  /** The signature headers Discord sends with `body` (timestamp in seconds, default now). */
  signatureHeaders(
    body: string,
    timestamp = Math.floor(Date.now() / 1000),
  ): Record<'x-signature-ed25519' | 'x-signature-timestamp', string> {
    const signature = sign(null, Buffer.from(`${timestamp}${body}`), this.signingKey);
    return {
      'x-signature-ed25519': signature.toString('hex'),
      'x-signature-timestamp': String(timestamp),
    };
  }

  /** Discord's check of a new endpoint: a signed PING must PONG; a badly signed one, 401. */
  private async checkEndpoint(url: string): Promise<boolean> {
    const body = JSON.stringify({ id: snowflake(), token: randomToken(), type: 1, version: 1 });
    const post = (headers: Record<string, string>) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      }).then(async (r) => ({ status: r.status, text: await r.text() }));
    try {
      const good = await post(this.signatureHeaders(body));
      const forged = this.signatureHeaders(body);
      const digit = forged['x-signature-ed25519'].startsWith('0') ? '1' : '0';
      forged['x-signature-ed25519'] = digit + forged['x-signature-ed25519'].slice(1);
      const bad = await post(forged);
      return (
        good.status === 200 &&
        (JSON.parse(good.text) as { type?: number }).type === 1 &&
        bad.status === 401
      );
    } catch {
      return false;
    }
  }

  /**
   * Sends a signed interaction to a bot's HTTP endpoint, as Discord does. A 200 response is
   * taken in as the interaction's callback (recorded under the callback path, so
   * `requestsFor`, `waitForCallback` and later webhook edits work as in gateway mode).
   */
  async deliver(
    url: string,
    interaction: Interaction,
  ): Promise<{ status: number; body: unknown; callback?: RecordedRequest }> {
    const text = JSON.stringify(interaction.payload);
    let taken!: () => void;
    this.delivering.set(interaction.token, new Promise<void>((resolve) => (taken = resolve)));
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.signatureHeaders(text) },
        body: text,
      });
      const raw = await res.text();
      let body: unknown = raw;
      if (res.headers.get('content-type')?.includes('application/json')) body = JSON.parse(raw);
      if (res.status !== 200) return { status: res.status, body };
      const callback = this.takeHttpAnswer(interaction, body as Json);
      return { status: res.status, body, callback };
    } finally {
      this.delivering.delete(interaction.token);
      taken();
    }
  }

  private takeHttpAnswer(interaction: Interaction, body: Json): RecordedRequest {
    const request: RecordedRequest = {
      method: 'POST',
      path: `/interactions/${interaction.id}/${interaction.token}/callback`,
      query: {},
      headers: { 'x-fake-transport': 'http-response' },
      body,
      status: 200,
      at: performance.now(),
    };
    if (this.record) this.answered.add(interaction.id);
    const data = body.data as Json | undefined;
    if ((body.type === 4 || body.type === 5) && this.record) {
      const message = this.message(body.type === 4 ? (data ?? {}) : { flags: data?.flags });
      this.originals.set(interaction.token, message);
      this.channelMessages.set(String(message.id), message);
    }
    if (this.record) this.requests.push(request);
    this.notify(request);
    return request;
  }

  // ---------------------------------------------------------------- waiting

  private withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`fake discord: no ${what} within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
  }

  /** The first request (already recorded or still to come) that matches. */
  waitForRequest(
    match: (r: RecordedRequest) => boolean,
    timeoutMs = 5_000,
    what = 'matching request',
  ): Promise<RecordedRequest> {
    const seen = this.requests.find(match);
    if (seen) return Promise.resolve(seen);
    let waiter!: Waiter;
    const promise = new Promise<RecordedRequest>((resolve) => {
      waiter = { match, resolve };
      this.waiters.add(waiter);
    });
    return this.withTimeout(promise, timeoutMs, what).finally(() => this.waiters.delete(waiter));
  }

  /** The accepted (2xx) callback of an interaction. */
  waitForCallback(interaction: Interaction, timeoutMs = 5_000): Promise<RecordedRequest> {
    const path = `/interactions/${interaction.id}/${interaction.token}/callback`;
    return this.waitForRequest(
      (r) => r.path === path && r.status >= 200 && r.status < 300,
      timeoutMs,
      `callback for interaction ${interaction.id}`,
    );
  }

  /** Dispatches an interaction and resolves with its accepted callback. */
  interact(interaction: Interaction, timeoutMs = 5_000): Promise<RecordedRequest> {
    const answered = new Promise<RecordedRequest>((resolve) =>
      this.callbackWaiters.set(interaction.id, resolve),
    );
    this.dispatch(interaction);
    return this.withTimeout(
      answered,
      timeoutMs,
      `callback for interaction ${interaction.id}`,
    ).finally(() => this.callbackWaiters.delete(interaction.id));
  }

  /** Requests about one interaction (callback, webhook edits and follow-ups). */
  requestsFor(interaction: Interaction): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/${interaction.token}`));
  }

  // ---------------------------------------------------------------- channel messages

  /** The message an interaction's answer became (its `@original`), as Discord keeps it. */
  originalOf(interaction: Interaction): Json | undefined {
    return this.originals.get(interaction.token);
  }

  messageById(id: string): Json | undefined {
    return this.channelMessages.get(id);
  }

  /** Someone deletes the message: reads and edits then get 10008 Unknown Message. */
  deleteMessage(id: string): void {
    this.channelMessages.delete(id);
  }

  /** Someone unpins the message through Discord's own menu. */
  unpin(id: string): void {
    const message = this.channelMessages.get(id);
    if (message) message.pinned = false;
  }

  /** Accepted edits of a channel message (PATCH /channels/:c/messages/:id answered 200). */
  editsOf(id: string): RecordedRequest[] {
    return this.requests.filter(
      (r) => r.method === 'PATCH' && r.status === 200 && r.path.endsWith(`/messages/${id}`),
    );
  }

  /** Lets held edits through (they are then answered, as Discord would, even to a dead client). */
  releaseEdits(): void {
    this.faults.holdEditsAfter = undefined;
    for (const release of this.heldEdits.splice(0)) release();
  }

  /** Edits that reached the fake so far, held ones included. */
  get editsArrived(): number {
    return this.editsSeen;
  }

  /** A click on a button of a message the bot sent, carrying that message as Discord does. */
  clickOn(messageId: string, customId: string, options: InteractionOptions = {}): Interaction {
    const message = this.channelMessages.get(messageId);
    if (!message) throw new Error(`fake discord: no message ${messageId}`);
    const interaction = this.base(3, options, { custom_id: customId, component_type: 2 });
    interaction.payload.message = structuredClone(message);
    return interaction;
  }

  // ---------------------------------------------------------------- interactions

  private base(type: number, options: InteractionOptions, data: Json): Interaction {
    const id = snowflake();
    const token = `${randomToken(24)}.${randomToken(24)}`;
    const userId = options.userId ?? '123456789012345678';
    const person = user(userId, `user${userId.slice(-4)}`);
    const place = options.place ?? 'guild';
    const payload: Json = {
      id,
      application_id: this.applicationId,
      type,
      token,
      version: 1,
      data,
      locale: options.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: 10_485_760,
      app_permissions: String(options.appPermissions ?? BOT_PERMISSIONS),
    };
    if (place === 'dm') {
      Object.assign(payload, {
        user: person,
        channel: { id: snowflake(), type: 1, recipients: [person] },
        context: 1,
        authorizing_integration_owners: { '1': userId },
      });
    } else {
      const guildId = place === 'guild' ? this.guildId : snowflake();
      const channelId = place === 'guild' ? this.channelId : snowflake();
      Object.assign(payload, {
        guild_id: guildId,
        guild_locale: 'en-US',
        channel_id: channelId,
        channel: {
          id: channelId,
          type: 0,
          guild_id: guildId,
          name: 'general',
          position: 0,
          permission_overwrites: [],
          nsfw: false,
          parent_id: null,
          rate_limit_per_user: 0,
        },
        member: {
          user: person,
          roles: [],
          permissions: String(options.memberPermissions ?? MEMBER_PERMISSIONS),
          nick: null,
          avatar: null,
          joined_at: new Date().toISOString(),
          premium_since: null,
          deaf: false,
          mute: false,
          pending: false,
          flags: 0,
        },
        context: 0,
        authorizing_integration_owners: place === 'guild' ? { '0': guildId } : { '1': userId },
      });
    }
    return { id, token, payload };
  }

  private commandOptions(values: {
    provider?: string;
    language?: string;
    private?: boolean;
    focused?: 'provider' | 'language';
  }): Json[] {
    const out: Json[] = [];
    if (values.provider !== undefined) {
      out.push({
        name: 'provider',
        type: 3,
        value: values.provider,
        ...(values.focused === 'provider' ? { focused: true } : {}),
      });
    }
    if (values.language !== undefined) {
      out.push({
        name: 'language',
        type: 3,
        value: values.language,
        ...(values.focused === 'language' ? { focused: true } : {}),
      });
    }
    if (values.private !== undefined) out.push({ name: 'private', type: 5, value: values.private });
    return out;
  }

  /** `/vllm` with the given options. */
  slashCommand(
    values: { provider?: string; language?: string; private?: boolean } = {},
    options: InteractionOptions = {},
  ): Interaction {
    return this.base(2, options, {
      id: this.commandId,
      name: 'vllm',
      type: 1,
      options: this.commandOptions(values),
    });
  }

  /** Typing into an option of `/vllm`. */
  autocomplete(
    focused: 'provider' | 'language',
    value: string,
    others: { provider?: string; language?: string } = {},
    options: InteractionOptions = {},
  ): Interaction {
    return this.base(4, options, {
      id: this.commandId,
      name: 'vllm',
      type: 1,
      options: this.commandOptions({ ...others, [focused]: value, focused }),
    });
  }

  /** A click on a button of a message the bot sent. */
  button(
    customId: string,
    message: { id?: string; flags?: number } = {},
    options: InteractionOptions = {},
  ): Interaction {
    const interaction = this.base(3, options, { custom_id: customId, component_type: 2 });
    interaction.payload.message = this.message({
      id: message.id ?? snowflake(),
      channel_id: (interaction.payload.channel as Json).id,
      flags: message.flags ?? 0,
      components: [
        {
          type: 1,
          id: 1,
          components: [{ type: 2, id: 2, style: 2, label: 'button', custom_id: customId }],
        },
      ],
    });
    return interaction;
  }

  /**
   * A submitted modal: `values` maps each text input's custom_id to what was typed, sent in
   * Label components (type 18) as Discord does for modals built with them.
   */
  modalSubmit(
    customId: string,
    values: Record<string, string>,
    options: InteractionOptions = {},
  ): Interaction {
    return this.base(5, options, {
      custom_id: customId,
      components: Object.entries(values).map(([id, value], i) => ({
        type: 18,
        id: i * 2 + 1,
        component: { type: 4, id: i * 2 + 2, custom_id: id, value },
      })),
    });
  }

  /** The message command ("Ask vLLM bot") on a message with this text. */
  messageCommand(content: string, options: InteractionOptions = {}): Interaction {
    const targetId = snowflake();
    const interaction = this.base(2, options, {
      id: this.messageCommandId,
      name: 'Ask vLLM bot',
      type: 3,
      target_id: targetId,
      resolved: { messages: {} },
    });
    const channelId = (interaction.payload.channel as Json).id as string;
    const author = user('223456789012345678', 'asker');
    ((interaction.payload.data as Json).resolved as { messages: Json }).messages[targetId] = {
      ...this.message({ id: targetId, channel_id: channelId, content, type: 0, author }),
      application_id: undefined,
      webhook_id: undefined,
    };
    return interaction;
  }
}

export function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  return FakeDiscord.start(options);
}
