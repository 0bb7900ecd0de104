import { App, HTTPReceiver, SocketModeReceiver, webApi, type InstallationStore } from '@slack/bolt';
import type { BotContext, PlatformHandle } from '../runtime/bot-context.js';
import type { SlackConfig } from '../runtime/config.js';
import { networkFailure, PlatformStartError } from '../runtime/start-errors.js';
import { slackErrorCode } from './api-errors.js';
import { boltLevelFor, createBoltLogger } from './bolt-logger.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerCommunity } from './listeners/community.js';
import type { SlackDeps } from './listeners/deps.js';
import { registerUninstall } from './listeners/uninstall.js';
import { oauthReceiverOptions, SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH } from './oauth.js';
import { createUserLocales } from './user-locale.js';

/** Where Slack sends slash commands and interactivity in HTTP mode (Bolt's default). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** A Web API call that takes longer than this has failed; the user gets an apology instead. */
const WEB_API_TIMEOUT_MS = 10_000;
/**
 * WebClient's default retries a failed call ten times over about 30 minutes: useless for a
 * chat answer someone is waiting for. Two quick retries cover a blip.
 */
const WEB_API_RETRIES: webApi.RetryOptions = {
  retries: 2,
  factor: 2,
  minTimeout: 250,
  maxTimeout: 2_000,
};
/** How long stop() waits for the Socket Mode client to close its WebSocket. */
const STOP_TIMEOUT_MS = 3_000;
/**
 * @slack/socket-mode uses its client ping timeout twice: as the deadline for Slack's pong and
 * as the step of its reconnect backoff (after a dropped socket it waits timeout × consecutive
 * failures: 5 s, 10 s, 15 s… by default). Slack wants a slash command acknowledged within
 * 3 s, so a link that cannot return a pong in 2 s is not delivering commands anyway; 2 s
 * finds a dead socket sooner and brings the bot back after 2 s, 4 s, 6 s… instead.
 */
const SOCKET_PING_TIMEOUT_MS = 2_000;

/** WebClient wants the base with a trailing slash (`https://slack.com/api/`). */
function apiBase(apiUrl: string | undefined): { slackApiUrl?: string } {
  return apiUrl ? { slackApiUrl: `${apiUrl.replace(/\/+$/, '')}/` } : {};
}

