import type { Logger } from 'pino';
import { DataFileError } from './core/load-errors.js';
import { DEFAULT_PROVIDERS_FILE, LOCALES_DIR, resolveFromCwd } from './core/paths.js';
import { createBotContext, type PlatformHandle } from './runtime/bot-context.js';
import { ConfigError, loadConfig, secretsOf, type Config } from './runtime/config.js';
import { loadEnvFile } from './runtime/env-file.js';
import { startHealthServer, type HealthServer } from './runtime/health-server.js';
import {
  createKnowledgeStore,
  type KnowledgeStore,
  type StoreHooks,
} from './runtime/knowledge-store.js';
import { createLogger, scrub } from './runtime/logger.js';
import { NO_PLATFORM_MESSAGE } from './runtime/messages.js';
import { createMetrics } from './runtime/metrics.js';
import { createRateLimiter } from './runtime/rate-limit.js';
import { PlatformStartError } from './runtime/start-errors.js';

/** Docker sends SIGKILL 10 s after SIGTERM: finish well before. */
const HARD_EXIT_MS = 9_500;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message.trimEnd()}\n`);
  process.exit(code);
}

function readConfig(): Config {
  try {
    loadEnvFile();
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    fail(`Cannot read the configuration: ${(error as Error).message}`);
  }
}

function openStore(config: Config, logger: Logger, hooks: StoreHooks): KnowledgeStore {
  const providersFile = config.providersFile
    ? resolveFromCwd(config.providersFile)
    : DEFAULT_PROVIDERS_FILE;
  try {
    return createKnowledgeStore({ providersFile, localesDir: LOCALES_DIR }, logger, hooks);
  } catch (error) {
    if (error instanceof DataFileError) fail(`Cannot load the dataset:\n${error.message}`);
    throw error;
  }
}

/**
 * One line per failed platform, naming its cause once. On a terminal a plain sentence on
 * stderr; otherwise one JSON `fatal` line for log collectors. The stack goes to debug.
 */
function reportStartFailure(logger: Logger, error: unknown, secrets: readonly string[]): void {
  const message = scrub(error instanceof Error ? error.message : String(error), secrets);
  logger.debug({ err: error }, 'platform start failure, details');
  if (process.stderr.isTTY) {
    process.stderr.write(`${message}\n`);
    return;
  }
  const fields =
    error instanceof PlatformStartError
      ? { platform: error.platform, reason: error.reason, code: error.code }
      : { reason: 'failed' };
  logger.fatal(fields, message);
}

async function main(): Promise<void> {
  const config = readConfig();
  if (!config.discord && !config.slack) fail(NO_PLATFORM_MESSAGE);

  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty,
    secrets: secretsOf(config),
  });
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled rejection'),
  );

  const metrics = createMetrics();
  const store = openStore(config, logger, {
    onSwap(k) {
      metrics.datasetInfo.reset();
      metrics.datasetInfo.set({ version: k.version, hash: k.hash }, 1);
      metrics.reloads.inc({ result: 'loaded' });
    },
    onReject: () => metrics.reloads.inc({ result: 'rejected' }),
  });
  const knowledge = store.current();
  logger.info(
    { version: knowledge.version, hash: knowledge.hash, providers: knowledge.providers.length },
    'dataset loaded',
  );

  const ctx = createBotContext({
    knowledge: () => store.current(),
    logger,
    metrics,
    limiter: createRateLimiter(config.rateLimit.max, config.rateLimit.windowMs),
  });
  const platforms: PlatformHandle[] = [];
  let health: HealthServer | undefined;
  if (config.healthPort !== undefined) {
    health = await startHealthServer(
      config.healthPort,
      () => {
        const reasons = platforms
          .filter((p) => !p.ready())
          .map((p) => `${p.name} is not connected`);
        if (!ctx.accepting()) reasons.push('shutting down');
        if (platforms.length === 0) reasons.push('starting');
        return { ready: reasons.length === 0, reasons };
      },
      metrics.registry,
      config.healthHost,
    );
    logger.info({ host: config.healthHost, port: health.port }, 'health server listening');
  }

  let stopping: Promise<void> | undefined;
  // npm forwards SIGTERM to a process group that already got it: the second one must be a no-op.
  const shutdown = (signal: string) => {
    stopping ??= (async () => {
      logger.info({ signal, inFlight: ctx.inFlight() }, 'shutting down');
      setTimeout(() => process.exit(1), HARD_EXIT_MS).unref();
      const { unfinished } = await ctx.drain(config.shutdownTimeoutMs);
      if (unfinished > 0) logger.warn({ unfinished }, 'requests still running at shutdown');
      await Promise.allSettled(platforms.map((p) => p.stop()));
      await health?.close();
      store.close();
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: reloading the dataset');
    store.reload('SIGHUP');
  });
  if (config.watchProvidersFile) store.watch();

  // Loaded only when configured: each platform library costs tens of megabytes. Started
  // together, so one run reports every platform's problem.
  const { discord, slack } = config;
  const results = await Promise.allSettled([
    ...(discord
      ? [import('./discord/client.js').then(({ startDiscord }) => startDiscord(discord, ctx))]
      : []),
    ...(slack ? [import('./slack/app.js').then(({ startSlack }) => startSlack(slack, ctx))] : []),
  ]);
  const failures: unknown[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') platforms.push(r.value);
    else failures.push(r.reason);
  }
  if (failures.length > 0) {
    for (const error of failures) reportStartFailure(logger, error, secretsOf(config));
    await Promise.allSettled(platforms.map((p) => p.stop()));
    logger.flush();
    process.exit(1);
  }
  logger.info({ platforms: platforms.map((p) => p.name) }, 'ready');
}

await main();
