import { createRequire } from 'node:module';
import { z } from 'zod';
import { isSupportedDatabaseUrl, passwordOf } from '../store/database-url.js';
import { decodeEncryptionKey } from '../store/encryption.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const port = (fallback?: number) =>
  z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .optional()
    .transform((v) => v ?? fallback);

const positiveInt = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .positive('must be greater than 0')
    .default(fallback);

const httpUrl = z
  .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
  .transform((v) => v.replace(/\/+$/, ''))
  .optional();

/** The environment the bot starts with. Every key is optional; what is set must be valid. */
export const EnvSchema = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(
    z
      .string()
      .regex(
        /^\d{15,25}$/,
        'must be 15–25 digits, the numeric application id from the Developer Portal (General Information → Application ID)',
      )
      .optional(),
  ),
  DISCORD_GUILD_ID: optionalText.pipe(
    z
      .string()
      .regex(/^\d{15,25}$/, 'must be a numeric server (guild) id')
      .optional(),
  ),
  DISCORD_API_URL: optionalText.pipe(httpUrl),
  DISCORD_SHARDS: optionalText.pipe(
    z
      .string()
      .regex(/^(auto|\d+(,\d+)*)$/, 'must be "auto" or shard ids such as "0,1"')
      .optional(),
  ),
  DISCORD_PUBLIC_KEY: optionalText.pipe(
    z
      .string()
      .regex(
        /^[0-9a-fA-F]{64}$/,
        'must be the application public key: 64 hexadecimal characters (Developer Portal, General Information)',
      )
      .optional(),
  ),
  DISCORD_HTTP_PORT: port(3001),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(
    z.string().startsWith('xapp-', 'must be an app-level token (xapp-...)').optional(),
  ),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_CLIENT_ID: optionalText,
  SLACK_CLIENT_SECRET: optionalText,
  SLACK_STATE_SECRET: optionalText.pipe(
    z.string().min(16, 'must be at least 16 characters (a long random string)').optional(),
  ),
  SLACK_PORT: port(3000),
  SLACK_API_URL: optionalText.pipe(httpUrl),
  DATA_DIR: optionalText,
  PROVIDERS_FILE: optionalText,
  HEALTH_PORT: port(),
  HEALTH_HOST: optionalText,
  LOG_LEVEL: optionalText.pipe(z.enum(LOG_LEVELS).default('info')),
  LOG_PRETTY: optionalText.pipe(z.enum(['0', '1', 'true', 'false']).optional()),
  RATE_LIMIT_MAX: positiveInt(5),
  RATE_LIMIT_WINDOW_SECONDS: positiveInt(10),
  SHUTDOWN_TIMEOUT_SECONDS: positiveInt(8),
  HEAP_GROWTH_PERCENT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (V8 decides) or more')
    .max(1000, 'must be at most 1000')
    .default(100),
  WATCH_PROVIDERS_FILE: optionalText.pipe(z.enum(['0', '1', 'true', 'false']).optional()),
  REPORT_CHANNEL_ID: optionalText.pipe(
    z
      .string()
      .regex(
        /^\d{15,25}$/,
        'must be a numeric Discord channel id (Developer Mode: Copy Channel ID)',
      )
      .optional(),
  ),
  SLACK_REPORT_CHANNEL: optionalText.pipe(
    z
      .string()
      .regex(
        /^[CG][A-Z0-9]{6,20}$/,
        'must be a Slack channel id such as C0123ABCD (channel details, at the bottom), not its name',
      )
      .optional(),
  ),
  REPORT_ISSUE_URL: optionalText.pipe(
    z
      .url({ protocol: /^https$/, message: 'must be an https:// URL' })
      .max(400, 'must be at most 400 characters (a pre-filled issue adds to it)')
      .optional(),
  ),
  /** Pause between two pinned-answer edits, and how long one edit may hold its claim. */
  PIN_UPDATE_GAP_MS: positiveInt(1_000),
  PIN_UPDATE_LEASE_SECONDS: positiveInt(120),
  STATE_DIR: optionalText,
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .refine(isSupportedDatabaseUrl, 'must start with sqlite:, postgres:// or postgresql://')
      .optional(),
  ),
  // Never echo the value: the message says what is wrong, not what was given.
  STATE_ENCRYPTION_KEY: optionalText.pipe(
    z
      .string()
      .transform((value, ctx) => {
        const key = decodeEncryptionKey(value);
        if (typeof key !== 'string') return key;
        ctx.addIssue({ code: 'custom', message: key });
        return z.NEVER;
      })
      .optional(),
  ),
});

export type Env = z.infer<typeof EnvSchema>;

export interface DiscordConfig {
  token: string;
  /** Only `vllm-bot deploy` uses it, and asks Discord for it when unset. */
  applicationId?: string;
  guildId?: string;
  apiUrl?: string;
  shards?: 'auto' | number[];
  /** Set: HTTP interactions (signed `POST /interactions`) instead of the gateway. */
  http?: DiscordHttpConfig;
}