function describeError(error: unknown): string {
  return slackErrorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

/** auth.test failed: a network failure says nothing about the token, an answer does. */
function authError(error: unknown, config: SlackConfig): PlatformStartError {
  const network = networkFailure(error);
  if (network) {
    return new PlatformStartError(
      'slack',
      'unreachable',
      `Slack: cannot reach ${config.apiUrl ?? 'https://slack.com/api'} (${network}). ` +
        'Check the network, DNS or proxy; SLACK_BOT_TOKEN was not checked.',
      { cause: error, code: network.split(' ')[0] },
    );
  }
  const code = slackErrorCode(error) ?? httpStatus(error);
  if (code) {
    return new PlatformStartError(
      'slack',
      'refused',
      `Slack refused SLACK_BOT_TOKEN (auth.test: ${code}).`,
      { cause: error, code },
    );
  }
  return new PlatformStartError(
    'slack',
    'failed',
    `Slack: auth.test failed (${describeError(error)}).`,
    {
      cause: error,
    },
  );
}

function receiverError(error: unknown, config: SlackConfig): PlatformStartError {
  if (config.mode === 'http') {
    return new PlatformStartError(
      'slack',
      'failed',
      `Slack: cannot listen on SLACK_PORT ${config.port} (${describeError(error)}).`,
      { cause: error },
    );
  }
  const network = networkFailure(error);
  return network
    ? new PlatformStartError(
        'slack',
        'unreachable',
        `Slack: Socket Mode cannot reach Slack (${network}). Check the network, DNS or proxy.`,
        { cause: error, code: network.split(' ')[0] },
      )
    : new PlatformStartError(
        'slack',
        'refused',
        `Slack: Socket Mode cannot connect with SLACK_APP_TOKEN (${describeError(error)}).`,
        { cause: error },
      );
}

/** "HTTP 401" when the Web API answered 401 or 403: a refusal, unlike a 5xx. */
function httpStatus(error: unknown): string | undefined {
  if ((error as { code?: unknown }).code !== webApi.ErrorCode.HTTPError) return undefined;
  const status = (error as webApi.WebAPIHTTPError).statusCode;
  return status === 401 || status === 403 ? `HTTP ${status}` : undefined;
}

function within(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

export interface SlackOptions {
  /**
   * Where OAuth mode keeps each workspace's installation (bot token): Bolt's own interface, so
   * the caller decides (the database store in production). Required in OAuth mode.
   */
  installationStore?: InstallationStore;
}

/**
 * Starts the Slack adapter: Socket Mode with an app-level token, or Bolt's HTTP receiver on
 * `config.port` at /slack/events, verifying Slack's request signatures; in OAuth mode the
 * same receiver also serves /slack/install and /slack/oauth_redirect and every request is
 * answered with the token of the workspace it came from. Resolves once the bot token is
 * verified (auth.test; not in OAuth mode, which has none of its own) and the receiver is
 * connected or listening.
 */
export async function startSlack(
  config: SlackConfig,
  ctx: BotContext,
  options: SlackOptions = {},
): Promise<PlatformHandle> {
  const level = boltLevelFor(ctx.logger.level);
  const logger = createBoltLogger(ctx.logger, level);
  const api = apiBase(config.apiUrl);
  // Stamped by the receiver as the request arrives: the start of every recorded latency.
  const receivedAt = () => ({ receivedAt: performance.now() });

  let up = false;
  let connections = 0;
  const setUp = (next: boolean) => {
    up = next;
    ctx.connected('slack', next);
  };

  let socket: SocketModeReceiver | undefined;
  let receiver: SocketModeReceiver | HTTPReceiver;
  if (config.mode === 'socket') {
    socket = new SocketModeReceiver({
      appToken: config.appToken,
      logger,
      logLevel: level,
      clientPingTimeout: SOCKET_PING_TIMEOUT_MS,
      // Its own copy: the Socket Mode client adds its own retry policy for apps.connections.open.
      installerOptions: { clientOptions: { ...api, timeout: WEB_API_TIMEOUT_MS } },
      customPropertiesExtractor: receivedAt,
    });
    socket.client.on('connected', () => {
      connections += 1;
      if (connections > 1) ctx.reconnected('slack');
      setUp(true);
    });
    // 'close' fires as soon as the WebSocket is gone; 'reconnecting' only once the backoff
    // delay has passed, and 'disconnected' only when the client gives up or is stopped.
    socket.client.on('close', () => setUp(false));
    socket.client.on('reconnecting', () => setUp(false));
    socket.client.on('disconnected', () => setUp(false));
    receiver = socket;
  } else {
    const { installationStore } = options;
    if (config.mode === 'oauth' && !installationStore) {
      throw new Error('Slack OAuth mode needs an installation store (none was given)');
    }
    receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      endpoints: SLACK_EVENTS_PATH,
      port: config.port,
      logger,
      logLevel: level,
      customPropertiesExtractor: receivedAt,
      ...(config.mode === 'oauth' && installationStore
        ? oauthReceiverOptions(config, installationStore, { ...api, timeout: WEB_API_TIMEOUT_MS })
        : {}),
    });
  }

  const app = new App({
    // OAuth mode has no token of its own: Bolt authorizes each request from the store.
    ...(config.mode === 'oauth' ? {} : { token: config.botToken }),
    receiver,
    logger,
    logLevel: level,
    clientOptions: { ...api, timeout: WEB_API_TIMEOUT_MS, retryConfig: WEB_API_RETRIES },
    // auth.test runs in init() below, so a bad bot token fails the start, not every request.
    deferInitialization: true,
    // Two global middlewares every request pays for and this bot never uses: the conversation
    // store (it looks up, and fails to find, a conversation per request) and "ignore my own
    // messages" (the bot listens to no message events). Both show in bench --cpu-prof.
    convoStore: false,
    ignoreSelf: false,
  });

  const locales = createUserLocales(
    async (user) => (await app.client.users.info({ user, include_locale: true })).user?.locale,
    {
      onError: (error) =>
        ctx.logger.warn(
          { platform: 'slack', error: describeError(error) },
          'users.info failed; answering in the fallback language',
        ),
      onTimeout: () =>
        ctx.logger.debug(
          { platform: 'slack' },
          'users.info is slow; answering in the fallback language',
        ),
    },
  );
  const deps: SlackDeps = { ctx, locales };
  registerCommands(app, deps);
  registerActions(app, deps);
  registerCommunity(app, deps);
  if (config.mode === 'oauth' && options.installationStore) {
    registerUninstall(app, options.installationStore, ctx);
  }
  app.error((error) => {
    ctx.logger.error({ platform: 'slack', err: error }, 'slack request failed outside a handler');
    return Promise.resolve();
  });

  try {
    await app.init();
  } catch (error) {
    throw authError(error, config);
  }
  try {
    await app.start(...(config.mode === 'socket' ? [] : [config.port]));
  } catch (error) {
    await socket?.client.disconnect().catch(() => undefined);
    throw receiverError(error, config);
  }
  if (config.mode === 'http') {
    setUp(true);
    ctx.logger.info(
      { platform: 'slack', mode: 'http', port: config.port, path: SLACK_EVENTS_PATH },
      'slack listening',
    );
  } else if (config.mode === 'oauth') {
    setUp(true);
    ctx.logger.info(
      {
        platform: 'slack',
        mode: 'oauth',
        port: config.port,
        paths: [SLACK_EVENTS_PATH, SLACK_INSTALL_PATH, SLACK_REDIRECT_PATH],
      },
      'slack listening',
    );
  } else {
    ctx.logger.info({ platform: 'slack', mode: 'socket' }, 'slack connected');
  }

  let stopping: Promise<void> | undefined;
  return {
    name: 'slack',
    ready: () => up,
    stop: () =>
      (stopping ??= (async () => {
        try {
          // Bolt's SocketModeReceiver.stop() does not wait for the socket to close; this does.
          await within(socket ? socket.client.disconnect() : app.stop(), STOP_TIMEOUT_MS);
        } catch (error) {
          ctx.logger.warn({ platform: 'slack', error: describeError(error) }, 'slack stop failed');
        } finally {
          setUp(false);
        }
      })()),
  };
}
