/**
 * `npm run bench` (node --expose-gc --import tsx bench/run.ts [flags]): builds the project,
 * then measures the core in process, and Discord and Slack end to end: our bot as the Docker
 * image runs it (`node dist/src/main.js`) against two floors per platform, the minimal bot
 * answering "ok" and the minimal bot sending the very reply ours sent. Then start-up with the
 * shipped and a 10× synthetic dataset. One markdown report on stdout; progress on stderr.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { loadKnowledge } from '../src/core/load-knowledge.js';
import { benchCore, coreTable, queriesFor } from './core.js';
import {
  guardChildren,
  killAllChildren,
  PROJECT_ROOT,
  procCpuMs,
  procMemory,
  procResetPeak,
  type ProcMemory,
} from './children.js';
import { startDiscordSide } from './discord-e2e.js';
import { startDiscordHttpSide } from './discord-http-e2e.js';
import type { Launch, LaunchOptions } from './launch.js';
import {
  betweenPhases,
  concurrent,
  more,
  sequential,
  warmUp,
  type Plan,
  type Samples,
  type Side,
  type Target,
} from './load.js';
import { startSlackSide, startSlackWorld, type SlackWorld } from './slack-e2e.js';
import { count, fmt, median, percentile, roundRatio, times, type RoundRatio } from './stats.js';
import {
  loadSynthetic,
  writeSyntheticDataset,
  type SyntheticDataset,
} from '../tests/helpers/synthetic-dataset.js';
import { MIX_LENGTH } from './workload.js';

interface Settings extends Plan {
  name: 'quick' | 'full';
  warmUp: number;
  /** Requests each process serves in all, for the memory check. */
  memoryTotal: number;
  /** Start-ups per platform and dataset (the median is reported). */
  startups: number;
}

const FULL: Settings = {
  name: 'full',
  requests: 2_000,
  rounds: 5,
  block: 200,
  inFlight: 16,
  warmUp: 200,
  memoryTotal: 10_000,
  startups: 3,
};
const QUICK: Settings = {
  name: 'quick',
  requests: 200,
  rounds: 2,
  block: 100,
  inFlight: 16,
  warmUp: 50,
  memoryTotal: 1_000,
  startups: 1,
};

/**
 * Discord over HTTP interactions: the same loads, but its memory check stops at 5,000
 * requests (then 2,500 more), not 10,000, so that it adds well under a minute to a full run.
 */
const HTTP_FULL: Settings = { ...FULL, memoryTotal: 5_000 };

/** Against the same-reply floor (issue #16). */
const TARGET = { p50: 1.05, p99: 1.15, rss: 1.1, startupShipped: 1_000, startupSynthetic: 3_000 };
const TARGET_SETTLE = 0.1;

const USAGE = `usage: npm run bench -- [flags]
  --quick       ${QUICK.requests} requests per load, ${QUICK.rounds} rounds, memory to ${QUICK.memoryTotal}: a smoke run
  --rounds=N    split each load into N rounds (default ${FULL.rounds})
  --only=discord|discord-http|slack   only these platforms, comma-separated (discord: gateway;
                discord-http: HTTP interactions), e.g. --only=discord,discord-http
  --no-core     skip the in-process core benchmark
  --no-startup  skip the start-up benchmark
  --no-build    use dist/ as it is (no npm run build, no bench build)
  --cpu-prof    CPU-profile every process over the 16-in-flight load only (the same requests
                each: compare with bench/profile-summary.ts); the ratios are then not representative
  --heap-prof   sample every child's allocations (--heap-prof); same caveat
  BENCH_LOG_LEVEL=<level>: our bot's LOG_LEVEL (default warn: no line per request)`;

