import { setFlagsFromString } from 'node:v8';

/*
 * How far V8 lets the heap grow past what the last full collection kept alive. By default V8
 * picks the factor from how fast it collects against how fast the program allocates, up to 4×
 * on a machine with a few GB; under a burst of requests it picks near that, so a bot with a
 * 40 MB live heap peaked at 230-270 MB (docs/benchmarks.md, "what the memory is made of").
 * A fixed factor makes the peak follow the live heap. V8 reads this flag each time it sets
 * its next limit, so setting it at start, before the dataset loads, covers the whole life.
 */

/** Collect once the heap is this many percent larger than the live heap. 0: V8 decides. */
export function limitHeapGrowth(percent: number): void {
  if (percent <= 0) return;
  setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