export interface DiscordHttpConfig {
  /** Hex Ed25519 key that signs Discord's requests. */
  publicKey: string;
  port: number;
  /** Interface to listen on; all of them when unset. */
  host?: string;
}

/** Slack OAuth (`mode: 'oauth'`): each workspace that installs the app gets its own bot token. */
export interface SlackOAuthConfig {
  mode: 'oauth';
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  signingSecret: string;
  port: number;
  apiUrl?: string;
}

export type SlackConfig =
  | ({ botToken: string; apiUrl?: string } & (
      { mode: 'socket'; appToken: string } | { mode: 'http'; signingSecret: string; port: number }
    ))
  | SlackOAuthConfig;

export interface Config {
  discord?: DiscordConfig;
  slack?: SlackConfig;
  dataDir?: string;
  /** Deprecated: a 0.1 single-file JSON dataset, or a folder of provider files. */
  providersFile?: string;
  healthPort?: number;
  healthHost?: string;
  logLevel: Env['LOG_LEVEL'];
  logPretty: boolean;
  rateLimit: { max: number; windowMs: number };
  shutdownTimeoutMs: number;
  /** Collect when the heap is this many percent past the live heap; 0: V8 decides. */
  heapGrowthPercent: number;
  watchProvidersFile: boolean;
  state: StateConfig;
  /** Keeping pinned answers true (docs/pinned-answers.md). */
  pins: { gapMs: number; leaseMs: number };
  reports: ReportConfig;
}

/** Where "report a wrong answer" goes (docs/community.md); no channel: no Report button there. */
export interface ReportConfig {
  /** REPORT_CHANNEL_ID: the Discord channel operators read. */
  discordChannelId?: string;
  /** SLACK_REPORT_CHANNEL: the Slack channel operators read (the bot must be a member). */
  slackChannelId?: string;
  /** REPORT_ISSUE_URL: a "new issue" URL; answers link to it, reports pre-fill it. */
  issueUrl?: string;
}