const argv = process.argv.slice(2);
let rounds: number | undefined;
const PLATFORMS = ['discord', 'discord-http', 'slack'] as const;
let only: Set<string> | undefined;
for (const arg of argv) {
  const r = arg.match(/^--rounds=(\d+)$/);
  const o = arg.match(/^--only=([a-z,-]+)$/);
  const picked = o?.[1]!.split(',');
  if (r && Number(r[1]) >= 1) rounds = Number(r[1]);
  else if (picked?.every((p) => (PLATFORMS as readonly string[]).includes(p)))
    only = new Set(picked);
  else if (
    !['--quick', '--cpu-prof', '--heap-prof', '--no-core', '--no-startup', '--no-build'].includes(
      arg,
    )
  ) {
    process.stderr.write(`bench: unknown flag ${arg}\n${USAGE}\n`);
    process.exit(2);
  }
}
/** Whether this run measures `platform` (every one unless --only names others). */
const runs = (platform: (typeof PLATFORMS)[number]) => !only || only.has(platform);
const settings: Settings = {
  ...(argv.includes('--quick') ? QUICK : FULL),
  ...(rounds ? { rounds } : {}),
};
const httpSettings: Settings = {
  ...(argv.includes('--quick') ? QUICK : HTTP_FULL),
  ...(rounds ? { rounds } : {}),
};
const scratch = mkdtempSync(join(tmpdir(), 'vllm-bench-'));
const profiling = argv.includes('--cpu-prof') || argv.includes('--heap-prof');
const profileDir = profiling ? mkdtempSync(join(tmpdir(), 'vllm-bench-prof-')) : undefined;
/** With --cpu-prof: one profile per process of the measured 16-in-flight load only. */
const cpuProfiles = argv.includes('--cpu-prof') ? profileDir : undefined;
const ROLES = ['bot', 'same', 'ok'] as const;
const slug = (title: string) => title.toLowerCase().replace(/[^a-z]+/g, '-');
const nodeArgs = [
  ...(argv.includes('--heap-prof') ? ['--heap-prof', `--heap-prof-dir=${profileDir}`] : []),
];
const launchOptions: LaunchOptions = {
  nodeArgs,
  scratch,
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
};

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

// ------------------------------------------------------------------------------ building

