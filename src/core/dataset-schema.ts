import { z } from 'zod';
import { StatusSchema } from './status.js';

/*
 * One provider file (data/providers/<id>.yaml), in English: the source text every translation
 * is tied to. Translations live in data/translations (see translations.ts).
 */

const IsoDateSchema = z.iso.date('expected a date as YYYY-MM-DD');

/** A publication date as precise as it is known: a day, a month or a year. */
const PartialDateSchema = z
  .string()
  .regex(
    /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/,
    'expected a date as YYYY-MM-DD, YYYY-MM or YYYY',
  );

const EnglishText = (max: number) =>
  z.string().trim().min(1, 'empty text').max(max, `longer than ${max} characters`);

export const KINDS = ['provider', 'engine', 'tool'] as const;
export const KindSchema = z
  .enum(KINDS)
  .describe(
    'provider: an organisation running or shipping AI; engine: an inference engine (SGLang, llama.cpp); tool: a local app (Ollama, LM Studio).',
  );
export type Kind = z.infer<typeof KindSchema>;

export const SourceSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).describe('The title of the cited page, as published.'),
  url: z
    .url({ protocol: /^https$/, message: 'invalid URL (an https:// URL is required)' })
    .max(512)
    .describe('https URL of the source.'),
  publisher: z.string().trim().min(1).max(100).describe('Who published it.'),
  date: PartialDateSchema.optional().describe(
    'When the source was published (YYYY-MM-DD, YYYY-MM or YYYY); leave out when undated.',
  ),
  primary: z
    .boolean()
    .describe('true when the organisation itself or the vLLM project says it; false otherwise.'),
  copy: z
    .enum(['mirror', 'summary'])
    .optional()
    .describe('This URL is a mirror of the original page, or a secondary summary of it.'),
});

const NamesSchema = z.array(z.string().trim().min(1).max(60));

export const FindingSchema = z.strictObject({
  status: StatusSchema,
  subject: EnglishText(80)
    .optional()
    .describe(
      'What this finding is about, when an entry has several (e.g. "ChatGPT and the API").',
    ),
  aliases: NamesSchema.max(30)
    .optional()
    .describe('Model or product names that lead with this finding (e.g. gpt-oss).'),
  summary: EnglishText(240).describe('One sentence.'),
  details: EnglishText(900).describe('A short paragraph.'),
  sources: z.array(SourceSchema).min(1, 'a finding needs at least one source').max(8),
});

export const ProviderSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'ids are lowercase letters, digits and single hyphens')
    .max(40),
  name: z.string().trim().min(1).max(60),
  kind: KindSchema.default('provider'),
  aliases: NamesSchema.max(60).describe(
    'Other names people type: companies, products, models, other scripts.',
  ),
  reviewed: IsoDateSchema.describe('When a person last checked this entry.'),
  findings: z
    .array(FindingSchema)
    .min(1)
    .max(4)
    .describe(
      "The first finding answers for the provider's own production service; later ones add context.",
    ),
});

export type Source = z.infer<typeof SourceSchema>;
export type Finding = z.infer<typeof FindingSchema>;
export type Provider = z.infer<typeof ProviderSchema>;

/** data/unlisted.yaml: names people ask about that are not providers (a chip, vLLM itself). */
export const UnlistedSchema = z.strictObject({
  $schema: z.string().optional(),
  names: z.array(z.string().trim().min(1).max(60)).max(500),
});

export interface Dataset {
  /** Derived, never hand-bumped: the newest review date and a short content hash. */
  version: string;
  providers: Provider[];
  unlisted: string[];
}
