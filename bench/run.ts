/**
 * `npm run bench` (node --expose-gc --import tsx bench/run.ts [--quick] [--cpu-prof]):
 * the core, then Discord and Slack end to end against minimal bots, then memory over a long
 * run, printed as one markdown report on stdout (progress goes to stderr).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchCore, coreTable } from './core.js';
import {
  guardChildren,
  killAllChildren,
  procCpuMs,
  procMemory,
  procResetPeak,
  type Child,
} from './children.js';
import { startDiscordSide } from './discord-e2e.js';
import {
  betweenPhases,
  concurrent,
  more,
  sequential,
  warmUp,
  type Plan,
  type Samples,
  type Target,
} from './load.js';
import { startSlackSide, startSlackWorld } from './slack-e2e.js';
import {
  count,
  fmt,
  median,
  percentile,
  roundRatio,
  sum,
  times,
  type RoundRatio,
} from './stats.js';

interface Settings extends Plan {
  name: 'quick' | 'full';
  warmUp: number;
  /** Requests our bots serve in all, for the memory check. */
  memoryTotal: number;
  memoryStep: number;
}

const FULL: Settings = {
  name: 'full',
  requests: 2_000,
  rounds: 5,
  block: 200,
  inFlight: 16,
  warmUp: 100,
  memoryTotal: 30_000,
  memoryStep: 5_000,
};
const QUICK: Settings = {
  name: 'quick',
  requests: 200,
  rounds: 2,
  block: 100,
  inFlight: 16,
  warmUp: 20,
  memoryTotal: 1_000,
  memoryStep: 200,
};

const TARGET_LATENCY = 1.1;
const TARGET_RSS = 1.3;
const TARGET_SETTLE = 0.1;

const USAGE = `usage: node --expose-gc --import tsx bench/run.ts [flags]
  --quick       ${QUICK.requests} requests per load, ${QUICK.rounds} rounds, memory to ${QUICK.memoryTotal}: a smoke run
  --rounds=N    split each load into N rounds (default ${FULL.rounds}; more rounds, steadier ratios)
  --no-core     skip the core benchmark
  --cpu-prof    profile every child process (--cpu-prof); the ratios are then not representative
  BENCH_CHILDREN_JS=<dir>: run the children from a tsc build of the project (<dir>/bench/processes/*.js),
  with plain node instead of tsx, to see what tsx costs`;

const argv = process.argv.slice(2);
let rounds: number | undefined;
for (const arg of argv) {
  const r = arg.match(/^--rounds=(\d+)$/);
  if (r && Number(r[1]) >= 1) rounds = Number(r[1]);
  else if (!['--quick', '--cpu-prof', '--no-core'].includes(arg)) {
    process.stderr.write(`bench: unknown flag ${arg}\n${USAGE}\n`);
    process.exit(2);
  }
}
const settings: Settings = {
  ...(argv.includes('--quick') ? QUICK : FULL),
  ...(rounds ? { rounds } : {}),
};
const profileDir = argv.includes('--cpu-prof')
  ? mkdtempSync(join(tmpdir(), 'vllm-bench-prof-'))
  : undefined;
const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

// ------------------------------------------------------------------------------ measuring

interface MemoryPoint {
  served: number;
  rss: number;
  /** VmHWM so far. */
  peak: number;
}

/** The live heap after a full GC, at the end of the memory run and after `more` requests. */
interface LiveHeap {
  atEnd: number;
  after: number;
  more: number;
}

/** CPU time a process used during a load, per request (µs). */
interface CpuPerRequest {
  sequential: number;
  concurrent: number;
}

interface PlatformResult {
  title: string;
  bot: string;
  baseline: string;
  sequential: Map<Target, Samples>;
  concurrent: Map<Target, Samples>;
  botTarget: Target;
  baseTarget: Target;
  /** VmHWM from start-up to the first reading, and from then to the end of the comparison. */
  startupPeak: { bot: number; base: number };
  loadPeak: { bot: number; base: number };
  afterStart: { bot: number; base: number };
  /** Both processes, the same requests: our bot's series is judged, the baseline's is context. */
  memory: { bot: MemoryPoint[]; base: MemoryPoint[] };
  liveHeap: { bot: LiveHeap; base: LiveHeap };
  cpu: Map<Target, CpuPerRequest>;
  /** Our Slack bot: request → its answer (in the acknowledgement or at the response_url), one at a time (ms). */
  answers?: number[];
}

interface Side {
  target: Target;
  child: Child;
  close(): Promise<void>;
}

