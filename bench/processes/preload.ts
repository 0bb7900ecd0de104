/**
 * Loaded with `--import` into every process the benchmark starts, the bot included (which
 * stays the unchanged dist/src/main.js): it dies with the benchmark, and reports its live heap.
 *
 * - When the parent's end of stdin closes (the benchmark exited, crashed or was killed), exit.
 * - On SIGUSR2: a full GC (children run with --expose-gc), then one line
 *   `heap {"used":…,"total":…}` (bytes) on stderr. Passive until signalled; the benchmark
 *   signals only after its last RSS reading, to tell a leak from V8 keeping a larger heap.
 */
process.stdin.on('data', () => undefined);
process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const { heapUsed, heapTotal } = process.memoryUsage();
  process.stderr.write(`heap ${JSON.stringify({ used: heapUsed, total: heapTotal })}\n`);
});

export {};
