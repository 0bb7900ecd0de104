import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Client,
  DefaultRestOptions,
  Events,
  InteractionResponseType,
  InteractionType,
  type APIInteraction,
} from 'discord.js';
import type { BotContext, PlatformHandle } from '../../runtime/bot-context.js';
import { ShuttingDownError } from '../../runtime/bot-context.js';
import type { DiscordConfig } from '../../runtime/config.js';
import { PlatformStartError } from '../../runtime/start-errors.js';
import { clientOptions, logRateLimits } from '../client.js';
import { routeInteraction } from '../router.js';
import { toInteraction } from './discordjs-interaction.js';
import {
  createInitialResponses,
  type AnswerBody,
  type InitialResponses,
} from './initial-response.js';
import { vllmRoute, type Route } from './raw-interactions.js';
import { checkSignature, discordPublicKey } from './signature.js';

/**
 * Discord over HTTP interactions: no gateway. Discord POSTs each signed interaction to
 * `/interactions`; it goes to the same router, handlers and renderers as in gateway mode, and
 * its first answer is written into the HTTP response (see initial-response.ts). A discord.js
 * Client that never logs in turns payloads into Interaction objects and makes the REST calls
 * that follow (edits, follow-ups, pins).
 */

export const INTERACTIONS_PATH = '/interactions';
/** Interaction payloads are a few kilobytes; a message command's resolved message a few more. */
export const MAX_BODY_BYTES = 256 * 1024;
/** Past this much, a client sending an oversized body is cut off instead of drained. */
const DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES;
/** Discord waits 3 s for the first answer; after that it is useless to send one. */
export const FIRST_ANSWER_MS = 3_000;

export interface DiscordHttpHandle extends PlatformHandle {
  /** The port actually listened on (useful with port 0). */
  port: number;
}

type BodyRead = { ok: true; body: Buffer } | { ok: false };

/** Reads at most MAX_BODY_BYTES; a longer body is drained (or cut off) and reported. */
function readBody(req: IncomingMessage): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        resolve({ ok: false });
      }
    });
    req.on('end', () =>
      resolve(size <= MAX_BODY_BYTES ? { ok: true, body: Buffer.concat(chunks) } : { ok: false }),
    );
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: AnswerBody): Promise<void> {
  return new Promise((resolve) => {
    if (res.headersSent || res.destroyed) {
      resolve();
      return;
    }
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': typeof body === 'string' ? Buffer.byteLength(body) : body.length,
    });
    res.end(body, () => resolve());
  });
}

const error = (res: ServerResponse, status: number, message: string) =>
  send(res, status, JSON.stringify({ error: message }));

function isInteraction(value: unknown): value is APIInteraction {
  const v = value as Partial<APIInteraction> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.type === 'number' &&
    typeof v.id === 'string' &&
    typeof v.token === 'string'
  );
}

/**
 * Serves HTTP interactions on `config.http.port` and resolves once listening. Usable on its
 * own (benchmarks): it needs only the Discord config and a BotContext.
 */
