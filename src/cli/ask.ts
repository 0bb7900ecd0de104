import { parseArgs } from 'node:util';
import { languageOverride, takeLanguageOption } from '../core/language-option.js';
import { loadKnowledge } from '../core/load-knowledge.js';
import { DataFileError } from '../core/load-errors.js';
import { FALLBACK_LOCALE, SUPPORTED_LOCALES } from '../core/locales.js';
import { isMain } from './is-main.js';
import { renderText } from './render-text.js';

const USAGE = `Usage: vllm-bot ask [query...] [--locale <tag>] [--json]
  (from a checkout: npm run -s ask -- [query...] [--locale <tag>] [--json])

  query          provider, company or model name (e.g. deepsek, gpt-4o, 深度求索);
                 leave it out for the overview of every provider.
                 lang:<tag> inside the query works like --locale, as in Slack
  --locale, -l   answer in this language (de, pt-BR, ja, zh-TW, ...); default ${FALLBACK_LOCALE}.
                 An unknown language is refused (exit 2); --locale wins over lang:
  --locales      list the supported locales
  --json         print the answer as JSON, alone on stdout (see data/answer.schema.json)
  --help, -h     show this help

Environment: DATA_DIR (default data/), PROVIDERS_FILE (deprecated)`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      locale: { type: 'string', short: 'l' },
      locales: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

const unknownLocale = (tag: string) =>
  `Unknown locale "${tag}": no supported language matches it.\n` +
  `See the supported locales with: vllm-bot ask --locales  (or: npm run -s ask -- --locales)\n`;

/** `vllm-bot ask`: prints one answer; returns the exit code (2: bad usage, 1: bad dataset). */
export function runAsk(argv: string[]): number {
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
  if (args.values.locales) {
    process.stdout.write(`${SUPPORTED_LOCALES.join('\n')}\n`);
    return 0;
  }
  const { text: query, language } = takeLanguageOption(args.positionals.join(' '));
  const tag = args.values.locale ?? language;
  if (tag !== undefined && tag.trim() === '') {
    process.stderr.write(`--locale needs a language tag\n\n${USAGE}\n`);
    return 2;
  }
  const locale = tag === undefined ? FALLBACK_LOCALE : languageOverride(tag);
  if (locale === undefined) {
    process.stderr.write(unknownLocale(tag ?? ''));
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

  const answer = knowledge.ask(query, locale);
  if (args.values.json) {
    process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
  } else {
    const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
    process.stdout.write(`${renderText(answer, { color })}\n`);
  }
  return 0;
}

if (isMain(import.meta.url)) process.exitCode = runAsk(process.argv.slice(2));
