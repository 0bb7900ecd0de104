import { z } from 'zod';
import { FALLBACK_LOCALE, LocaleSchema } from './locales.js';
import { StatusSchema } from './status.js';

/** Text in several languages; the fallback language is required, the rest fall back to it. */
export const LocalizedTextSchema = z
  .partialRecord(LocaleSchema, z.string().trim().min(1, 'empty text'))
  .refine((texts) => texts[FALLBACK_LOCALE] !== undefined, {
    message: `missing the ${FALLBACK_LOCALE} text (the fallback language)`,
  })
  .describe(`Text per locale; ${FALLBACK_LOCALE} is required.`);

const IsoDateSchema = z.iso.date('expected a date as YYYY-MM-DD');

export const SourceSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).describe('The title of the cited page, as published.'),
  url: z
    .url({ protocol: /^https$/, message: 'invalid URL (an https:// URL is required)' })
    .max(512)
    .describe('https URL of the source.'),
  publisher: z.string().trim().min(1).max(100).describe('Who published it.'),
  date: IsoDateSchema.optional().describe('When the source was published (YYYY-MM-DD).'),
});

export const FindingSchema = z.strictObject({
  status: StatusSchema,
  subject: LocalizedTextSchema.optional().describe(
    'What this finding is about, when an entry has several (e.g. "ChatGPT and the API").',
  ),
  summary: LocalizedTextSchema.describe('One line.'),
  details: LocalizedTextSchema.describe('A short paragraph.'),
  asOf: IsoDateSchema.describe('The date of the newest fact this finding rests on.'),
  sources: z.array(SourceSchema).min(1, 'a finding needs at least one source').max(8),
});

export const ProviderSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase letters, digits and single hyphens')
    .max(40),
  name: z.string().trim().min(1).max(60),
  aliases: z
    .array(z.string().trim().min(1).max(60))
    .max(60)
    .describe('Other names people type: companies, products, models, other scripts.'),
  findings: z
    .array(FindingSchema)
    .min(1)
    .max(4)
    .describe(
      "The first finding answers for the provider's own production service; later ones add context.",
    ),
  reviewed: IsoDateSchema.describe('When a person last checked this entry.'),
});

export const DatasetSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.string().trim().min(1).max(40).describe('Shown in logs and metrics.'),
  providers: z.array(ProviderSchema).min(1),
});

export type LocalizedText = z.infer<typeof LocalizedTextSchema>;
export type Source = z.infer<typeof SourceSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Provider = z.infer<typeof ProviderSchema>;
export type Dataset = z.infer<typeof DatasetSchema>;