/** Every memoryStep after `served`, and half the total (where "settled" is judged from). */
function memoryCheckpoints(served: number): number[] {
  const s = settings;
  const points = new Set<number>([s.memoryTotal / 2, s.memoryTotal]);
  for (let p = s.memoryStep; p < s.memoryTotal; p += s.memoryStep) points.add(p);
  return [...points].filter((p) => p > served).sort((a, b) => a - b);
}

async function measurePlatform(
  title: string,
  startBot: () => Promise<Side & { answers?: number[] }>,
  startBase: () => Promise<Side>,
): Promise<PlatformResult> {
  const s = settings;
  log(`${title}: starting both processes`);
  const bot = await startBot();
  let base: Side | undefined;
  try {
    base = await startBase();
    const targets = [bot.target, base.target];
    log(`${title}: ${targets.map((t) => `${t.label} is pid ${t.pid}`).join(', ')}`);
    await sleep(500);
    betweenPhases(targets);
    const startBotMem = procMemory(bot.target.pid);
    const startBaseMem = procMemory(base.target.pid);
    // From here on VmHWM is the peak under load; start-up's peak is kept apart.
    for (const t of targets) procResetPeak(t.pid);
    const memory = {
      bot: [{ served: 0, rss: startBotMem.rss, peak: startBotMem.rss }],
      base: [{ served: 0, rss: startBaseMem.rss, peak: startBaseMem.rss }],
    };
    const remember = (served: number) => {
      memory.bot.push({ served, ...procMemory(bot.target.pid) });
      memory.base.push({ served, ...procMemory(base!.target.pid) });
    };

    log(`${title}: warm-up, ${s.warmUp} requests each`);
    await warmUp(targets, s.warmUp);
    let served = s.warmUp;

    const cpuNow = () => targets.map((t) => procCpuMs(t.pid));
    const cpu0 = cpuNow();

    log(`${title}: one at a time, ${count(s.requests)} each, ${s.rounds} rounds`);
    const answersBefore = bot.answers?.length ?? 0;
    const seq = await sequential(targets, s, (done) => log(`  ${done}/${s.requests}`));
    const answers = bot.answers?.slice(answersBefore);
    const cpu1 = cpuNow();
    served += s.requests;
    remember(served);

    log(`${title}: ${s.inFlight} in flight, ${count(s.requests)} each, blocks of ${s.block}`);
    const conc = await concurrent(targets, s, (done) => log(`  ${done}/${s.requests}`));
    const cpu2 = cpuNow();
    served += s.requests;
    remember(served);
    const botMem = memory.bot[memory.bot.length - 1]!;
    const baseMem = memory.base[memory.base.length - 1]!;
    const perRequest = (from: number[], to: number[], i: number) =>
      ((to[i]! - from[i]!) * 1000) / s.requests;
    const cpu = new Map(
      targets.map(
        (t, i) =>
          [
            t,
            { sequential: perRequest(cpu0, cpu1, i), concurrent: perRequest(cpu1, cpu2, i) },
          ] as const,
      ),
    );

    log(`${title}: memory, both up to ${count(s.memoryTotal)} requests, ${s.inFlight} in flight`);
    let flip = 0;
    const both = async (n: number) => {
      const order = flip++ % 2 === 0 ? targets : [...targets].reverse();
      for (const t of order) await more(t, n, s.block, s.inFlight);
    };
    for (const next of memoryCheckpoints(served)) {
      await both(next - served);
      served = next;
      betweenPhases(targets);
      remember(served);
      log(`  ${served}/${s.memoryTotal}`);
    }
    // Every reading is taken; now tell a leak from a larger heap: live heap after a full GC.
    const more2 = s.memoryTotal / 2;
    log(`${title}: live heap after GC, then ${count(more2)} more requests`);
    const heaps = async () => ({
      bot: await bot.child.liveHeap(),
      base: await base!.child.liveHeap(),
    });
    const atEnd = await heaps();
    await both(more2);
    const after = await heaps();
    const liveHeap = {
      bot: { atEnd: atEnd.bot, after: after.bot, more: more2 },
      base: { atEnd: atEnd.base, after: after.base, more: more2 },
    };
    return {
      title,
      bot: bot.target.label,
      baseline: targets[1]!.label,
      sequential: seq,
      concurrent: conc,
      botTarget: bot.target,
      baseTarget: targets[1]!,
      startupPeak: { bot: startBotMem.peak, base: startBaseMem.peak },
      loadPeak: { bot: botMem.peak, base: baseMem.peak },
      afterStart: { bot: startBotMem.rss, base: startBaseMem.rss },
      memory,
      liveHeap,
      cpu,
      ...(answers ? { answers } : {}),
    };
  } finally {
    await base?.close();
    await bot.close();
  }
}

