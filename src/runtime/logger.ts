import pino, { type Logger } from 'pino';

/** Field paths that may carry secrets in structured log data. */
const REDACT_PATHS = [
  'token',
  '*.token',
  'botToken',
  '*.botToken',
  'appToken',
  '*.appToken',
  'signingSecret',
  '*.signingSecret',
  'config.discord.token',
  'config.slack.botToken',
  'config.slack.appToken',
  'config.slack.signingSecret',
  'authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers["x-slack-signature"]',
  '*.headers["x-slack-signature"]',
  'response_url',
  '*.response_url',
];

// Interaction tokens travel inside URLs (webhooks/{app}/{token}); they are secrets too.
const WEBHOOK_TOKEN = /(webhooks\/\d+\/)[\w.-]{20,}/g;
const CALLBACK_TOKEN = /(interactions\/\d+\/)[\w.-]{20,}/g;
const SLACK_TOKEN = /\bx(?:ox[abposr]|app)-[\w-]{6,}/g;

export function scrub(text: string, secrets: readonly string[]): string {
  let out = text.replace(WEBHOOK_TOKEN, '$1[Redacted]').replace(CALLBACK_TOKEN, '$1[Redacted]');
  out = out.replace(SLACK_TOKEN, '[Redacted]');
  for (const secret of secrets) out = out.split(secret).join('[Redacted]');
  return out;
}

export interface LoggerOptions {
  level: string;
  pretty?: boolean;
  /** Literal secret values scrubbed from every line, wherever they appear. */
  secrets?: readonly string[];
  destination?: pino.DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets = options.secrets ?? [];
  const settings: pino.LoggerOptions = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    // Paths cannot reach secrets inside free text such as error messages and URLs.
    hooks: { streamWrite: (line) => scrub(line, secrets) },
    base: { app: 'vllm-status-bot' },
  };
  if (options.destination) return pino(settings, options.destination);
  if (options.pretty) {
    return pino({ ...settings, transport: { target: 'pino-pretty', options: { colorize: true } } });
  }
  return pino(settings);
}
