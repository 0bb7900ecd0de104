import { z } from 'zod';
import { LocaleSchema } from './locales.js';
import { StatusSchema } from './status.js';

/**
 * The platform-neutral answer: fully localised, ready to render. `npm run ask -- --json`
 * prints exactly this, so its shape is a contract (see data/answer.schema.json).
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
  ...StatusView,
});

export const SourceViewSchema = z.object({
  title: z.string(),
  url: z.string(),
  publisher: z.string(),
  date: z.string().optional().describe('YYYY-MM-DD'),
  dateText: z.string().optional().describe('The date, formatted for the locale.'),
});

export const FindingViewSchema = z.object({
  ...StatusView,
  subject: z.string().optional(),
  summary: z.string(),
  details: z.string(),
  asOf: z.string().describe('YYYY-MM-DD'),
  asOfText: z.string().describe('"As of <date>", localised.'),
  sources: z.array(SourceViewSchema),
});

const Common = {
  locale: LocaleSchema,
  title: z.string(),
};

export const ProviderAnswerSchema = z.object({
  kind: z.literal('provider'),
  ...Common,
  provider: z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()) }),
  /** The headline status is the first finding's. */
  ...StatusView,
  findings: z.array(FindingViewSchema).min(1),
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
export type FindingView = z.infer<typeof FindingViewSchema>;
export type ProviderAnswer = z.infer<typeof ProviderAnswerSchema>;
export type SuggestionAnswer = z.infer<typeof SuggestionAnswerSchema>;
export type OverviewAnswer = z.infer<typeof OverviewAnswerSchema>;
export type Answer = z.infer<typeof AnswerSchema>;