// ------------------------------------------------------------------------------ reporting

const all = (s: Samples) => s.rounds.flat();
const throughput = (s: Samples) => (all(s).length / sum(s.busyMs)) * 1000;

function perRound(bot: Samples, base: Samples, stat: (values: number[]) => number): RoundRatio {
  return roundRatio(bot.rounds.map((r, i) => stat(r) / stat(base.rounds[i]!)));
}

function verdict(r: RoundRatio, limit: number): string {
  const pass = r.value <= limit;
  const crosses = pass ? r.high > limit : r.low <= limit;
  return `${pass ? 'PASS' : 'MISS'}${crosses ? ' (spread crosses the target)' : ''}`;
}

function platformTables(r: PlatformResult): string {
  const rows: string[] = [
    `| load | process | median (ms) | p99 (ms) | throughput (req/s) | CPU per request (µs) |`,
    '|---|---|---|---|---|---|',
  ];
  const loads: [string, Map<Target, Samples>][] = [
    ['one at a time', r.sequential],
    [`${settings.inFlight} in flight`, r.concurrent],
  ];
  const cpuOf = (t: Target, load: number) => {
    const c = r.cpu.get(t)!;
    return load === 0 ? c.sequential : c.concurrent;
  };
  for (const [index, [load, samples]] of loads.entries()) {
    for (const t of [r.botTarget, r.baseTarget]) {
      const s = samples.get(t)!;
      const v = all(s);
      rows.push(
        `| ${load} | ${t.label} | ${fmt(median(v), 2)} | ${fmt(percentile(v, 99), 2)} | ${fmt(throughput(s), 0)} | ${fmt(cpuOf(t, index), 0)} |`,
      );
    }
  }
  if (r.answers && r.answers.length > 0) {
    rows.push(
      `| one at a time | ${r.bot}: command → answer (ack body or response_url) | ${fmt(median(r.answers), 2)} | ${fmt(percentile(r.answers, 99), 2)} | — | — |`,
    );
  }

  const ratioRows: string[] = [
    `| bot / minimal | ratio | spread (min–max over ${settings.rounds} rounds) | target | result |`,
    '|---|---|---|---|---|',
  ];
  for (const [load, samples] of loads) {
    const bot = samples.get(r.botTarget)!;
    const base = samples.get(r.baseTarget)!;
    for (const [stat, fn] of [
      ['median', median],
      ['p99', (v: number[]) => percentile(v, 99)],
    ] as const) {
      const ratio = perRound(bot, base, fn);
      ratioRows.push(
        `| ${stat} latency, ${load} | ${times(ratio.value)} | ${times(ratio.low)} – ${times(ratio.high)} | ≤ ${times(TARGET_LATENCY)} | ${verdict(ratio, TARGET_LATENCY)} |`,
      );
    }
  }
  const tput = roundRatio(
    r.concurrent
      .get(r.botTarget)!
      .rounds.map(
        (v, i) =>
          v.length /
          r.concurrent.get(r.botTarget)!.busyMs[i]! /
          (r.concurrent.get(r.baseTarget)!.rounds[i]!.length /
            r.concurrent.get(r.baseTarget)!.busyMs[i]!),
      ),
  );
  ratioRows.push(
    `| throughput, ${settings.inFlight} in flight | ${times(tput.value)} | ${times(tput.low)} – ${times(tput.high)} | — | (higher is better) |`,
  );
  for (const [index, [load]] of loads.entries()) {
    const bot = cpuOf(r.botTarget, index);
    const base = cpuOf(r.baseTarget, index);
    ratioRows.push(
      `| CPU per request, ${load} | ${times(bot / base)} (${fmt(bot, 0)} / ${fmt(base, 0)} µs) | one reading | — | — |`,
    );
  }
  const served = count(settings.warmUp + 2 * settings.requests);
  const memoryRow = (what: string, bot: number, base: number, limit?: number) => {
    const ratio = bot / base;
    const verdict = limit === undefined ? '—' : ratio <= limit ? 'PASS' : 'MISS';
    return `| ${what} | ${times(ratio)} (${fmt(bot)} / ${fmt(base)} MB) | one reading | ${limit === undefined ? '—' : `≤ ${times(limit)}`} | ${verdict} |`;
  };
  ratioRows.push(
    memoryRow(
      `peak RSS (VmHWM), whole life: start-up and ${served} requests`,
      Math.max(r.startupPeak.bot, r.loadPeak.bot),
      Math.max(r.startupPeak.base, r.loadPeak.base),
      TARGET_RSS,
    ),
    memoryRow(
      `peak RSS under load only (VmHWM reset after start)`,
      r.loadPeak.bot,
      r.loadPeak.base,
      TARGET_RSS,
    ),
    memoryRow('peak RSS during start-up', r.startupPeak.bot, r.startupPeak.base),
    memoryRow('RSS right after start', r.afterStart.bot, r.afterStart.base),
  );
  return [rows.join('\n'), '', ratioRows.join('\n')].join('\n');
}

