import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = join(BENCH_DIR, '..');

/** Every child this process started and has not seen exit: killed on any way out. */
const running = new Set<ChildProcess>();

export interface Child {
  name: string;
  pid: number;
  /** The last lines it wrote to stderr, for error messages. */
  stderr(): string;
  stop(): Promise<void>;
}

/** SIGKILLs every child still running. Synchronous, so it also works from process 'exit'. */
export function killAllChildren(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

let guarded = false;
/** Kill the children however this process ends: normally, on an error, or on SIGINT/SIGTERM. */
export function guardChildren(): void {
  if (guarded) return;
  guarded = true;
  process.on('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      killAllChildren();
      process.stderr.write(`\nbench: ${signal}, children killed\n`);
      process.exit(130);
    });
  }
}

/**
 * Starts `node --import tsx bench/processes/<file>` with `env` added to the environment, and
 * resolves once it printed its "ready" line. Its stdin stays open: the child exits when it
 * closes, so even a SIGKILLed benchmark leaves nothing behind.
 */
export async function startChild(
  name: string,
  file: string,
  env: Record<string, string>,
  extraNodeArgs: string[] = [],
  timeoutMs = 30_000,
): Promise<Child> {
  guardChildren();
  const child = spawn(
    process.execPath,
    [...extraNodeArgs, '--import', 'tsx', join(BENCH_DIR, 'processes', file)],
    {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env, NODE_ENV: 'production' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  running.add(child);
  let errText = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    errText = (errText + chunk).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      running.delete(child);
      resolve();
    }),
  );
  const lines = createInterface({ input: child.stdout! });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not get ready within ${timeoutMs} ms\n${errText}`)),
        timeoutMs,
      );
      lines.on('line', (line) => {
        if (line.startsWith('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${code ?? signal}) before it was ready\n${errText}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  // From here on, a child dying is a benchmark failure the load generator will notice as a
  // timeout; keep its last words for that message.
  return {
    name,
    pid: child.pid!,
    stderr: () => errText,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ProcMemory {
  /** Resident set size now, MB. */
  rss: number;
  /** Peak resident set size (VmHWM), MB. */
  peak: number;
}

/** VmRSS and VmHWM from /proc/<pid>/status. Read between phases only: reading it stalls. */
export function procMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const m = status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    if (!m) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(m[1]) / 1024;
  };
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}
