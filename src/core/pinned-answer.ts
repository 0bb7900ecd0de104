import type { Answer, ProviderAnswer } from './answer-schema.js';
import { formatDate } from './format.js';
import { translate } from './i18n.js';
import type { Knowledge } from './knowledge.js';
import { resolveLocale } from './locale-resolve.js';
import type { Locale } from './locales.js';

/** The provider id a pin of the overview (every provider) is recorded under. */
export const OVERVIEW_PIN = '*';

/** What a pinned message shows, enough to compose it again from any dataset. */
export interface PinnedRef {
  /** A provider id, or OVERVIEW_PIN. */
  providerId: string;
  locale: string;
  /** The finding a provider answer leads with; 0 for the provider's own order. */
  lead: number;
}

/**
 * The answer a pinned message should show with this dataset, in the pin's language.
 * Undefined when its provider is gone from the dataset: then the message is left as it is.
 */
export function answerForPin(knowledge: Knowledge, ref: PinnedRef): Answer | undefined {
  const locale = resolveLocale(ref.locale);
  if (ref.providerId === OVERVIEW_PIN) return knowledge.ask('', locale);
  return knowledge.answerFor(ref.providerId, locale, ref.lead);
}

/**
 * Which finding a provider answer leads with: the `lead` that makes `knowledge.answerFor`
 * compose this very answer. 0 unless a model name moved its finding first.
 */
export function leadOf(knowledge: Knowledge, answer: ProviderAnswer): number {
  if (!answer.focus) return 0;
  const count = answer.findings.length;
  for (let lead = 1; lead < count; lead += 1) {
    if (knowledge.answerFor(answer.provider.id, answer.locale, lead)?.focus === answer.focus) {
      return lead;
    }
  }
  return 0;
}

/**
 * The derived dataset version (`<newest review date>+<8 hex of the files' hash>`, see
 * dataset-load.ts) changes with every file, and answers show it in their footer. A pinned
 * answer is edited when *its* content changes, so content hashes leave the version out.
 */
const DATASET_VERSION = /\b\d{4}-\d{2}-\d{2}\+[0-9a-f]{8}\b/g;

/** Text with any dataset version replaced by a placeholder, for content hashes. */
export function withoutDatasetVersion(text: string): string {
  return text.replace(DATASET_VERSION, '<version>');
}

/** "Updated <date> because the dataset changed.", in the pin's language. */
export function updatedNote(knowledge: Knowledge, locale: Locale, at: Date): string {
  const date = formatDate(at.toISOString().slice(0, 10), locale);
  return translate(knowledge.catalog, locale, 'pin.updated', { date });
}
