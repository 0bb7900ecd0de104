import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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
  /** Its live heap after a full GC (MB). Forces that GC: only after the last measurement. */
  liveHeap(timeoutMs?: number): Promise<number>;
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
 * How a child is started: `--import tsx bench/processes/<file>.ts`, or, with
 * BENCH_CHILDREN_JS=<dir> (a `tsc --outDir <dir>` build of this project, for comparison),
 * plain `<dir>/bench/processes/<file>.js` without tsx.
 */
function entry(file: string): string[] {
  const built = process.env.BENCH_CHILDREN_JS;
  if (built) return [join(built, 'bench', 'processes', file.replace(/\.ts$/, '.js'))];
  return ['--import', 'tsx', join(BENCH_DIR, 'processes', file)];
}

/**
 * Starts `node --expose-gc --import tsx bench/processes/<file>` with `env` added to the
 * environment, and resolves once it printed its "ready" line (--expose-gc only makes
 * `liveHeap()` possible; nothing calls gc() otherwise). Its stdin stays open: the child exits when it
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
  const child = spawn(process.execPath, ['--expose-gc', ...extraNodeArgs, ...entry(file)], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let errText = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    errText = (errText + chunk).slice(-4_000);
  });
  let stopping = false;
  let isReady = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (isReady && !stopping) {
        process.stderr.write(
          `bench: ${name} exited unexpectedly (${code ?? signal})\n${errText}\n`,
        );
      }
      resolve();
    }),
  );
  const lines = createInterface({ input: child.stdout });
  const heapWaiters: ((usedMb: number) => void)[] = [];
  lines.on('line', (line) => {
    if (!line.startsWith('heap ')) return;
    const { used } = JSON.parse(line.slice('heap '.length)) as { used: number };
    heapWaiters.shift()?.(used / 1024 / 1024);
  });
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
  isReady = true;
  // From here on, a child dying is a benchmark failure the load generator will notice as a
  // timeout; keep its last words for that message.
  return {
    name,
    pid: child.pid!,
    stderr: () => errText,
    liveHeap(timeoutMs = 10_000) {
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${name} did not report its heap\n${errText}`)),
          timeoutMs,
        );
        heapWaiters.push((mb) => {
          clearTimeout(timer);
          resolve(mb);
        });
        child.kill('SIGUSR2');
      });
    },
    async stop() {
      stopping = true;
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

/** CPU time (user + system) the process has used so far, ms, from /proc/<pid>/stat. */
export function procCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields from after its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK). */
const CLOCK_TICKS = 100;

/**
 * Resets the process's VmHWM to its current RSS (`5` > /proc/<pid>/clear_refs, Linux ≥ 4.0),
 * so a later VmHWM is the peak since now: start-up and load peaks can be told apart.
 */
export function procResetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}
