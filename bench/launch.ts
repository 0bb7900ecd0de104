import { join } from 'node:path';
import { botArgs, processArgs, startChild, type Child } from './children.js';
import { freePort } from '../tests/e2e/fake-slack.js';

/**
 * What runs behind a side: our bot (the built dist/src/main.js, configured through the
 * environment like any deployment) or one of the minimal bots under bench/processes.
 */
export type Launch =
  | {
      kind: 'bot';
      /** Extra environment, e.g. DATA_DIR for the synthetic dataset. */
      env?: Record<string, string>;
    }
  | { kind: 'floor'; file: string; env?: Record<string, string> };

export interface LaunchOptions {
  nodeArgs?: string[];
  /** A scratch folder of this run (the bot's log file and state go there). */
  scratch: string;
  /** LOG_LEVEL for our bot. */
  logLevel: string;
}

/** Every platform variable blank, so a developer's .env cannot switch on another platform. */
const NO_PLATFORMS = {
  DISCORD_TOKEN: '',
  DISCORD_APPLICATION_ID: '',
  DISCORD_API_URL: '',
  DISCORD_PUBLIC_KEY: '',
  SLACK_BOT_TOKEN: '',
  SLACK_APP_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  SLACK_API_URL: '',
};

let launched = 0;

/**
 * Starts our bot with `platformEnv` (its platform's variables) or a floor with `floorEnv`.
 * The bot gets a rate limit no benchmark reaches (the load comes from a few dozen simulated
 * users) and is ready when its /readyz says so, as Docker or Kubernetes would see it.
 */
export async function launch(
  label: string,
  what: Launch,
  platformEnv: Record<string, string>,
  options: LaunchOptions,
): Promise<Child> {
  if (what.kind === 'floor') {
    return startChild({
      name: label,
      args: processArgs(what.file, options.nodeArgs),
      env: { ...platformEnv, ...what.env },
      ready: { kind: 'line' },
    });
  }
  const healthPort = await freePort();
  const n = launched++;
  return startChild({
    name: label,
    args: botArgs(options.nodeArgs),
    env: {
      ...NO_PLATFORMS,
      ...platformEnv,
      HEALTH_PORT: String(healthPort),
      LOG_LEVEL: options.logLevel,
      LOG_PRETTY: '0',
      RATE_LIMIT_MAX: '1000000000',
      RATE_LIMIT_WINDOW_SECONDS: '1',
      STATE_DIR: join(options.scratch, `state-${n}`),
      ...what.env,
    },
    ready: { kind: 'readyz', port: healthPort, logFile: join(options.scratch, `bot-${n}.log`) },
  });
}
