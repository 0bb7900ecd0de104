import {
  Client,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  Options,
  RESTEvents,
  Status,
  type ClientOptions,
} from 'discord.js';
import type { Logger } from 'pino';
import type { BotContext, PlatformHandle } from '../runtime/bot-context.js';
import type { DiscordConfig } from '../runtime/config.js';
import { networkFailure, PlatformStartError } from '../runtime/start-errors.js';
import { routeInteraction } from './router.js';

/** Shared by both transports: no pings, no deep conversion, no message cache. */
export function clientOptions(config: DiscordConfig): ClientOptions {
  const shards = config.shards;
  return {
    // Interactions carry the member, channel and permissions they need: no privileged intent.
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    // render.ts already writes Discord's snake_case shapes; the default deep conversion of every
    // embed and button was a fifth of the work per answer.
    jsonTransformer: (data: unknown) => data,
    // Nothing reads old messages, so none are kept.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    ...(config.apiUrl ? { rest: { api: config.apiUrl } } : {}),
    ...(shards === undefined ? {} : { shards }),
    // Shard ids "0,1" alone do not say how many shards there are; they at least imply this many.
    ...(Array.isArray(shards) && shards.length > 0 ? { shardCount: Math.max(...shards) + 1 } : {}),
  };
}

function loginError(error: unknown, config: DiscordConfig): PlatformStartError {
  const fail = (reason: 'unreachable' | 'refused' | 'failed', message: string, code?: string) =>
    new PlatformStartError('discord', reason, message, { cause: error, ...(code ? { code } : {}) });
  const code = (error as { code?: unknown }).code;
  if (code === DiscordjsErrorCodes.TokenInvalid) {
    return fail('refused', 'Discord rejected the bot token (401). Check DISCORD_TOKEN.', '401');
  }
  if (code === DiscordjsErrorCodes.DisallowedIntents) {
    return fail(
      'refused',
      'Discord refused the gateway intents (4014). The bot needs only the Guilds intent.',
      '4014',
    );
  }
  const network = networkFailure(error);
  if (network) {
    return fail(
      'unreachable',
      `Discord: cannot reach ${config.apiUrl ?? 'https://discord.com/api'} (${network}). ` +
        'Check the network, DNS or proxy; the token was not checked.',
      network.split(' ')[0],
    );
  }
  return fail('failed', `Discord: could not connect (${(error as Error).message}).`);
}

export function logRateLimits(client: Client, log: Logger): void {
  client.rest.on(RESTEvents.RateLimited, (info) =>
    log.warn(
      {
        route: info.route,
        method: info.method,
        retryAfterMs: info.retryAfter,
        global: info.global,
      },
      'discord rate limit hit',
    ),
  );
}

/**
 * Logs in, and resolves once the gateway session is READY. `ready()` is true while every
 * shard is connected; discord.js resumes or re-identifies by itself after a drop.
 */
export async function startDiscord(
  config: DiscordConfig,
  ctx: BotContext,
): Promise<PlatformHandle> {
  const log = ctx.logger.child({ platform: 'discord' });
  const client = new Client(clientOptions(config));
  const seen = new Set<number>();
  let stopped = false;
  let stopping: Promise<void> | undefined;

  const allUp = () =>
    !stopped &&
    client.isReady() &&
    client.ws.shards.size > 0 &&
    client.ws.shards.every((shard) => shard.status === Status.Ready);

  client.on(Events.InteractionCreate, (interaction) => {
    const startedAt = performance.now();
    ctx
      .track(() => routeInteraction(ctx, interaction, startedAt))
      .catch((error: unknown) => {
        // Only track() itself rejects here (shutting down): routeInteraction never does.
        log.warn({ err: error, interactionId: interaction.id }, 'interaction not handled');
      });
  });

  client.on(Events.ShardReady, (shardId) => {
    if (seen.has(shardId)) {
      ctx.reconnected('discord');
      log.info({ shardId }, 'gateway session re-established');
    }
    seen.add(shardId);
    ctx.connected('discord', allUp());
  });
  client.on(Events.ShardResume, (shardId, replayed) => {
    ctx.reconnected('discord');
    ctx.connected('discord', allUp());
    log.info({ shardId, replayed }, 'gateway session resumed');
  });
  client.on(Events.ShardReconnecting, (shardId) => {
    ctx.connected('discord', false);
    if (!stopped) log.warn({ shardId }, 'gateway connection lost, reconnecting');
  });
  client.on(Events.ShardDisconnect, (event, shardId) => {
    ctx.connected('discord', false);
    if (!stopped) log.error({ shardId, code: event.code }, 'gateway closed for good');
  });
  client.on(Events.ShardError, (error, shardId) =>
    log.warn({ err: error, shardId }, 'gateway error'),
  );
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ detail: message }, 'discord warning'));
  logRateLimits(client, log);

  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(config.token);
    await ready;
  } catch (error) {
    await client.destroy().catch(() => undefined);
    throw loginError(error, config);
  }
  ctx.connected('discord', allUp());
  log.info(
    { user: client.user?.tag, shards: client.ws.shards.size, guilds: client.guilds.cache.size },
    'discord connected',
  );

  return {
    name: 'discord',
    ready: allUp,
    stop() {
      stopping ??= (async () => {
        stopped = true;
        ctx.connected('discord', false);
        await client.destroy();
        log.info('discord disconnected');
      })();
      return stopping;
    },
  };
}
