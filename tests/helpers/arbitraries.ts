import fc from 'fast-check';

/** Inputs people (and attackers) type: every kind the bot must survive. */
const pieces = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '@everyone',
    '@here',
    '<@123456789012345678>',
    '<@!123456789012345678>',
    '<@&123456789012345678>',
    '<#123456789012345678>',
    '<!channel>',
    '<!here>',
    '<!everyone>',
    '<@U0123ABCD>',
    '<!subteam^S123>',
    '**bold**',
    '`code`',
    '```block```',
    '> quote',
    '||spoiler||',
    '[link](https://evil.example)',
    '&amp;',
    '<script>',
    '\u202e',
    '\u200b',
    '\u200d',
    '\ufeff',
    'مرحبا',
    'שלום',
    '🙂',
    '👩‍👩‍👧‍👦',
    '🇩🇪',
    '深度求索',
    'deepseek',
    'gpt-4o',
    '\n',
    '\t',
    '\u0000',
  ),
);

export const userInput = fc.oneof(
  { weight: 8, arbitrary: fc.array(pieces, { maxLength: 8 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.string({ minLength: 9_000, maxLength: 10_000 }) },
);

/** Numbers of runs: the issue asks for at least 10,000 generated inputs per subject. */
export const FUZZ_RUNS = 10_000;