interface MemoryColumn {
  label: string;
  memory: MemoryPoint[];
  liveHeap: LiveHeap;
  /** Ours: judged against the target. The minimal bots' columns are context. */
  judged: boolean;
}

function memoryTable(columns: MemoryColumn[]): string {
  const pct = (from: number, to: number) => {
    const g = (to / from - 1) * 100;
    return `${g >= 0 ? '+' : ''}${fmt(g)} %`;
  };
  const cells = (f: (c: MemoryColumn) => string) => columns.map(f).join(' | ');
  const rows = [
    `| requests served | ${cells((c) => c.label)} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
  ];
  const points = columns[0]!.memory.map((p) => p.served);
  for (const [i, served] of points.entries()) {
    const label = served === 0 ? 'after start' : count(served);
    rows.push(
      `| ${label} | ${cells((c) => `${fmt(c.memory[i]!.rss)} / ${fmt(c.memory[i]!.peak)}`)} |`,
    );
  }
  // Settled: over the second half of the run the peak RSS hardly rises and the live heap
  // after a full GC does not grow with more requests. Single RSS readings are shown too, but
  // they swing with where V8 is in its GC cycle.
  const half = points.indexOf(settings.memoryTotal / 2);
  const last = points.length - 1;
  const span = `${count(points[half]!)} → ${count(points[last]!)}`;
  const settles = (c: MemoryColumn) =>
    c.memory[last]!.peak / c.memory[half]!.peak - 1 < TARGET_SETTLE &&
    c.liveHeap.after / c.liveHeap.atEnd - 1 < TARGET_SETTLE;
  rows.push(
    `| RSS growth ${span} (single readings) | ${cells((c) => pct(c.memory[half]!.rss, c.memory[last]!.rss))} |`,
    `| peak RSS growth ${span} | ${cells((c) => pct(c.memory[half]!.peak, c.memory[last]!.peak))} |`,
    `| live heap after full GC at ${count(points[last]!)} → after ${count(columns[0]!.liveHeap.more)} more requests (MB) | ${cells(
      (c) =>
        `${fmt(c.liveHeap.atEnd)} → ${fmt(c.liveHeap.after)} (${pct(c.liveHeap.atEnd, c.liveHeap.after)})`,
    )} |`,
    `| settles (peak RSS and live heap each grow < ${fmt(TARGET_SETTLE * 100, 0)} %) | ${cells(
      (c) => (c.judged ? (settles(c) ? 'PASS' : 'MISS') : `(${settles(c) ? 'yes' : 'no'})`),
    )} |`,
  );
  return rows.join('\n');
}

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('model name'));
  return line?.split(':')[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
}

const METHOD = [
  '- The bot and its minimal counterpart run side by side as child processes, each against its own fake platform on 127.0.0.1 inside the load generator (tests/e2e/fake-discord.ts, tests/e2e/fake-slack.ts).',
  '- One at a time: single requests alternate bot, minimal, bot, …; each round starts with the other process. 16 in flight: blocks alternate A B B A. Before every round or block the load generator is fully garbage-collected and its idle keep-alive sockets are dropped. Both processes first get the same untimed warm-up.',
  '- Ratios are bot / minimal per round; the figure is their median, the spread their min–max. PASS/MISS compares that median with the target; "spread crosses the target" means some rounds fell on the other side. p99 and 16-in-flight ratios are the noisiest (see docs/benchmarks-history.md, "How the benchmark keeps ratios honest").',
  '- Throughput: requests / wall time spent on that process (one at a time: 1 / mean time per request). CPU per request: user + system time of the whole process (all threads) from /proc/<pid>/stat over the load, / requests; 10 ms resolution.',
  '- Memory is read from /proc/<pid>/status between phases only. VmHWM is reset (clear_refs) after the start-up reading, so start-up and load peaks are separate; "whole life" is the larger of the two. A peak is one reading per process per run and lands wherever the V8 heap sawtooth is: expect it to move by 10–20 % between runs. The live heap is read last (the child runs a full GC on SIGUSR2), so no forced GC precedes any RSS reading.',
  '- Our bots run with the real dataset, real metrics, a pino logger at `warn` (nothing is written per request; the default `info` writes one line per answer) and a rate limit no benchmark reaches. Slack users are served from 48 simulated users with Slack locales; their users.info is cached after the first command.',
].join('\n');

// ------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  guardChildren();
  const began = performance.now();
  const header = [
    '# vllm-status-bot benchmark',
    '',
    `- Date: ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`,
    `- Node: ${process.version}`,
    `- CPU: ${cpuModel()}, ${cpus().length} cores`,
    `- Load average at start: ${loadavg()
      .map((l) => fmt(l, 2))
      .join(' / ')}`,
    `- Run: ${settings.name} — ${count(settings.requests)} requests per process per load, ${settings.rounds} rounds, ${settings.inFlight} in flight in blocks of ${settings.block}, ${settings.warmUp} warm-up requests each`,
  ];
  if (!globalThis.gc)
    header.push(
      '- WARNING: run with --expose-gc; the load generator was not collected between phases',
    );
  if (profileDir)
    header.push(`- WARNING: CPU profiler on (${profileDir}): the ratios are not representative`);
  header.push(
    process.env.BENCH_CHILDREN_JS
      ? `- Bot processes: plain node from a tsc build (${process.env.BENCH_CHILDREN_JS})`
      : '- Bot processes: `node --import tsx` (the TypeScript sources, as `npm run dev` runs them)',
  );

  const sections: string[] = [];
  if (!argv.includes('--no-core')) {
    log('core');
    sections.push('## Core', '', coreTable(benchCore()), '');
  }

  const discord = await measurePlatform(
    'Discord',
    () => startDiscordSide('vllm-status-bot', 'discord-bot.ts', nodeArgs),
    () => startDiscordSide('minimal discord.js', 'discord-minimal.ts', nodeArgs),
  );
  sections.push(
    '## Discord end to end',
    '',
    'INTERACTION_CREATE dispatched on the fake Gateway → the interaction callback arrives at the fake REST API; `/vllm` slash commands from the matcher test table in a mix of locales.',
    '',
    platformTables(discord),
    '',
  );

  const world = await startSlackWorld();
  let slack: PlatformResult;
  try {
    slack = await measurePlatform(
      'Slack',
      () => startSlackSide('vllm-status-bot', 'slack-bot.ts', world, { answers: true, nodeArgs }),
      () => startSlackSide('minimal Bolt', 'slack-minimal.ts', world, { answers: false, nodeArgs }),
    );
  } finally {
    await world.close();
  }
  sections.push(
    '## Slack end to end (HTTP mode)',
    '',
    "Signed `/vllm` slash command POSTed → the HTTP acknowledgement has arrived. Our bot puts the answer in the acknowledgement when it knows the user's language (a cached locale or `lang:`); a user's first command is acknowledged empty, then answered through the response_url after one users.info call. A command counts as finished, for pacing and in-flight slots, only once its answer arrived.",
    '',
    platformTables(slack),
    '',
  );

  sections.push(
    '## Memory',
    '',
    `RSS / peak RSS (VmRSS / VmHWM since the after-start reading, MB, read between phases) of our bots and, for context, of the minimal bots after the same requests; the last ${count(settings.memoryTotal - settings.warmUp - 2 * settings.requests)} are ${settings.inFlight} in flight, in blocks alternating between the two processes. Our bots are judged; a minimal bot's verdict is in parentheses.`,
    '',
    memoryTable(
      [discord, slack].flatMap((r) => [
        {
          label: `${r.title} bot: RSS / peak (MB)`,
          memory: r.memory.bot,
          liveHeap: r.liveHeap.bot,
          judged: true,
        },
        {
          label: `${r.baseline}`,
          memory: r.memory.base,
          liveHeap: r.liveHeap.base,
          judged: false,
        },
      ]),
    ),
    '',
  );

  sections.push('## How this was measured', '', METHOD);

  const seconds = (performance.now() - began) / 1000;
  header.push(`- Run time: ${fmt(seconds, 0)} s`);
  process.stdout.write(`${[...header, '', ...sections].join('\n')}\n`);
  if (profileDir) log(`CPU profiles in ${profileDir}`);
}

main()
  .then(() => {
    killAllChildren();
    process.exit(0);
  })
  .catch((error: unknown) => {
    killAllChildren();
    process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
