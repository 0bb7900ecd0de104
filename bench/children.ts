import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const PROJECT_ROOT = join(BENCH_DIR, '..');
/** Where `tsc -p tsconfig.bench.json` puts the compiled bench processes. */
export const BUILT_PROCESSES = join(PROJECT_ROOT, 'dist', 'bench', 'processes');
/** The bot as the Docker image runs it. */
export const BUILT_MAIN = join(PROJECT_ROOT, 'dist', 'src', 'main.js');

/** Every child this process started and has not seen exit: killed on any way out. */
const running = new Set<ChildProcess>();

export interface Child {
  name: string;
  pid: number;
  /** spawn → ready (ms): the bot's start-up time as an operator sees it. */
  startupMs: number;
  /** The last lines it wrote to stderr (and, for the bot, to its log), for error messages. */
  stderr(): string;
  /** Its live heap after a full GC (MB). Forces that GC: only after the last measurement. */
  liveHeap(timeoutMs?: number): Promise<number>;
  /** A line to the preload on stdin (bench/processes/preload.ts). */
  tell(line: string): void;
  /** Committed MB per V8 heap space, now (no GC forced). */
  heapSpaces(timeoutMs?: number): Promise<Record<string, number>>;
  /** Main-thread GC pauses since start, by kind (minor, major, …): count and total ms. */
  gcPauses(timeoutMs?: number): Promise<Record<string, { count: number; ms: number }>>;
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

/** How a child tells it is ready. */
export type Readiness =
  /** It prints a line starting with "ready" on stdout (the bench's minimal bots). */
  | { kind: 'line' }
  /** Its health server answers 200 on /readyz (the bot itself, as an orchestrator sees it). */
  | { kind: 'readyz'; port: number; logFile: string };

export interface ChildSpec {
  name: string;
  /** Arguments after `node --expose-gc`. */
  args: string[];
  env: Record<string, string>;
  ready: Readiness;
  timeoutMs?: number;
}

/** One GET /readyz; true on 200. */
function readyz(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/readyz', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1_000, () => req.destroy());
  });
}

const tail = (file: string) => {
  try {
    return readFileSync(file, 'utf8').slice(-4_000);
  } catch {
    return '';
  }
};

/**
 * Starts `node --expose-gc <args>` with `env` added to the environment and resolves once it
 * is ready (--expose-gc only makes `liveHeap()` possible; nothing calls gc() otherwise). Its
 * stdin stays open: every child loads bench/processes/preload, which exits when stdin closes,
 * so even a SIGKILLed benchmark leaves nothing behind.
 */
export async function startChild(spec: ChildSpec): Promise<Child> {
  guardChildren();
  const { name, ready } = spec;
  const timeoutMs = spec.timeoutMs ?? 30_000;
  // The bot logs to a file, as it would to Docker's log driver: no pipe back into the load
  // generator, whose CPU is shared with what it measures.
  const logFd = ready.kind === 'readyz' ? openSync(ready.logFile, 'w') : undefined;
  const started = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', ...spec.args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...spec.env, NODE_ENV: 'production' },
    stdio: ['pipe', logFd ?? 'pipe', 'pipe'],
  });
  if (logFd !== undefined) closeSync(logFd);
  running.add(child);
  let errText = '';
  // The preload answers on stderr (stdout may be the bot's log): `<prefix> <json>` lines, each
  // handed to the oldest request waiting for that prefix.
  const waiters = new Map<string, ((json: unknown) => void)[]>();
  const errLines = createInterface({ input: child.stderr! });
  errLines.on('line', (line) => {
    const space = line.indexOf(' ');
    const waiting = space > 0 ? waiters.get(line.slice(0, space)) : undefined;
    if (waiting && waiting.length > 0) {
      waiting.shift()!(JSON.parse(line.slice(space + 1)));
      return;
    }
    errText = `${errText}${line}\n`.slice(-4_000);
  });
  const lastWords = () => (ready.kind === 'readyz' ? `${errText}${tail(ready.logFile)}` : errText);
  let stopping = false;
  let isReady = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      if (isReady && !stopping) {
        process.stderr.write(
          `bench: ${name} exited unexpectedly (${code ?? signal})\n${lastWords()}\n`,
        );
      }
      resolve();
    }),
  );
  let startupMs: number;
  try {
    const deadline = started + timeoutMs;
    const gone = exited.then(() => {
      throw new Error(`${name} exited before it was ready\n${lastWords()}`);
    });
    gone.catch(() => undefined);
    const up =
      ready.kind === 'line'
        ? new Promise<void>((resolve) => {
            createInterface({ input: child.stdout! }).on('line', (line) => {
              if (line.startsWith('ready')) resolve();
            });
          })
        : (async () => {
            while (!(await readyz(ready.port))) {
              if (child.exitCode !== null || performance.now() > deadline) return;
              await sleep(5);
            }
          })();
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${name} did not get ready within ${timeoutMs} ms\n${lastWords()}`)),
        timeoutMs,
      );
    });
    await Promise.race([up, gone, late]).finally(() => clearTimeout(timer));
    startupMs = performance.now() - started;
    if (child.exitCode !== null) await gone;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  isReady = true;
  function tell(line: string): void {
    child.stdin!.write(`${line}\n`);
  }
  /** Sends a request to the preload (`send`) and waits for its `<prefix> <json>` line. */
  function ask<T>(prefix: string, what: string, timeoutMs: number, send: () => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not report ${what}\n${lastWords()}`)),
        timeoutMs,
      );
      const waiting = waiters.get(prefix) ?? [];
      waiters.set(prefix, waiting);
      waiting.push((json) => {
        clearTimeout(timer);
        resolve(json as T);
      });
      send();
    });
  }
  return {
    name,
    pid: child.pid!,
    startupMs,
    stderr: lastWords,
    async liveHeap(timeoutMs = 10_000) {
      const heap = await ask<{ used: number }>('heap', 'its heap', timeoutMs, () =>
        child.kill('SIGUSR2'),
      );
      return heap.used / 1024 / 1024;
    },
    tell,
    gcPauses: (timeoutMs = 10_000) =>
      ask('gcstats', 'its GC pauses', timeoutMs, () => tell('gc-stats')),
    heapSpaces: (timeoutMs = 10_000) =>
      ask('spaces', 'its heap spaces', timeoutMs, () => tell('heap-spaces')),
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

/** `node --import preload <file>`: a compiled bench process (a minimal bot). */
export function processArgs(file: string, nodeArgs: string[] = []): string[] {
  return [
    ...nodeArgs,
    '--import',
    join(BUILT_PROCESSES, 'preload.js'),
    join(BUILT_PROCESSES, file.replace(/\.ts$/, '.js')),
  ];
}

/** `node --import preload dist/src/main.js`: the bot, unchanged, as `npm start` runs it. */
export function botArgs(nodeArgs: string[] = []): string[] {
  return [...nodeArgs, '--import', join(BUILT_PROCESSES, 'preload.js'), BUILT_MAIN];
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

/** CPU time the process has used so far, ms, from /proc/<pid>/stat: user + system, and system. */
export function procCpuMs(pid: number): { total: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces: count fields from after its ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = Number(fields[11]); // utime (field 14)
  const system = Number(fields[12]); // stime (field 15)
  return {
    total: ((user + system) * 1000) / CLOCK_TICKS,
    system: (system * 1000) / CLOCK_TICKS,
  };
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
