import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LoadedDataset } from './dataset-load.js';
import { FindingSchema, ProviderSchema, SourceSchema, type Provider } from './dataset-schema.js';
import { DataFileError, displayPath, formatIssues, parseJson } from './load-errors.js';
import { FALLBACK_LOCALE, LocaleSchema, type Locale } from './locales.js';
import { providerUnits } from './text-units.js';
import type { TranslationEntry, TranslationSet } from './translations.js';

/*
 * The 0.1 format: one JSON file with every text inline in every language. Still read when
 * PROVIDERS_FILE names a .json file, so operators' own files keep working (deprecated; see
 * CHANGELOG). Sources there say nothing about being primary, so they count as secondary.
 */

const InlineText = z
  .partialRecord(LocaleSchema, z.string().trim().min(1, 'empty text'))
  .refine((t) => t[FALLBACK_LOCALE] !== undefined, {
    message: `missing the ${FALLBACK_LOCALE} text (the fallback language)`,
  });

const LegacyFinding = FindingSchema.omit({ subject: true, summary: true, details: true }).extend({
  subject: InlineText.optional(),
  summary: InlineText,
  details: InlineText,
  asOf: z.string().optional(),
  sources: z.array(SourceSchema.extend({ primary: z.boolean().default(false) })).min(1),
});

const LegacyDataset = z.strictObject({
  $schema: z.string().optional(),
  version: z.string().optional(),
  providers: z
    .array(
      ProviderSchema.omit({ findings: true, $schema: true }).extend({
        findings: z.array(LegacyFinding).min(1).max(4),
      }),
    )
    .min(1),
});

type LegacyProvider = z.infer<typeof LegacyDataset>['providers'][number];
type Inline = z.infer<typeof InlineText>;

function english(text: Inline): string {
  return text[FALLBACK_LOCALE]!;
}

function toProvider(p: LegacyProvider): Provider {
  return {
    ...p,
    findings: p.findings.map(({ asOf: _asOf, subject, summary, details, ...rest }) => ({
      ...rest,
      ...(subject ? { subject: english(subject) } : {}),
      summary: english(summary),
      details: english(details),
    })),
  };
}

function inlineTranslations(legacy: readonly LegacyProvider[]): TranslationSet {
  const set: Partial<Record<Locale, Map<string, TranslationEntry>>> = {};
  for (const p of legacy) {
    const units = providerUnits(toProvider(p));
    const texts = p.findings.flatMap((f) =>
      [f.subject, f.summary, f.details].filter((t): t is Inline => t !== undefined),
    );
    units.forEach((unit, i) => {
      for (const [locale, text] of Object.entries(texts[i] ?? {}) as [Locale, string][]) {
        if (locale === FALLBACK_LOCALE) continue;
        (set[locale] ??= new Map()).set(unit.context, {
          source: unit.english,
          text,
          fuzzy: false,
        });
      }
    });
  }
  return set;
}

export function loadLegacyJson(file: string): LoadedDataset {
  const label = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new DataFileError(label, [`cannot read the file (${code})`]);
  }
  const result = LegacyDataset.safeParse(parseJson(label, text));
  if (!result.success) throw new DataFileError(label, formatIssues(result.error.issues));
  const providers = result.data.providers.map(toProvider);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const newest = providers.reduce((max, p) => (p.reviewed > max ? p.reviewed : max), '');
  return {
    dataset: { version: `${newest}+${hash.slice(0, 8)}`, providers, unlisted: [] },
    translations: inlineTranslations(result.data.providers),
    hash,
  };
}
