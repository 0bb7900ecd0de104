/**
 * `npm run bench` (node --expose-gc --import tsx bench/run.ts [--quick] [--cpu-prof]):
 * the core, then Discord and Slack end to end against minimal bots, then memory over a long
 * run, printed as one markdown report on stdout (progress goes to stderr).
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchCore, coreTable } from './core.js';
import { guardChildren, killAllChildren, procMemory } from './children.js';
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
  max,
  median,
  min,
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
  memoryTotal: 10_000,
  memoryStep: 2_000,
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

const argv = process.argv.slice(2);
for (const arg of argv) {
  if (!['--quick', '--cpu-prof', '--no-core'].includes(arg)) {
    process.stderr.write(`bench: unknown flag ${arg} (known: --quick, --cpu-prof, --no-core)\n`);
    process.exit(2);
  }
}
const settings = argv.includes('--quick') ? QUICK : FULL;
const profileDir = argv.includes('--cpu-prof')
  ? mkdtempSync(join(tmpdir(), 'vllm-bench-prof-'))
  : undefined;
const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

// ------------------------------------------------------------------------------ measuring

interface MemoryPoint {
  served: number;
  rss: number;
}

interface PlatformResult {
  title: string;
  bot: string;
  baseline: string;
  sequential: Map<Target, Samples>;
  concurrent: Map<Target, Samples>;
  botTarget: Target;
  baseTarget: Target;
  peak: { bot: number; base: number };
  afterStart: { bot: number; base: number };
  memory: MemoryPoint[];
  /** Our Slack bot: request → answer at the response_url, one at a time (ms). */
  answers?: number[];
}

interface Side {
  target: Target;
  close(): Promise<void>;
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
    await sleep(500);
    betweenPhases(targets);
    const startBotMem = procMemory(bot.target.pid);
    const startBaseMem = procMemory(base.target.pid);
    const memory: MemoryPoint[] = [{ served: 0, rss: startBotMem.rss }];

    log(`${title}: warm-up, ${s.warmUp} requests each`);
    await warmUp(targets, s.warmUp);
    let served = s.warmUp;

    log(`${title}: one at a time, ${count(s.requests)} each, ${s.rounds} rounds`);
    const answersBefore = bot.answers?.length ?? 0;
    const seq = await sequential(targets, s, (done) => log(`  ${done}/${s.requests}`));
    const answers = bot.answers?.slice(answersBefore);
    served += s.requests;
    memory.push({ served, rss: procMemory(bot.target.pid).rss });

    log(`${title}: ${s.inFlight} in flight, ${count(s.requests)} each, blocks of ${s.block}`);
    const conc = await concurrent(targets, s, (done) => log(`  ${done}/${s.requests}`));
    served += s.requests;
    const botMem = procMemory(bot.target.pid);
    const baseMem = procMemory(base.target.pid);
    memory.push({ served, rss: botMem.rss });
    await base.close();
    base = undefined;