/** The bot as shipped (tsconfig.build.json → dist/src) and the minimal bots (→ dist/bench). */
function build(): void {
  for (const args of [
    ['run', 'build', '--silent'],
    ['exec', '--', 'tsc', '-p', 'tsconfig.bench.json'],
  ]) {
    log(`npm ${args.join(' ')}`);
    const r = spawnSync('npm', args, { cwd: PROJECT_ROOT, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status})`);
  }
}

// ------------------------------------------------------------------------------ measuring

interface MemoryPoint {
  served: number;
  rss: number;
  /** VmHWM since the reset after start-up. */
  peak: number;
}

interface Measured {
  side: Side;
  role: 'bot' | 'same' | 'ok';
  afterStart: ProcMemory;
  /** VmHWM before the reset after warm-up: start-up, and for our bot the capture pass too. */
  startPeak: number;
  memory: MemoryPoint[];
  liveHeap: { atEnd: number; after: number };
  /** Main-thread GC pauses over the 16-in-flight load: scavenges and full collections. */
  gc: { minorCount: number; minorMs: number; majorCount: number; majorMs: number };
  /** V8's new and old space (committed MB) at the end of the memory run, before any forced GC. */
  spaces: { young: number; old: number };
  cpu: { sequential: number; concurrent: number };
  /** The kernel's part of `cpu` (system time), µs per request. */
  kernel: { sequential: number; concurrent: number };
}

interface PlatformResult {
  title: string;
  /** How much load it got (Discord over HTTP gets less than the others). */
  plan: Settings;
  bot: Measured;
  same: Measured;
  ok: Measured;
  sequential: Map<Target, Samples>;
  concurrent: Map<Target, Samples>;
  /** Distinct replies captured, and how many the same-reply floor sent identically. */
  captured: number;
  verified: { checked: number; identical: number };
  /** Our Slack bot: command → answer, one at a time (ms). */
  answers?: number[];
}

type StartSide = (label: string, what: Launch) => Promise<Side>;

async function measurePlatform(
  title: string,
  start: StartSide,
  floors: { ok: string; same: string },
  prepare: (bot: Side) => Promise<void> = () => Promise.resolve(),
  s: Settings = settings,
): Promise<PlatformResult> {
  const sides: Side[] = [];
  try {
    log(`${title}: starting our bot (dist/src/main.js)`);
    const bot = await start('vllm-status-bot', { kind: 'bot' });
    sides.push(bot);
    const botStart = procMemory(bot.target.pid);
    await prepare(bot);

    // Capture: every query of the mix once; the floor then sends these very payloads.
    log(`${title}: capturing our bot's reply to each of the ${MIX_LENGTH} queries of the mix`);
    bot.replies = new Map();
    for (let i = 0; i < MIX_LENGTH; i++) await bot.target.request();
    const captured = bot.replies;
    delete bot.replies;
    const repliesFile = join(
      scratch,
      `replies-${title.toLowerCase().replace(/[^a-z]+/g, '-')}.json`,
    );
    writeFileSync(repliesFile, JSON.stringify(Object.fromEntries(captured)));

    log(`${title}: starting the floors`);
    const same = await start('minimal, same reply', {
      kind: 'floor',
      file: floors.same,
      env: { BENCH_REPLIES: repliesFile },
    });
    sides.push(same);
    const sameStart = procMemory(same.target.pid);
    const ok = await start('minimal, "ok"', { kind: 'floor', file: floors.ok });
    sides.push(ok);
    const okStart = procMemory(ok.target.pid);
    const all = [bot, same, ok];
    const targets = all.map((x) => x.target);

    // Warm-up, and proof that the floor sends what our bot sent.
    log(`${title}: warm-up, ${s.warmUp} requests each; checking the floor's replies`);
    same.replies = new Map();
    await warmUp(targets, s.warmUp);
    let identical = 0;
    for (const [key, payload] of same.replies) {
      if (isDeepStrictEqual(payload, captured.get(key))) identical += 1;
    }
    const verified = { checked: same.replies.size, identical };
    delete same.replies;
    if (identical !== verified.checked) {
      throw new Error(
        `${title}: the same-reply floor sent ${verified.checked - identical} of ${verified.checked} replies differently from our bot`,
      );
    }

    betweenPhases(targets);
    const wholeLife = () => all.map((x) => procMemory(x.target.pid).peak);
    const peaksBefore = wholeLife();
    // From here on VmHWM is the peak under load; start-up's (and the capture's) is kept apart.
    for (const t of targets) procResetPeak(t.pid);
    const memory = all.map((x) => [{ served: 0, ...procMemory(x.target.pid) }] as MemoryPoint[]);
    let served = s.warmUp;
    const remember = () =>
      all.forEach((x, i) => memory[i]!.push({ served, ...procMemory(x.target.pid) }));

    const cpuNow = () => targets.map((t) => procCpuMs(t.pid));
    const cpu0 = cpuNow();
    log(`${title}: one at a time, ${count(s.requests)} each, ${s.rounds} rounds`);
    const answersBefore = 'answers' in bot ? (bot.answers as number[]).length : 0;
    const seq = await sequential(targets, s, (done) => log(`  ${done}/${s.requests}`));
    const answers = 'answers' in bot ? (bot.answers as number[]).slice(answersBefore) : undefined;
    const cpu1 = cpuNow();
    served += s.requests;
    betweenPhases(targets);
    remember();

    log(`${title}: ${s.inFlight} in flight, ${count(s.requests)} each, blocks of ${s.block}`);
    if (cpuProfiles) all.forEach((x) => x.child.tell('cpu-profile start'));
    const gcBefore = await Promise.all(all.map((x) => x.child.gcPauses()));
    const conc = await concurrent(targets, s, (done) => log(`  ${done}/${s.requests}`));
    const gcAfter = await Promise.all(all.map((x) => x.child.gcPauses()));
    if (cpuProfiles) {
      all.forEach((x, i) =>
        x.child.tell(
          `cpu-profile stop ${join(cpuProfiles, `${slug(title)}-${ROLES[i]}.cpuprofile`)}`,
        ),
      );
      await sleep(1_000);
    }
    const cpu2 = cpuNow();
    served += s.requests;
    betweenPhases(targets);
    remember();

    const rest = s.memoryTotal - served;
    if (rest > 0) {
      log(`${title}: memory, each up to ${count(s.memoryTotal)} requests, ${s.inFlight} in flight`);
      // Half in one order, half in the other: neither process always runs right after the other.
      for (const t of targets) await more(t, Math.floor(rest / 2), s.block, s.inFlight);
      served += Math.floor(rest / 2);
      betweenPhases(targets);
      remember();
      for (const t of [...targets].reverse())
        await more(t, rest - Math.floor(rest / 2), s.block, s.inFlight);
      served = s.memoryTotal;
      betweenPhases(targets);
      remember();
    }
    log(`${title}: live heap after GC, then ${count(s.memoryTotal / 2)} more requests`);
    const spaces = await Promise.all(all.map((x) => x.child.heapSpaces()));
    const atEnd = await Promise.all(all.map((x) => x.child.liveHeap()));
    for (const t of targets) await more(t, s.memoryTotal / 2, s.block, s.inFlight);
    const after = await Promise.all(all.map((x) => x.child.liveHeap()));

    type Cpu = ReturnType<typeof procCpuMs>;
    const perRequest = (from: Cpu[], to: Cpu[], i: number, part: keyof Cpu = 'total') =>
      ((to[i]![part] - from[i]![part]) * 1000) / s.requests;
    const measured = (i: number, role: Measured['role'], start: ProcMemory): Measured => ({
      side: all[i]!,
      role,
      afterStart: start,
      startPeak: peaksBefore[i]!,
      memory: memory[i]!,
      liveHeap: { atEnd: atEnd[i]!, after: after[i]! },
      spaces: { young: spaces[i]!['new_space'] ?? 0, old: spaces[i]!['old_space'] ?? 0 },
      gc: {
        minorCount: (gcAfter[i]!['minor']?.count ?? 0) - (gcBefore[i]!['minor']?.count ?? 0),
        minorMs: (gcAfter[i]!['minor']?.ms ?? 0) - (gcBefore[i]!['minor']?.ms ?? 0),
        majorCount: (gcAfter[i]!['major']?.count ?? 0) - (gcBefore[i]!['major']?.count ?? 0),
        majorMs: (gcAfter[i]!['major']?.ms ?? 0) - (gcBefore[i]!['major']?.ms ?? 0),
      },
      cpu: { sequential: perRequest(cpu0, cpu1, i), concurrent: perRequest(cpu1, cpu2, i) },
      kernel: {
        sequential: perRequest(cpu0, cpu1, i, 'system'),
        concurrent: perRequest(cpu1, cpu2, i, 'system'),
      },
    });
    return {
      title,
      plan: s,
      bot: measured(0, 'bot', botStart),
      same: measured(1, 'same', sameStart),
      ok: measured(2, 'ok', okStart),
      sequential: seq,
      concurrent: conc,
      captured: captured.size,
      verified,
      ...(answers ? { answers } : {}),
    };
  } finally {
    for (const side of sides.reverse()) await side.close();
  }
}