export async function startDiscordHttp(
  config: DiscordConfig,
  ctx: BotContext,
): Promise<DiscordHttpHandle> {
  const http = config.http;
  if (!http)
    throw new PlatformStartError(
      'discord',
      'failed',
      'DISCORD_PUBLIC_KEY is not set: HTTP interactions are off',
    );
  const log = ctx.logger.child({ platform: 'discord', transport: 'http' });
  const key = discordPublicKey(http.publicKey);
  const responses: InitialResponses = createInitialResponses(DefaultRestOptions.makeRequest);
  const options = clientOptions(config);
  const client = new Client({
    ...options,
    rest: { ...options.rest, makeRequest: responses.makeRequest },
  });
  client.rest.setToken(config.token);
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  logRateLimits(client, log);

  /** `/vllm` from its JSON (raw-interactions.ts), anything else through discord.js's router. */
  function routeFor(payload: APIInteraction): Route | undefined {
    const make = () => toInteraction(client, payload);
    const fast = vllmRoute(payload, (body) => responses.answer(payload.id, body), make);
    if (fast) return fast;
    const interaction = make();
    return interaction && ((ctx, startedAt) => routeInteraction(ctx, interaction, startedAt));
  }

  async function answer(res: ServerResponse, payload: APIInteraction): Promise<void> {
    const startedAt = performance.now();
    responses.expect(payload.id, payload.token, (body) => send(res, 200, body));
    const route = routeFor(payload);
    if (!route) {
      responses.forget(payload.id);
      log.debug({ interactionId: payload.id, type: payload.type }, 'unsupported interaction');
      await error(res, 400, 'unsupported interaction');
      return;
    }
    const routed = ctx.track(() => route(ctx, startedAt));
    // From memory the answer is usually written before the route first waits: no timer then.
    const late = responses.awaits(payload.id)
      ? setTimeout(
          () => {
            if (!responses.forget(payload.id)) return;
            log.warn({ interactionId: payload.id }, `no answer within ${FIRST_ANSWER_MS} ms`);
            void error(res, 503, 'no answer in time');
          },
          FIRST_ANSWER_MS - (performance.now() - startedAt),
        )
      : undefined;
    try {
      await routed;
    } catch (err) {
      if (!(err instanceof ShuttingDownError)) throw err;
      responses.forget(payload.id);
      await error(res, 503, 'shutting down');
      return;
    } finally {
      clearTimeout(late);
    }
    // The router leaves interactions it does not own (and a failed "something went wrong")
    // unanswered; Discord then shows that the interaction failed, as in gateway mode.
    if (responses.forget(payload.id)) await error(res, 500, 'interaction not answered');
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Discord asks for exactly this path; only other requests are worth parsing.
    const path =
      req.url === INTERACTIONS_PATH
        ? INTERACTIONS_PATH
        : new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== INTERACTIONS_PATH) return error(res, 404, 'not found');
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return error(res, 405, 'method not allowed');
    }
    const read = await readBody(req);
    if (!read.ok) return error(res, 413, 'body too large');
    const check = checkSignature(key, req.headers, read.body);
    if (!check.ok) {
      // Discord itself sends badly signed PINGs to check this: expected, hence debug.
      log.debug({ problem: check.problem }, 'rejected an unsigned or badly signed request');
      return error(res, 401, 'invalid request signature');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(read.body.toString('utf8'));
    } catch {
      return error(res, 400, 'body is not JSON');
    }
    // A PING needs nothing but its type.
    if ((payload as { type?: unknown } | null)?.type === InteractionType.Ping) {
      return send(res, 200, JSON.stringify({ type: InteractionResponseType.Pong }));
    }
    if (!isInteraction(payload)) return error(res, 400, 'not an interaction');
    return answer(res, payload);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      log.error({ err }, 'discord http request failed');
      void error(res, 500, 'internal error');
    });
  });
  let stopped = false;
  let stopping: Promise<void> | undefined;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(http.port, http.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await client.destroy().catch(() => undefined);
    throw new PlatformStartError(
      'discord',
      'failed',
      `Cannot listen for Discord interactions on port ${http.port}: ${(err as Error).message}`,
      { cause: err },
    );
  }
  server.on('error', (err) => log.error({ err }, 'discord http server error'));
  const port = (server.address() as AddressInfo).port;
  ctx.connected('discord', true);
  log.info({ port, path: INTERACTIONS_PATH }, 'discord interactions endpoint listening');

  return {
    name: 'discord',
    port,
    ready: () => !stopped && server.listening,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        ctx.connected('discord', false);
        // Requests in flight were drained before; keep-alive sockets would hold close() open.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        await client.destroy();
        log.info('discord interactions endpoint closed');
      })();
      return stopping;
    },
  };
}