    log(`${title}: memory, our bot up to ${count(s.memoryTotal)} requests`);
    let next = (Math.floor(served / s.memoryStep) + 1) * s.memoryStep;
    for (; next <= s.memoryTotal; next += s.memoryStep) {
      await more(bot.target, next - served, s.block, s.inFlight);
      served = next;
      betweenPhases([bot.target]);
      memory.push({ served, rss: procMemory(bot.target.pid).rss });
      log(`  ${served}/${s.memoryTotal}`);
    }
    return {
      title,
      bot: bot.target.label,
      baseline: targets[1]!.label,
      sequential: seq,
      concurrent: conc,
      botTarget: bot.target,
      baseTarget: targets[1]!,
      peak: { bot: botMem.peak, base: baseMem.peak },
      afterStart: { bot: startBotMem.rss, base: startBaseMem.rss },
      memory,
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

function perRound(
  bot: Samples,
  base: Samples,
  stat: (values: number[]) => number,
): RoundRatio {
  return roundRatio(bot.rounds.map((r, i) => stat(r) / stat(base.rounds[i]!)));
}

function verdict(r: RoundRatio, limit: number): string {
  const pass = r.value <= limit;
  const crosses = pass ? r.high > limit : r.low <= limit;
  return `${pass ? 'PASS' : 'MISS'}${crosses ? ' (spread crosses the target)' : ''}`;
}

function platformTables(r: PlatformResult): string {
  const rows: string[] = [
    `| load | process | median (ms) | p99 (ms) | throughput (req/s) |`,
    '|---|---|---|---|---|',
  ];
  const loads: [string, Map<Target, Samples>][] = [
    ['one at a time', r.sequential],
    [`${settings.inFlight} in flight`, r.concurrent],
  ];
  for (const [load, samples] of loads) {
    for (const t of [r.botTarget, r.baseTarget]) {
      const s = samples.get(t)!;
      const v = all(s);
      rows.push(
        `| ${load} | ${t.label} | ${fmt(median(v), 2)} | ${fmt(percentile(v, 99), 2)} | ${fmt(throughput(s), 0)} |`,
      );
    }
  }
  if (r.answers && r.answers.length > 0) {
    rows.push(
      `| one at a time | ${r.bot}: command → answer at the response_url | ${fmt(median(r.answers), 2)} | ${fmt(percentile(r.answers, 99), 2)} | — |`,
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
  const peak = r.peak.bot / r.peak.base;
  ratioRows.push(
    `| peak RSS (VmHWM) after the same ${count(settings.warmUp + 2 * settings.requests)} requests | ${times(peak)} (${fmt(r.peak.bot)} / ${fmt(r.peak.base)} MB) | one reading | ≤ ${times(TARGET_RSS)} | ${peak <= TARGET_RSS ? 'PASS' : 'MISS'} |`,
  );
  ratioRows.push(
    `| RSS right after start | ${times(r.afterStart.bot / r.afterStart.base)} (${fmt(r.afterStart.bot)} / ${fmt(r.afterStart.base)} MB) | one reading | — | — |`,
  );
  return [rows.join('\n'), '', ratioRows.join('\n')].join('\n');
}

function memoryTable(results: PlatformResult[]): string {
  const rows = [
    `| requests served | ${results.map((r) => `${r.bot} RSS (MB)`).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
  ];
  const points = results[0]!.memory.map((p) => p.served);
  for (const [i, served] of points.entries()) {
    const label = served === 0 ? 'after start' : count(served);
    rows.push(`| ${label} | ${results.map((r) => fmt(r.memory[i]!.rss)).join(' | ')} |`);
  }
  // "Settles": from the first reading at or past the middle of the run to the end.
  const last = points[points.length - 1]!;
  const fromIndex = points.findIndex((p) => p >= last / 2 - settings.memoryStep / 2 && p > 0);
  const from = points[fromIndex]!;
  const growth = results.map((r) => r.memory[r.memory.length - 1]!.rss / r.memory[fromIndex]!.rss - 1);
  rows.push(
    `| growth ${count(from)} → ${count(last)} (target < ${fmt(TARGET_SETTLE * 100, 0)} %) | ${growth
      .map((g) => `${g >= 0 ? '+' : ''}${fmt(g * 100)} % ${g < TARGET_SETTLE ? 'PASS' : 'MISS'}`)
      .join(' | ')} |`,
  );
  return rows.join('\n');
}

function cpuModel(): string {
  const line = readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('model name'));
  return line?.split(':')[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
}

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
  if (!globalThis.gc) header.push('- WARNING: run with --expose-gc; the load generator was not collected between phases');
  if (profileDir) header.push(`- WARNING: CPU profiler on (${profileDir}): the ratios are not representative`);

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
      () =>
        startSlackSide('minimal Bolt', 'slack-minimal.ts', world, { answers: false, nodeArgs }),
    );
  } finally {
    await world.close();
  }
  sections.push(
    '## Slack end to end (HTTP mode)',
    '',
    "Signed `/vllm` slash command POSTed → the HTTP acknowledgement has arrived. Our bot then answers through the response_url (users.info for each user's locale once, then cached); a command counts as finished, for pacing and in-flight slots, only once that answer arrived.",
    '',
    platformTables(slack),
    '',
  );

  sections.push(
    '## Memory',
    '',
    `RSS of our bots (VmRSS, read between phases) after start and as requests accumulate; the last ${count(settings.memoryTotal - settings.warmUp - 2 * settings.requests)} are ${settings.inFlight} in flight.`,
    '',
    memoryTable([
      { ...discord, bot: 'Discord bot' },
      { ...slack, bot: 'Slack bot' },
    ]),
  );

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
