import { parseArgs } from 'node:util';
import { resolveLocale } from '../core/locale-resolve.js';
import { loadKnowledge } from '../core/load-knowledge.js';
import { DataFileError } from '../core/load-errors.js';
import { renderText } from './render-text.js';

const USAGE = `Usage: npm run ask -- [query...] [--locale <tag>] [--json]

  query          provider, company or model name (e.g. deepsek, gpt-4o, 深度求索);
                 leave it out for the overview of every provider
  --locale, -l   answer in this language (de, pt-BR, ja-JP, zh-Hant, ...); default en-US
  --json         print the answer as JSON (see data/answer.schema.json)
  --help, -h     show this help

Environment: DATA_DIR (default data/), PROVIDERS_FILE (deprecated)`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      locale: { type: 'string', short: 'l' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

function main(argv: string[]): number {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.values.locale !== undefined && args.values.locale.trim() === '') {
    process.stderr.write(`--locale needs a language tag\n\n${USAGE}\n`);
    return 2;
  }

  let knowledge;
  try {
    knowledge = loadKnowledge({
      dataDir: process.env.DATA_DIR || undefined,
      providersFile: process.env.PROVIDERS_FILE || undefined,
    });
  } catch (error) {
    if (!(error instanceof DataFileError)) throw error;
    process.stderr.write(`Cannot load the dataset:\n${error.message}\n`);
    return 1;
  }

  const answer = knowledge.ask(args.positionals.join(' '), resolveLocale(args.values.locale));
  if (args.values.json) {
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  } else {
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    process.stdout.write(`${renderText(answer, { color })}\n`);
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