interface Startup {
  label: string;
  platform: string;
  ms: number[];
  rss: number[];
}

/** Our bot started `settings.startups` times: spawn → /readyz 200, and RSS right then. */
async function measureStartup(
  label: string,
  platform: string,
  start: StartSide,
  env: Record<string, string>,
): Promise<Startup> {
  const out: Startup = { label, platform, ms: [], rss: [] };
  for (let i = 0; i < settings.startups; i++) {
    const side = await start('vllm-status-bot', { kind: 'bot', env });
    try {
      out.rss.push(procMemory(side.target.pid).rss);
      out.ms.push(side.child.startupMs);
      // It answers, too: a start-up that only looks ready would not count.
      await side.target.request();
    } finally {
      await side.close();
    }
  }
  return out;
}

// ------------------------------------------------------------------------------ reporting

const pooled = (s: Samples) => s.rounds.flat();

function perRound(bot: Samples, base: Samples, stat: (values: number[]) => number): RoundRatio {
  return roundRatio(bot.rounds.map((r, i) => stat(r) / stat(base.rounds[i]!)));
}

const p99 = (v: number[]) => percentile(v, 99);
const ratioCell = (r: RoundRatio) => `${times(r.value)} (${times(r.low)}–${times(r.high)})`;
const verdict = (value: number, limit: number) => (value <= limit ? 'PASS' : 'MISS');
const underLoad = (m: Measured) => Math.max(...m.memory.map((p) => p.peak));
const whole = (m: Measured) => Math.max(m.startPeak, underLoad(m));
const seqOf = (r: PlatformResult, m: Measured) => r.sequential.get(m.side.target)!;
const concOf = (r: PlatformResult, m: Measured) => r.concurrent.get(m.side.target)!;

