import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { formatDate } from '../../src/core/format.js';
import { translate } from '../../src/core/i18n.js';
import type { Knowledge } from '../../src/core/knowledge.js';
import type { Locale } from '../../src/core/locales.js';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import { cleanEnv } from '../helpers/run.js';

/**
 * Shared by the pinned-answer end-to-end tests: changing a provider in a dataset folder the
 * way an operator would (its English text; the translations then fall back to English with
 * their marker), and the "updated" line the bot must add.
 */

/** Puts `marker` in front of the first summary of `providerId`'s file. */
export function changeProvider(dataDir: string, providerId: string, marker: string): void {
  const file = join(dataDir, 'providers', `${providerId}.yaml`);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const summary = doc.getIn(['findings', 0, 'summary']);
  if (typeof summary !== 'string') throw new Error(`no summary in ${file}`);
  doc.setIn(['findings', 0, 'summary'], `${marker} ${summary}`);
  writeFileSync(file, doc.toString());
}

/** The "updated" line in `locale` for an edit made today. */
export function updatedLine(knowledge: Knowledge, locale: Locale, at = new Date()): string {
  const date = formatDate(at.toISOString().slice(0, 10), locale);
  return translate(knowledge.catalog, locale, 'pin.updated', { date });
}

export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  // Generous: these tests start real bot processes on a machine that may be busy.
  timeoutMs = 20_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The real bot (`src/main.ts`) as a child process, reading its JSON log lines. */
export interface BotProcess {
  child: ChildProcess;
  logs: Record<string, unknown>[];
  /** Resolves with the first log line (past or future) that matches. */
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** SIGKILL: no shutdown of any kind, as a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM and wait for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

export function spawnBot(env: Record<string, string>): BotProcess {
  // node --import tsx, not the tsx binary: signals must reach the bot itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: cleanEnv({ LOG_LEVEL: 'info', WATCH_PROVIDERS_FILE: '0', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let partial = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    child,
    logs,
    async waitForLog(match, what, timeoutMs = 30_000) {
      let found: Record<string, unknown> | undefined;
      await until(
        () => {
          found = logs.find(match);
          if (!found && child.exitCode !== null) {
            throw new Error(`the bot exited (${child.exitCode}) before ${what}: ${stderr}`);
          }
          return found !== undefined;
        },
        what,
        timeoutMs,
      );
      return found!;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    },
  };
}
