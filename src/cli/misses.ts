import { formatTime, openConfiguredState, parseListArgs, printable } from './open-state.js';

const USAGE = `Usage: npm run misses -- [--limit <n>]

Prints the names people asked for that the dataset could not answer, most asked first.

  --limit, -n   how many (1-1000, default 20)
  --help, -h    show this help

Environment: STATE_DIR (default ./state) or DATABASE_URL, as for the bot.`;

async function main(argv: string[]): Promise<number> {
  const args = parseListArgs(argv, USAGE, 20);
  if ('exitCode' in args) return args.exitCode;
  const { limit } = args;

  const state = await openConfiguredState();
  if (state.kind === 'failed') return state.exitCode;
  if (state.kind === 'none') {
    process.stdout.write(
      `No unmatched queries yet: there is no state database at ${state.location} (the bot creates it on its first start).\n`,
    );
    return 0;
  }
  const { store } = state;
  try {
    const misses = await store.topMisses(limit);
    if (misses.length === 0) {
      process.stdout.write(`No unmatched queries recorded yet (${store.location}).\n`);
      return 0;
    }
    process.stdout.write(`Top ${misses.length} unmatched queries (${store.location})\n\n`);
    const width = Math.max(5, ...misses.map((m) => String(m.count).length));
    process.stdout.write(`${'count'.padStart(width)}  last seen             query\n`);
    for (const miss of misses) {
      process.stdout.write(
        `${String(miss.count).padStart(width)}  ${formatTime(miss.lastSeen)}  ${printable(miss.query)}\n`,
      );
    }
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