/** Discord's two transports side by side: our bot against its same-reply floor in each. */
function discordModesTable(gateway: PlatformResult, http: PlatformResult): string {
  const rows = [
    `| Discord: our bot / same-reply floor | seq p50 | ${gateway.plan.inFlight} in flight p50 | our bot: seq p50 (ms) | our bot: peak RSS under load (MB) | our bot: peak RSS, whole life (MB) | peak RSS under load / floor |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of [gateway, http]) {
    const seq = perRound(seqOf(r, r.bot), seqOf(r, r.same), median);
    const conc = perRound(concOf(r, r.bot), concOf(r, r.same), median);
    rows.push(
      `| ${r.title === 'Discord' ? 'gateway' : 'HTTP interactions'} (${count(r.plan.requests)} requests per load) | ${ratioCell(seq)} | ${ratioCell(conc)} | ${fmt(median(pooled(seqOf(r, r.bot))), 2)} | ${fmt(underLoad(r.bot), 0)} | ${fmt(whole(r.bot), 0)} | ${times(underLoad(r.bot) / underLoad(r.same))} |`,
    );
  }
  return rows.join('\n');
}

function ratioTable(r: PlatformResult): string {
  const head = [
    `| ${r.title}: our bot / floor | seq p50 | seq p99 | ${r.plan.inFlight} in flight p50 | ${r.plan.inFlight} in flight p99 | peak RSS under load | peak RSS, whole life | CPU per request, seq / ${r.plan.inFlight} in flight |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  const rows: string[] = [];
  const verdicts: string[] = [];
  for (const floor of [r.same, r.ok]) {
    const b = (m: Map<Target, Samples>) => m.get(r.bot.side.target)!;
    const f = (m: Map<Target, Samples>) => m.get(floor.side.target)!;
    const cells = [
      perRound(b(r.sequential), f(r.sequential), median),
      perRound(b(r.sequential), f(r.sequential), p99),
      perRound(b(r.concurrent), f(r.concurrent), median),
      perRound(b(r.concurrent), f(r.concurrent), p99),
    ];
    const loadPeak = underLoad(r.bot) / underLoad(floor);
    const wholePeak = whole(r.bot) / whole(floor);
    const cpu = (k: 'sequential' | 'concurrent') => times(r.bot.cpu[k] / floor.cpu[k]);
    const name = floor.role === 'same' ? 'same reply' : '"ok"';
    rows.push(
      `| ${name} | ${cells.map(ratioCell).join(' | ')} | ${times(loadPeak)} (${fmt(underLoad(r.bot), 0)} / ${fmt(underLoad(floor), 0)} MB) | ${times(wholePeak)} (${fmt(whole(r.bot), 0)} / ${fmt(whole(floor), 0)} MB) | ${cpu('sequential')} / ${cpu('concurrent')} |`,
    );
    if (floor.role === 'same') {
      const limits = [TARGET.p50, TARGET.p99, TARGET.p50, TARGET.p99];
      verdicts.push(
        `| target (same reply) | ${cells
          .map((c, i) => `≤ ${times(limits[i]!)}: ${verdict(c.value, limits[i]!)}`)
          .join(
            ' | ',
          )} | ≤ ${times(TARGET.rss)}: ${verdict(loadPeak, TARGET.rss)} | ≤ ${times(TARGET.rss)}: ${verdict(wholePeak, TARGET.rss)} | — |`,
      );
    }
  }
  return [...head, ...rows, ...verdicts].join('\n');
}

function absoluteTable(r: PlatformResult): string {
  const rows = [
    `| ${r.title} | seq p50 (ms) | seq p99 (ms) | ${r.plan.inFlight} in flight p50 (ms) | ${r.plan.inFlight} in flight p99 (ms) | CPU per request, seq / ${r.plan.inFlight} in flight (µs) | of which kernel (µs) | RSS after start (MB) |`,
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const m of [r.bot, r.same, r.ok]) {
    const seq = pooled(r.sequential.get(m.side.target)!);
    const conc = pooled(r.concurrent.get(m.side.target)!);
    rows.push(
      `| ${m.side.target.label} | ${fmt(median(seq), 2)} | ${fmt(p99(seq), 2)} | ${fmt(median(conc), 2)} | ${fmt(p99(conc), 2)} | ${fmt(m.cpu.sequential, 0)} / ${fmt(m.cpu.concurrent, 0)} | ${fmt(m.kernel.sequential, 0)} / ${fmt(m.kernel.concurrent, 0)} | ${fmt(m.afterStart.rss, 0)} |`,
    );
  }
  if (r.answers && r.answers.length > 0) {
    rows.push(
      `| our bot: command → answer (ack body or response_url) | ${fmt(median(r.answers), 2)} | ${fmt(p99(r.answers), 2)} | — | — | — | — | — |`,
    );
  }
  return rows.join('\n');
}

/** Results that had the same load, so their memory readings line up row by row. */
function memoryTable(results: PlatformResult[]): string {
  const plan = results[0]!.plan;
  const columns = results.flatMap((r) =>
    [r.bot, r.same, r.ok].map((m) => ({ title: `${r.title}: ${m.side.target.label}`, m })),
  );
  const rows = [
    `| requests served | ${columns.map((c) => c.title).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
  ];
  const points = columns[0]!.m.memory.map((p) => p.served);
  for (const [i, served] of points.entries()) {
    rows.push(
      `| ${i === 0 ? `after warm-up (${count(served)})` : count(served)} | ${columns
        .map((c) => `${fmt(c.m.memory[i]!.rss, 0)} / ${fmt(c.m.memory[i]!.peak, 0)}`)
        .join(' | ')} |`,
    );
  }
  const pct = (from: number, to: number) => {
    const g = (to / from - 1) * 100;
    return `${g >= 0 ? '+' : ''}${fmt(g)} %`;
  };
  rows.push(
    `| GC pauses over the ${plan.inFlight}-in-flight load: scavenges, full (count, ms) | ${columns
      .map(
        (c) =>
          `${c.m.gc.minorCount}× ${fmt(c.m.gc.minorMs, 0)} ms, ${c.m.gc.majorCount}× ${fmt(c.m.gc.majorMs, 0)} ms`,
      )
      .join(' | ')} |`,
    `| V8 new / old space at the end, before a forced GC (MB) | ${columns
      .map((c) => `${fmt(c.m.spaces.young)} / ${fmt(c.m.spaces.old)}`)
      .join(' | ')} |`,
    `| live heap after full GC (MB), at the end → after ${count(plan.memoryTotal / 2)} more | ${columns
      .map(
        (c) =>
          `${fmt(c.m.liveHeap.atEnd)} → ${fmt(c.m.liveHeap.after)} (${pct(c.m.liveHeap.atEnd, c.m.liveHeap.after)})`,
      )
      .join(' | ')} |`,
    `| settles (live heap grows < ${fmt(TARGET_SETTLE * 100, 0)} %) | ${columns
      .map((c) => {
        const ok = c.m.liveHeap.after / c.m.liveHeap.atEnd - 1 < TARGET_SETTLE;
        return c.m.role === 'bot' ? (ok ? 'PASS' : 'MISS') : `(${ok ? 'yes' : 'no'})`;
      })
      .join(' | ')} |`,
  );
  return rows.join('\n');
}

function startupTable(rows: Startup[], synthetic?: SyntheticDataset): string {
  const out = [
    `| our bot, ${settings.startups} start${settings.startups > 1 ? 's' : ''} each | spawn → /readyz 200 (ms), median (min–max) | RSS right after (MB), median | target | result |`,
    '|---|---|---|---|---|',
  ];
  for (const r of rows) {
    const limit = r.label === 'shipped' ? TARGET.startupShipped : TARGET.startupSynthetic;
    const ms = median(r.ms);
    out.push(
      `| ${r.platform}, ${r.label} dataset | ${fmt(ms, 0)} (${fmt(Math.min(...r.ms), 0)}–${fmt(Math.max(...r.ms), 0)}) | ${fmt(median(r.rss), 0)} | ≤ ${count(limit)} ms | ${verdict(ms, limit)} |`,
    );
  }
  if (synthetic) {
    out.push(
      '',
      `Synthetic dataset: ${count(synthetic.providers)} providers × ${synthetic.locales} locales, ${fmt(synthetic.bytes / 1024 / 1024)} MB on disk (tests/helpers/synthetic-dataset.ts).`,
    );
  }
  return out.join('\n');
}

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('model name'));
  return line?.split(':')[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
}

const METHOD = [
  '- Our bot is `node dist/src/main.js`, built by this run, configured by environment like any deployment (LOG_LEVEL as stated above, a rate limit no benchmark reaches, its health server on; ready = `/readyz` answers 200). The floors are minimal discord.js / Bolt bots (bench/processes, compiled to dist/bench): "ok" answers every command with "ok"; "same reply" answers with the very payload our bot sent for the same query, captured from the fake platform over one pass of the whole query mix and checked identical during warm-up. Every process also loads bench/processes/preload (exit with the benchmark, report the heap on SIGUSR2).',
  '- All three processes stay up side by side, each against a fake platform on 127.0.0.1 inside the load generator (tests/e2e/fake-discord.ts, tests/e2e/fake-slack.ts). One at a time: single requests rotate bot, same, ok (each round in another order). 16 in flight: blocks alternate between the processes. The load generator is fully garbage-collected and drops idle keep-alive sockets before every round and block; all processes first get the same untimed warm-up.',
  '- A ratio is bot / floor per round; the figure is the median of the rounds, (min–max) their spread. p99 and 16-in-flight ratios are the noisiest (see docs/benchmarks.md, method).',
  '- Memory is read from /proc/<pid>/status between phases only. VmHWM is reset after the warm-up, so "under load" is the peak of the measured loads alone; "whole life" also covers start-up (and, for our bot, the capture pass). CPU per request: utime + stime of the whole process over a load, / requests (10 ms resolution).',
  '- Discord over HTTP interactions: our bot started with DISCORD_PUBLIC_KEY (and DISCORD_TOKEN, DISCORD_API_URL at the fake), and two floors that are bare `node:http` servers (no discord.js) checking the Ed25519 signature the same way (node:crypto). Each request is a `/vllm` interaction built and signed beforehand, POSTed on a keep-alive connection; latency runs to the complete HTTP response, which is the answer.',
  "- Slack: every simulated user sends one command before the capture, so our bot knows each user's language (users.info, cached) and answers in the acknowledgement, as the floor does.",
].join('\n');

// ------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  guardChildren();
  const began = performance.now();
  if (!argv.includes('--no-build')) build();
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
    `- Our bot: \`node dist/src/main.js\`, LOG_LEVEL=${launchOptions.logLevel}`,
  ];
  if (runs('discord-http')) {
    header.push(
      `- Discord over HTTP interactions: ${count(httpSettings.requests)} requests per process per load, memory checked up to ${count(httpSettings.memoryTotal)} requests (to keep the run short)`,
    );
  }
  if (!globalThis.gc)
    header.push('- WARNING: run with --expose-gc; the load generator was not collected');
  if (profileDir)
    header.push(`- WARNING: profiler on (${profileDir}): the ratios are not representative`);

  const sections: string[] = [];
  log('writing the synthetic dataset');
  const synthetic = writeSyntheticDataset(join(scratch, 'synthetic'));
  if (!argv.includes('--no-core')) {
    log('core, shipped and synthetic datasets');
    const shipped = benchCore('shipped', () => loadKnowledge());
    const big = benchCore(
      `${synthetic.providers} providers`,
      () => loadSynthetic(synthetic.path),
      queriesFor(synthetic.inventedNames),
      3,
    );
    sections.push('## Core', '', coreTable([shipped, big]), '');
  }

  const results: PlatformResult[] = [];
  const startups: Startup[] = [];
  const discordStart: StartSide = (label, what) => startDiscordSide(label, what, launchOptions);
  const discordHttpStart: StartSide = (label, what) =>
    startDiscordHttpSide(label, what, launchOptions);
  let world: SlackWorld | undefined;
  const slackStart: StartSide = (label, what) => startSlackSide(label, what, world!, launchOptions);
  try {
    if (runs('discord')) {
      results.push(
        await measurePlatform('Discord', discordStart, {
          ok: 'discord-minimal.ts',
          same: 'discord-same-reply.ts',
        }),
      );
    }
    if (runs('discord-http')) {
      results.push(
        await measurePlatform(
          'Discord (HTTP interactions)',
          discordHttpStart,
          { ok: 'discord-http-minimal.ts', same: 'discord-http-same-reply.ts' },
          undefined,
          httpSettings,
        ),
      );
    }
    if (runs('slack')) {
      world = await startSlackWorld();
      results.push(
        await measurePlatform(
          'Slack',
          slackStart,
          { ok: 'slack-minimal.ts', same: 'slack-same-reply.ts' },
          (bot) => (bot as Awaited<ReturnType<typeof startSlackSide>>).greetEveryUser(),
        ),
      );
    }
    if (!argv.includes('--no-startup')) {
      for (const [platform, only, start] of [
        ['Discord', 'discord', discordStart],
        ['Discord (HTTP interactions)', 'discord-http', discordHttpStart],
        ['Slack (HTTP)', 'slack', slackStart],
      ] as const) {
        if (!runs(only)) continue;
        world ??= await startSlackWorld();
        log(`start-up: ${platform}, shipped and synthetic datasets`);
        startups.push(await measureStartup('shipped', platform, start, {}));
        startups.push(
          await measureStartup(`${synthetic.providers}-provider`, platform, start, {
            DATA_DIR: synthetic.path,
          }),
        );
      }
    }
  } finally {
    await world?.close();
  }

  const headings: Record<string, string> = {
    Discord: 'Discord end to end (gateway)',
    Slack: 'Slack end to end (HTTP mode)',
  };
  for (const r of results) {
    sections.push(
      `## ${headings[r.title] ?? `${r.title} end to end`}`,
      '',
      ratioTable(r),
      '',
      absoluteTable(r),
      '',
      `${count(r.captured)} distinct replies captured; the same-reply floor sent ${count(r.verified.identical)} of ${count(r.verified.checked)} checked identically.`,
      '',
    );
  }
  const gateway = results.find((r) => r.title === 'Discord');
  const overHttp = results.find((r) => r.title === 'Discord (HTTP interactions)');
  if (gateway && overHttp) {
    sections.push(
      '## Discord: gateway and HTTP interactions',
      '',
      discordModesTable(gateway, overHttp),
      '',
    );
  }
  // Loads of different sizes read memory at different points: one table per load size.
  const byPlan = new Map<Settings, PlatformResult[]>();
  for (const r of results) byPlan.set(r.plan, [...(byPlan.get(r.plan) ?? []), r]);
  if (results.length > 0) {
    sections.push(
      '## Memory',
      '',
      'RSS / peak RSS (VmRSS / VmHWM since the reset after warm-up, MB), read between phases.',
      '',
    );
    for (const group of byPlan.values()) sections.push(memoryTable(group), '');
  }
  if (startups.length > 0) {
    sections.push('## Start-up', '', startupTable(startups, synthetic), '');
  }
  sections.push('## How this was measured', '', METHOD);

  header.push(`- Run time: ${fmt((performance.now() - began) / 1000, 0)} s`);
  process.stdout.write(`${[...header, '', ...sections].join('\n')}\n`);
  if (profileDir) log(`profiles in ${profileDir}`);
}

main()
  .then(() => {
    killAllChildren();
    rmSync(scratch, { recursive: true, force: true });
    process.exit(0);
  })
  .catch((error: unknown) => {
    killAllChildren();
    process.stderr.write(`bench failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.stderr.write(`bench: scratch files kept in ${scratch}\n`);
    process.exit(1);
  });
