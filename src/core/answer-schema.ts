import { z } from 'zod';
import { KindSchema } from './dataset-schema.js';
import { LocaleSchema } from './locales.js';
import { StatusSchema } from './status.js';

/**
 * The platform-neutral answer: fully localised, ready to render. `npm run ask -- --json`
 * prints exactly this, so its shape is a contract (see data/answer.schema.json): fields are
 * added, never removed or retyped without a deprecation in CHANGELOG.md.
 */
const StatusView = {
  status: StatusSchema,
  statusLabel: z.string(),
  emoji: z.string(),
  color: z.number().int().describe('0xRRGGBB'),
};

export const ProviderSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: KindSchema,
  ...StatusView,
});

export const SourceViewSchema = z.object({
  title: z.string(),
  url: z.string(),
  publisher: z.string(),
  date: z.string().optional().describe('YYYY-MM-DD, YYYY-MM or YYYY'),
  dateText: z.string().optional().describe('The date, formatted for the locale.'),
  primary: z
    .boolean()
    .describe('The organisation itself or the vLLM project says it (else a secondary source).'),
  copy: z.enum(['mirror', 'summary']).optional(),
  note: z
    .string()
    .optional()
    .describe('Localised remark for secondary sources, mirrors and summaries.'),
});

export const FindingViewSchema = z.object({
  ...StatusView,
  subject: z.string().optional(),
  summary: z.string(),
  details: z.string(),
  asOf: z
    .string()
    .optional()
    .describe(
      'The newest dated source (YYYY-MM-DD, YYYY-MM or YYYY); absent when all are undated.',
    ),
  asOfText: z.string().describe('"As of <date>" or "Undated sources", localised.'),
  evidence: z.enum(['primary', 'secondary']).describe('Whether at least one source is primary.'),
  qualifier: z
    .string()
    .optional()
    .describe('Localised "secondary sources only", for strong statuses without a primary source.'),
  untranslated: z
    .boolean()
    .describe(
      'Some text of this finding is shown in English: its translation is missing or stale.',
    ),
  sources: z.array(SourceViewSchema),
});

const Common = {
  locale: LocaleSchema,
  title: z.string(),
};

export const ProviderAnswerSchema = z.object({
  kind: z.literal('provider'),
  ...Common,
  provider: z.object({
    id: z.string(),
    name: z.string(),
    aliases: z.array(z.string()),
    kind: KindSchema,
    kindLabel: z.string().optional().describe('Localised, for engines and tools.'),
  }),
  /** The headline status is the first finding's. */
  ...StatusView,
  qualifier: z.string().optional().describe("The first finding's qualifier, if any."),
  findings: z.array(FindingViewSchema).min(1),
  focus: z
    .string()
    .optional()
    .describe('The model or product name asked about, when it moved its finding first.'),
  notice: z
    .string()
    .optional()
    .describe('Localised note shown when part of the answer falls back to English.'),
  sourcesLabel: z.string(),
  reviewed: z.string().describe('YYYY-MM-DD'),
  footer: z.string(),
});

export const SuggestionAnswerSchema = z.object({
  kind: z.enum(['ambiguous', 'not-found']),
  ...Common,
  query: z.string().describe('What was asked, shortened and stripped of control characters.'),
  message: z.string(),
  suggestions: z.array(ProviderSummarySchema),
});

export const OverviewAnswerSchema = z.object({
  kind: z.literal('overview'),
  ...Common,
  message: z.string(),
  providers: z.array(ProviderSummarySchema),
  footer: z.string(),
});

export const AnswerSchema = z.discriminatedUnion('kind', [
  ProviderAnswerSchema,
  SuggestionAnswerSchema,
  OverviewAnswerSchema,
]);

export type ProviderSummary = z.infer<typeof ProviderSummarySchema>;
export type SourceView = z.infer<typeof SourceViewSchema>;
export type FindingView = z.infer<typeof FindingViewSchema>;
export type ProviderAnswer = z.infer<typeof ProviderAnswerSchema>;
export type SuggestionAnswer = z.infer<typeof SuggestionAnswerSchema>;
export type OverviewAnswer = z.infer<typeof OverviewAnswerSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
