import {
  parse as parseTolerant,
  printParseErrorCode,
  type ParseError,
  type ParseErrorCode,
} from 'jsonc-parser';
import { relative } from 'node:path';
import type { z } from 'zod';

// A problem that starts with `line:column: ` reads as `file:line:column: ...`, as compilers print.
const LOCATED = /^\d+:\d+: /;

/** A file that could not be loaded, with every problem found in it, one per line. */
export class DataFileError extends Error {
  readonly file: string;
  readonly problems: string[];

  constructor(file: string, problems: string[]) {
    super(problems.map((p) => `${file}${LOCATED.test(p) ? ':' : ': '}${p}`).join('\n'));
    this.name = 'DataFileError';
    this.file = file;
    this.problems = problems;
  }
}

/** A file as an operator would name it: relative to the working folder when inside it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `['providers', 3, 'sources', 0, 'url']` → `providers[3].sources[0].url`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (IDENTIFIER.test(String(key))) out += out ? `.${String(key)}` : String(key);
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || '(top level)';
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  return issue.message;
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issueMessage(issue)}`);
}

// "ValueExpected" → "value expected"
function describeJsonError(code: ParseErrorCode): string {
  return printParseErrorCode(code)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * JSON.parse, but a syntax error names every place by line and column. V8's own message
 * gives no position on Node 20, so jsonc-parser (strict mode) locates the errors.
 */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseTolerant(text, errors, { disallowComments: true, allowTrailingComma: false });
    const problems = errors.map(
      (e) => `invalid JSON at ${lineAndColumn(text, e.offset)}: ${describeJsonError(e.error)}`,
    );
    throw new DataFileError(file, problems.length > 0 ? problems : ['invalid JSON']);
  }
}

/** Problems in several files of one dataset, reported together. */
export class DatasetError extends DataFileError {
  readonly errors: readonly DataFileError[];

  constructor(errors: readonly DataFileError[]) {
    const lines = errors.flatMap((e) => e.message.split('\n'));
    super(errors[0]?.file ?? 'dataset', lines);
    this.message = lines.join('\n');
    this.name = 'DatasetError';
    this.errors = errors;
  }
}
