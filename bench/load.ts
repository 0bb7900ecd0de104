/**
 * The measuring method (docs/benchmarks-history.md): both processes stay up;
 * one at a time, single requests alternate bot, baseline, bot, …; 16 in flight, short blocks
 * alternate A B B A …; the load generator is fully garbage-collected and its idle keep-alive
 * sockets dropped before every phase; memory is read only between phases; each round gives
 * a ratio and the result is the median of those ratios, with their min–max as the spread.
 */

import type { Child } from './children.js';

export interface Target {
  label: string;
  pid: number;
  /**
   * Sends the target's next request; resolves with its latency in ms once the request is
   * finished (for a bot that keeps working after its acknowledgement: once that work is done).
   */
  request(): Promise<number>;
  /** Drops idle keep-alive connections, if it keeps any. */
  dropIdleConnections?(): void;
}

/** A bot process with its fake platform, as the load generator drives it. */
export interface Side {
  target: Target;
  child: Child;
  /**
   * While set, every reply's payload is stored here under its request's key (see
   * discordKey, slackKey): how the same-reply floors learn what our bot sent.
   */
  replies?: Map<string, unknown>;
  close(): Promise<void>;
}

export interface Samples {
  /** Latencies (ms), by round. */
  rounds: number[][];
  /** Wall time spent on the target's requests (ms), by round: throughput = count / time. */
  busyMs: number[];
}

export interface Plan {
  requests: number;
  rounds: number;
  /** 16-in-flight loads run in blocks of this many requests per target. */
  block: number;
  inFlight: number;
}

const emptySamples = (rounds: number): Samples => ({
  rounds: Array.from({ length: rounds }, () => []),
  busyMs: Array.from({ length: rounds }, () => 0),
});

export function betweenPhases(targets: readonly Target[]): void {
  for (const t of targets) t.dropIdleConnections?.();
  globalThis.gc?.();
}

/** Untimed requests, alternating, so both processes' JITs and caches are warm. */
export async function warmUp(targets: readonly Target[], perTarget: number): Promise<void> {
  betweenPhases(targets);
  for (let i = 0; i < perTarget; i++) for (const t of targets) await t.request();
}

/** One at a time, alternating single requests; the first target alternates by round. */
export async function sequential(
  targets: readonly Target[],
  plan: Plan,
  progress: (done: number) => void = () => undefined,
): Promise<Map<Target, Samples>> {
  const out = new Map(targets.map((t) => [t, emptySamples(plan.rounds)] as const));
  const perRound = Math.ceil(plan.requests / plan.rounds);
  let done = 0;
  for (let round = 0; round < plan.rounds; round++) {
    betweenPhases(targets);
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    const count = Math.min(perRound, plan.requests - round * perRound);
    for (let i = 0; i < count; i++) {
      for (const t of order) {
        const started = performance.now();
        const ms = await t.request();
        const s = out.get(t)!;
        s.rounds[round]!.push(ms);
        s.busyMs[round]! += performance.now() - started;
      }
    }
    progress((done += count));
  }
  return out;
}

/** `count` requests with `inFlight` outstanding at any time, against one target. */
export async function window(
  target: Target,
  count: number,
  inFlight: number,
): Promise<{ latencies: number[]; wallMs: number }> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      latencies.push(await target.request());
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, count) }, worker));
  return { latencies, wallMs: performance.now() - started };
}

/** `inFlight` at a time, in blocks that alternate between the targets (A B B A …). */
export async function concurrent(
  targets: readonly Target[],
  plan: Plan,
  progress: (done: number) => void = () => undefined,
): Promise<Map<Target, Samples>> {
  const out = new Map(targets.map((t) => [t, emptySamples(plan.rounds)] as const));
  const perRound = Math.ceil(plan.requests / plan.rounds);
  let flip = 0;
  let done = 0;
  for (let round = 0; round < plan.rounds; round++) {
    const inRound = Math.min(perRound, plan.requests - round * perRound);
    for (let start = 0; start < inRound; start += plan.block) {
      const count = Math.min(plan.block, inRound - start);
      const order = flip++ % 2 === 0 ? targets : [...targets].reverse();
      for (const t of order) {
        betweenPhases(targets);
        const { latencies, wallMs } = await window(t, count, plan.inFlight);
        const s = out.get(t)!;
        s.rounds[round]!.push(...latencies);
        s.busyMs[round]! += wallMs;
      }
    }
    progress((done += inRound));
  }
  return out;
}

/** More requests to one target only, `inFlight` at a time, in blocks with GC in between. */
export async function more(
  target: Target,
  count: number,
  block: number,
  inFlight: number,
): Promise<void> {
  for (let done = 0; done < count; done += block) {
    betweenPhases([target]);
    await window(target, Math.min(block, count - done), inFlight);
  }
}
