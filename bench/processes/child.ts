/**
 * Shared plumbing of the benchmark's minimal bots: configuration from the environment, the
 * one "ready" line on stdout, and the replies the same-reply floors send.
 */
import { readFileSync } from 'node:fs';

export function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`bench child: ${name} is not set\n`);
    process.exit(2);
  }
  return value;
}

/** Quit at once on SIGTERM/SIGINT: a minimal bot has nothing to drain. */
export function exitOnSignal(): void {
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
}

/** The single line the parent waits for. */
export function ready(detail = ''): void {
  process.stdout.write(`ready${detail ? ` ${detail}` : ''}\n`);
}

export function fail(error: unknown): never {
  process.stderr.write(`bench child failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}

/**
 * The replies our bot sent, captured by the benchmark: `{ [request key]: payload }`, read
 * from BENCH_REPLIES. Parsed once at start, so a floor only looks its answer up, as our bot
 * looks up a cached answer.
 */
export function replies(): Map<string, unknown> {
  const raw = JSON.parse(readFileSync(env('BENCH_REPLIES'), 'utf8')) as Record<string, unknown>;
  return new Map(Object.entries(raw));
}
