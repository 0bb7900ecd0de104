import type { Report } from '../store/schema.js';
import { formatTime, openConfiguredState, parseListArgs, printable } from './open-state.js';

const USAGE = `Usage: npm run reports -- [--limit <n>]

Prints the "report a wrong answer" submissions, newest first.

  --limit, -n   how many (1-1000, default 50)
  --help, -h    show this help

Environment: STATE_DIR (default ./state) or DATABASE_URL, as for the bot.`;

function render(report: Report): string {
  const where = [report.platform, report.workspaceId].filter(Boolean).join(' ');
  const lines = [
    `${formatTime(report.createdAt)}  ${where}  ${report.postedAt ? 'posted' : 'not posted yet'}  id ${report.id}`,
    `  provider: ${report.providerId ?? '(none)'}   query: "${printable(report.query)}"   locale: ${report.locale}`,
    `  reporter: ${printable(report.reporterName)} (${report.reporterId})`,
    `  what is wrong: ${printable(report.whatIsWrong).replace(/\n/g, '\n    ')}`,
  ];
  if (report.sourceUrl) lines.push(`  source: ${printable(report.sourceUrl)}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const args = parseListArgs(argv, USAGE, 50);
  if ('exitCode' in args) return args.exitCode;
  const { limit } = args;

  const state = await openConfiguredState();
  if (state.kind === 'failed') return state.exitCode;
  if (state.kind === 'none') {
    process.stdout.write(
      `No reports yet: there is no state database at ${state.location} (the bot creates it on its first start).\n`,
    );
    return 0;
  }
  const { store } = state;
  try {
    const reports = await store.listReports({ limit });
    if (reports.length === 0) {
      process.stdout.write(`No reports yet (${store.location}).\n`);
      return 0;
    }
    process.stdout.write(`${reports.length} report(s), newest first (${store.location})\n\n`);
    process.stdout.write(`${reports.map(render).join('\n\n')}\n`);
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
