import type { Logger } from 'pino';
import { DataFileError } from './core/load-errors.js';
import { DEFAULT_DATA_DIR, resolveFromCwd } from './core/paths.js';
import { createBotContext, type PlatformHandle } from './runtime/bot-context.js';
import { ConfigError, loadConfig, secretsOf, type Config } from './runtime/config.js';
import { loadEnvFile } from './runtime/env-file.js';
import { startHealthServer, type HealthServer } from './runtime/health-server.js';
import {
  createKnowledgeStore,
  type KnowledgeStore,
  type StoreHooks,
} from './runtime/knowledge-store.js';
import { limitHeapGrowth } from './runtime/heap-growth.js';
import { createLogger, scrub } from './runtime/logger.js';
import { NO_PLATFORM_MESSAGE } from './runtime/messages.js';
import { createMetrics } from './runtime/metrics.js';
import type { PinUpdater } from './runtime/pin-updater.js';
import type { ReportRetry } from './runtime/report-retry.js';
import { flushMisses } from './runtime/misses.js';
import { openState, type State } from './runtime/state.js';
import { PlatformStartError } from './runtime/start-errors.js';

/** Docker sends SIGKILL 10 s after SIGTERM: finish well before. */
const HARD_EXIT_MS = 9_500;
/** How often reports still unposted (their channel post failed) are tried again. */
const REPORT_RETRY_MS = 5 * 60_000;

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

async function openStateOrExit(config: Config, logger: Logger): Promise<State> {
  try {
    return await openState(config, logger);
  } catch (error) {
    const { StoreError } = await import('./store/index.js');
    if (error instanceof StoreError) fail(`Cannot open the state database: ${error.message}`);
    throw error;
  }
}

function openDataset(config: Config, logger: Logger, hooks: StoreHooks): KnowledgeStore {
  const files = {
    dataDir: config.dataDir ? resolveFromCwd(config.dataDir) : DEFAULT_DATA_DIR,
    ...(config.providersFile ? { providersFile: resolveFromCwd(config.providersFile) } : {}),
  };
  try {
    return createKnowledgeStore(files, logger, hooks);
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
  // Before the dataset loads: loading sets the first limit V8 grows the heap to.
  limitHeapGrowth(config.heapGrowthPercent);

  const logger = createLogger({
    level: config.logLevel,
    pretty: config.logPretty,
    secrets: secretsOf(config),
  });
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason }, 'unhandled rejection'),
  );

  const metrics = createMetrics();
  // Made once the platforms are up; reloads before that have no pins to update yet.
  const pins: { updater?: PinUpdater } = {};
  let reportRetry: ReportRetry | undefined;
  const updatePins = (reason: string) =>
    void pins.updater
      ?.run(reason)
      .catch((err: unknown) => logger.warn({ err }, 'pin update pass failed'));
  const dataset = openDataset(config, logger, {
    onSwap(k) {
      metrics.datasetInfo.reset();
      metrics.datasetInfo.set({ version: k.version, hash: k.hash }, 1);
      metrics.reloads.inc({ result: 'loaded' });
      updatePins('dataset reloaded');
    },
    onReject: () => metrics.reloads.inc({ result: 'rejected' }),
  });
  const knowledge = dataset.current();
  logger.info(
    { version: knowledge.version, hash: knowledge.hash, providers: knowledge.providers.length },
    'dataset loaded',
  );

  const state = await openStateOrExit(config, logger);
  const ctx = createBotContext({
    knowledge: () => dataset.current(),
    logger,
    metrics,
    limiter: state.limiter,
    store: state.store,
    reports: config.reports,
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
        const database = state.problem();
        if (database) reasons.push(database);
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
      await pins.updater?.stop();
      await reportRetry?.stop();
      await Promise.allSettled(platforms.map((p) => p.stop()));
      await health?.close();
      dataset.close();
      await flushMisses(state.store, logger);
      await state.close().catch((err: unknown) => logger.warn({ err }, 'closing the state'));
      logger.info('stopped');
      logger.flush();
      process.exit(0);
    })();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGHUP', () => {
    logger.info('SIGHUP: reloading the dataset');
    dataset.reload('SIGHUP');
  });
  if (config.watchProvidersFile) dataset.watch();

  // Loaded only when configured: each platform library costs tens of megabytes. Started
  // together, so one run reports every platform's problem.
  const { discord, slack } = config;
  const startDiscordPlatform = async (d: NonNullable<typeof discord>) => {
    if (d.http) {
      const { startDiscordHttp } = await import('./discord/http/server.js');
      return startDiscordHttp(d, ctx);
    }
    const { startDiscord } = await import('./discord/client.js');
    return startDiscord(d, ctx);
  };
  const startSlackPlatform = async (s: NonNullable<typeof slack>) => {
    const { startSlack } = await import('./slack/app.js');
    const { slackInstallationStore } = await import('./store/index.js');
    return startSlack(s, ctx, { installationStore: slackInstallationStore(state.store) });
  };
  const results = await Promise.allSettled([
    ...(discord ? [startDiscordPlatform(discord)] : []),
    ...(slack ? [startSlackPlatform(slack)] : []),
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
  // Pinned answers are kept true from here on: now (a restart may bring new data), and after
  // every accepted reload.
  const { createPinUpdates } = await import('./runtime/pin-updates.js');
  pins.updater = await createPinUpdates({
    config,
    store: state.store,
    knowledge: () => dataset.current(),
    logger,
  });
  updatePins('start');
  // Reports whose post to the operators' channel failed are tried again until posted.
  const { createReportPosters } = await import('./runtime/report-posters.js');
  const posters = await createReportPosters({ config, store: state.store, logger });
  if (Object.keys(posters).length > 0) {
    const { createReportRetry } = await import('./runtime/report-retry.js');
    reportRetry = createReportRetry({ ctx, posters });
    reportRetry.start(REPORT_RETRY_MS);
  }
}

await main();
