import { inspect } from 'node:util';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

const SEVERITY: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/**
 * The level Bolt (and its WebClient and Socket Mode client) logs at, from the bot's pino
 * level. Bolt's debug output quotes request bodies, response_urls and envelopes, so it is
 * only switched on at `trace`: LOG_LEVEL=debug shows the bot's own debug lines, not Bolt's.
 */
export function boltLevelFor(pinoLevel: string): LogLevel {
  switch (pinoLevel) {
    case 'trace':
      return LogLevel.DEBUG;
    case 'debug':
    case 'info':
      return LogLevel.INFO;
    case 'warn':
      return LogLevel.WARN;
    default:
      return LogLevel.ERROR;
  }
}

function toLine(parts: unknown[]): { err?: unknown; msg: string } {
  const err = parts.find((p) => p instanceof Error);
  const msg = parts
    .filter((p) => p !== err)
    .map((p) => (typeof p === 'string' ? p : inspect(p, { depth: 2, breakLength: Infinity })))
    .join(' ');
  return err ? { err, msg } : { msg };
}

/** Bolt's Logger interface, writing into the bot's pino logger as `component: "slack"`. */
export function createBoltLogger(base: Logger, level: LogLevel): BoltLogger {
  let current = level;
  let name = 'bolt';
  const write = (at: LogLevel, parts: unknown[]) => {
    if (SEVERITY[at] < SEVERITY[current]) return;
    const { err, msg } = toLine(parts);
    const fields = { component: 'slack', source: name, ...(err ? { err } : {}) };
    base[at](fields, msg);
  };
  return {
    debug: (...parts: unknown[]) => write(LogLevel.DEBUG, parts),
    info: (...parts: unknown[]) => write(LogLevel.INFO, parts),
    warn: (...parts: unknown[]) => write(LogLevel.WARN, parts),
    error: (...parts: unknown[]) => write(LogLevel.ERROR, parts),
    setLevel: (next: LogLevel) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next: string) => {
      name = next;
    },
  };
}
