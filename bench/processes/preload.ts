/**
 * Loaded with `--import` into every process the benchmark starts, the bot included (which
 * stays the unchanged dist/src/main.js): it dies with the benchmark, and reports its live heap.
 *
 * - When the parent's end of stdin closes (the benchmark exited, crashed or was killed), exit.
 * - On SIGUSR2: a full GC (children run with --expose-gc), then one line
 *   `heap {"used":…,"total":…}` (bytes) on stderr. Passive until signalled; the benchmark
 *   signals only after its last RSS reading, to tell a leak from V8 keeping a larger heap.
 * - `cpu-profile start` / `cpu-profile stop <file>` on stdin: see `command` below.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  for (const line of chunk.split('\n')) if (line) void command(line);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const { heapUsed, heapTotal } = process.memoryUsage();
  process.stderr.write(`heap ${JSON.stringify({ used: heapUsed, total: heapTotal })}\n`);
});

let profiler: Session | undefined;

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};
const gcPauses: Record<string, { count: number; ms: number }> = {};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const { detail } = entry as unknown as { detail: { kind: number } };
    const kind = GC_KINDS[detail.kind] ?? 'other';
    const seen = (gcPauses[kind] ??= { count: 0, ms: 0 });
    seen.count += 1;
    seen.ms += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

/**
 * `cpu-profile start` / `cpu-profile stop <file>` on stdin (bench/run.ts --cpu-prof): a CPU
 * profile of one measured load only, so processes that served the same requests compare
 * function by function (node's own --cpu-prof covers the whole life: start-up, the capture).
 */
async function command(line: string): Promise<void> {
  const [verb, action, file] = line.split(' ');
  if (verb === 'heap-spaces') {
    // Committed size per V8 space (MB) on stderr: where the RSS beyond the live heap sits.
    const spaces = getHeapSpaceStatistics().map((s) => [
      s.space_name,
      Math.round(s.physical_space_size / 1e5) / 10,
    ]);
    process.stderr.write(`spaces ${JSON.stringify(Object.fromEntries(spaces))}\n`);
    return;
  }
  if (verb === 'gc-stats') {
    // Main-thread GC pauses since start, by kind: count and total ms.
    process.stderr.write(`gcstats ${JSON.stringify(gcPauses)}\n`);
    return;
  }
  if (verb === 'alloc-profile') return allocations(action, file);
  if (verb !== 'cpu-profile') return;
  if (action === 'start') {
    profiler = new Session();
    profiler.connect();
    await post(profiler, 'Profiler.enable');
    await post(profiler, 'Profiler.setSamplingInterval', { interval: 100 });
    await post(profiler, 'Profiler.start');
    return;
  }
  if (action === 'stop' && profiler && file) {
    const { profile } = (await post(profiler, 'Profiler.stop')) as { profile: unknown };
    writeFileSync(file, JSON.stringify(profile));
    profiler.disconnect();
    profiler = undefined;
    process.stderr.write(`profiled ${file}\n`);
  }
}

let sampler: Session | undefined;

/**
 * `alloc-profile start` / `alloc-profile stop <file>`: V8's sampling heap profiler over one
 * load, counting objects already collected too: what a request allocates, by function (a
 * .heapprofile; node's --heap-prof keeps only what is still alive at exit).
 */
async function allocations(action: string | undefined, file: string | undefined): Promise<void> {
  if (action === 'start') {
    sampler = new Session();
    sampler.connect();
    // `alloc-profile start promoted`: only what outlived a scavenge (what fills the old space).
    await post(sampler, 'HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: file !== 'promoted',
    });
    return;
  }
  if (action === 'stop' && sampler && file) {
    const { profile } = (await post(sampler, 'HeapProfiler.stopSampling')) as { profile: unknown };
    writeFileSync(file, JSON.stringify(profile));
    sampler.disconnect();
    sampler = undefined;
    process.stderr.write(`profiled ${file}\n`);
  }
}

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );
}
