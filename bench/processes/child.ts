/**
 * Shared plumbing of the benchmark's child processes: configuration from the environment,
 * the one "ready" line on stdout, and dying with the parent (stdin closes when it goes away,
 * however it goes).
 */

export function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`bench child: ${name} is not set\n`);
    process.exit(2);
  }
  return value;
}

/** Exits when the parent's end of stdin closes (the parent exited, crashed or was killed). */
export function exitWithParent(): void {
  process.stdin.on('data', () => undefined);
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  process.on('SIGINT', () => process.exit(0));
}

/** The single line the parent waits for. */
export function ready(detail = ''): void {
  process.stdout.write(`ready${detail ? ` ${detail}` : ''}\n`);
}

export function fail(error: unknown): never {
  process.stderr.write(`bench child failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
}

/**
 * On SIGUSR2: a full GC (the parent starts children with --expose-gc), then one line
 * `heap {"used":…,"total":…}` (bytes) on stdout. Passive until signalled; the benchmark
 * signals only after its last RSS reading, to tell a leak from V8 keeping a larger heap.
 */
export function diagnostics(): void {
  process.on('SIGUSR2', () => {
    globalThis.gc?.();
    const { heapUsed, heapTotal } = process.memoryUsage();
    process.stdout.write(`heap ${JSON.stringify({ used: heapUsed, total: heapTotal })}\n`);
  });
}