/** Where the bot keeps its state; hand it to openStore from src/store. */
export interface StateConfig {
  /** sqlite:<path>, sqlite::memory:, postgres://…; unset: SQLite in stateDir. */
  databaseUrl?: string;
  stateDir: string;
  /** 32-byte key for Slack installations at rest (STATE_ENCRYPTION_KEY). */
  encryptionKey?: Buffer;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const truthy = (v: string | undefined) => v === '1' || v === 'true';

const SLACK_OAUTH_KEYS = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

// Slack OAuth installs the app in many workspaces over HTTP: no single bot token, no socket.
function slackOAuthProblems(has: (key: string) => boolean): string[] {
  const set = SLACK_OAUTH_KEYS.filter(has);
  if (set.length === 0) return [];
  if (set.length < SLACK_OAUTH_KEYS.length) {
    const missing = SLACK_OAUTH_KEYS.filter((k) => !has(k)).join(', ');
    return [
      `SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: set all three for Slack OAuth, or none (missing: ${missing})`,
    ];
  }
  const problems: string[] = [];
  if (!has('SLACK_SIGNING_SECRET')) {
    problems.push(
      'SLACK_SIGNING_SECRET: required with Slack OAuth (it verifies what Slack posts to /slack/events)',
    );
  }
  if (!has('STATE_ENCRYPTION_KEY')) {
    problems.push(
      "STATE_ENCRYPTION_KEY: required with Slack OAuth (each workspace's bot token is stored encrypted with it)",
    );
  }
  if (has('SLACK_BOT_TOKEN')) {
    problems.push(
      'SLACK_BOT_TOKEN: leave it unset with Slack OAuth; each workspace gets its own token when it installs the app',
    );
  }
  if (has('SLACK_APP_TOKEN')) {
    problems.push(
      'SLACK_APP_TOKEN: leave it unset with Slack OAuth; the bot then runs in HTTP mode on SLACK_PORT',
    );
  }
  return problems;
}

/** Whether an optional package can be loaded from here; injectable for tests. */
export type CanLoad = (name: string) => boolean;

const canLoadFromHere: CanLoad = (name) => {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
};

// pino-pretty is a dev dependency: a production install does not have it.
function prettyProblems(source: NodeJS.ProcessEnv, canLoad: CanLoad): string[] {
  if (!truthy(source.LOG_PRETTY?.trim()) || canLoad('pino-pretty')) return [];
  return [
    'LOG_PRETTY: pino-pretty is not installed (a dev dependency); unset LOG_PRETTY, or install pino-pretty',
  ];
}

// Reads the raw environment so these are reported together with any schema problems.
function pairProblems(source: NodeJS.ProcessEnv): string[] {
  const has = (key: string) => Boolean(source[key]?.trim());
  const problems: string[] = [];
  if (has('DISCORD_APPLICATION_ID') && !has('DISCORD_TOKEN')) {
    problems.push('DISCORD_APPLICATION_ID: set DISCORD_TOKEN too, to enable Discord');
  }
  if (has('DISCORD_PUBLIC_KEY') && !has('DISCORD_TOKEN')) {
    problems.push(
      'DISCORD_PUBLIC_KEY: also set DISCORD_TOKEN (follow-ups and pins use the REST API)',
    );
  }
  if (SLACK_OAUTH_KEYS.some(has)) return [...problems, ...slackOAuthProblems(has)];
  const slackExtras = has('SLACK_APP_TOKEN') || has('SLACK_SIGNING_SECRET');
  if (has('SLACK_BOT_TOKEN') && !slackExtras) {
    problems.push(
      'SLACK_BOT_TOKEN: also set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)',
    );
  }
  if (!has('SLACK_BOT_TOKEN') && slackExtras) {
    problems.push('SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set');
  }
  return problems;
}

function slackConfig(env: Env): SlackConfig | undefined {
  if (env.SLACK_CLIENT_ID && env.SLACK_CLIENT_SECRET && env.SLACK_STATE_SECRET) {
    return {
      mode: 'oauth',
      clientId: env.SLACK_CLIENT_ID,
      clientSecret: env.SLACK_CLIENT_SECRET,
      stateSecret: env.SLACK_STATE_SECRET,
      // Present: loadConfig reports its absence before building the configuration.
      signingSecret: env.SLACK_SIGNING_SECRET ?? '',
      port: env.SLACK_PORT ?? 3000,
      apiUrl: env.SLACK_API_URL,
    };
  }
  if (!env.SLACK_BOT_TOKEN) return undefined;
  const base = { botToken: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL };
  // Socket Mode wins when both are set: it needs no public URL.
  if (env.SLACK_APP_TOKEN) return { ...base, mode: 'socket', appToken: env.SLACK_APP_TOKEN };
  if (env.SLACK_SIGNING_SECRET) {
    return {
      ...base,
      mode: 'http',
      signingSecret: env.SLACK_SIGNING_SECRET,
      port: env.SLACK_PORT ?? 3000,
    };
  }
  return undefined;
}

function parseShards(value: string | undefined): DiscordConfig['shards'] {
  if (!value) return undefined;
  return value === 'auto' ? 'auto' : value.split(',').map(Number);
}

/** Reads the configuration from an environment; throws one ConfigError listing every problem. */
export function loadConfig(source: NodeJS.ProcessEnv, canLoad = canLoadFromHere): Config {
  const result = EnvSchema.safeParse(source);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)),
    ...pairProblems(source),
    ...prettyProblems(source, canLoad),
  ];
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const env = result.data;

  return {
    discord: env.DISCORD_TOKEN
      ? {
          token: env.DISCORD_TOKEN,
          applicationId: env.DISCORD_APPLICATION_ID,
          guildId: env.DISCORD_GUILD_ID,
          apiUrl: env.DISCORD_API_URL,
          shards: parseShards(env.DISCORD_SHARDS),
          http: env.DISCORD_PUBLIC_KEY
            ? { publicKey: env.DISCORD_PUBLIC_KEY, port: env.DISCORD_HTTP_PORT ?? 3001 }
            : undefined,
        }
      : undefined,
    slack: slackConfig(env),
    dataDir: env.DATA_DIR,
    providersFile: env.PROVIDERS_FILE,
    healthPort: env.HEALTH_PORT,
    healthHost: env.HEALTH_HOST,
    logLevel: env.LOG_LEVEL,
    logPretty: truthy(env.LOG_PRETTY),
    rateLimit: { max: env.RATE_LIMIT_MAX, windowMs: env.RATE_LIMIT_WINDOW_SECONDS * 1000 },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_SECONDS * 1000,
    heapGrowthPercent: env.HEAP_GROWTH_PERCENT,
    watchProvidersFile: env.WATCH_PROVIDERS_FILE === undefined || truthy(env.WATCH_PROVIDERS_FILE),
    pins: { gapMs: env.PIN_UPDATE_GAP_MS, leaseMs: env.PIN_UPDATE_LEASE_SECONDS * 1000 },
    state: {
      databaseUrl: env.DATABASE_URL,
      stateDir: env.STATE_DIR ?? 'state',
      encryptionKey: env.STATE_ENCRYPTION_KEY,
    },
    reports: {
      discordChannelId: env.REPORT_CHANNEL_ID,
      slackChannelId: env.SLACK_REPORT_CHANNEL,
      issueUrl: env.REPORT_ISSUE_URL,
    },
  };
}

/** Every secret value in a configuration, for scrubbing logs. */
export function secretsOf(config: Config): string[] {
  const s = config.slack;
  const key = config.state.encryptionKey;
  const dbUrl = config.state.databaseUrl;
  return [
    config.discord?.token,
    s && s.mode !== 'oauth' ? s.botToken : undefined,
    s?.mode === 'socket' ? s.appToken : undefined,
    s?.mode === 'http' || s?.mode === 'oauth' ? s.signingSecret : undefined,
    s?.mode === 'oauth' ? s.clientSecret : undefined,
    s?.mode === 'oauth' ? s.stateSecret : undefined,
    key?.toString('hex'),
    key?.toString('base64'),
    key?.toString('base64url'),
    dbUrl ? passwordOf(dbUrl) : undefined,
  ].filter((v): v is string => typeof v === 'string' && v.length >= 8);
}
