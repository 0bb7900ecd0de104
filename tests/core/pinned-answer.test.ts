import { describe, expect, it } from 'vitest';
import {
  OVERVIEW_PIN,
  answerForPin,
  leadOf,
  updatedNote,
  withoutDatasetVersion,
} from '../../src/core/pinned-answer.js';
import { realKnowledge } from '../helpers/context.js';

const knowledge = realKnowledge();

describe('what a pinned answer shows', () => {
  it('composes a pin again: a provider in its language and lead, or the overview', () => {
    expect(answerForPin(knowledge, { providerId: 'alibaba', locale: 'de', lead: 1 })).toBe(
      knowledge.answerFor('alibaba', 'de', 1),
    );
    expect(answerForPin(knowledge, { providerId: OVERVIEW_PIN, locale: 'uk', lead: 0 })).toBe(
      knowledge.ask('', 'uk'),
    );
    expect(answerForPin(knowledge, { providerId: 'gone-provider', locale: 'de', lead: 0 })).toBe(
      undefined,
    );
  });

  it('finds the lead of an answer to a model name, 0 for the provider itself', () => {
    const asked = knowledge.ask('qwen3', 'fr');
    expect(asked.kind).toBe('provider');
    if (asked.kind !== 'provider') return;
    expect(leadOf(knowledge, asked)).toBe(1);
    expect(knowledge.answerFor('alibaba', 'fr', leadOf(knowledge, asked))).toBe(asked);
    expect(leadOf(knowledge, knowledge.answerFor('alibaba', 'fr')!)).toBe(0);
  });

  it('leaves the derived dataset version out of content hashes', () => {
    const footer = knowledge.answerFor('deepseek', 'de')!.footer;
    expect(footer).toContain(knowledge.version);
    const other = footer.replace(knowledge.version, '2027-01-02+0123abcd');
    expect(withoutDatasetVersion(other)).toBe(withoutDatasetVersion(footer));
    expect(withoutDatasetVersion(footer)).not.toContain(knowledge.version);
  });

  it('says when it was updated, in the pin’s language', () => {
    const at = new Date('2026-12-06T10:00:00Z');
    expect(updatedNote(knowledge, 'de', at)).toBe(
      'Aktualisiert am 6. Dezember 2026, weil sich der Datensatz geändert hat.',
    );
    expect(updatedNote(knowledge, 'en-US', at)).toBe(
      'Updated December 6, 2026 because the dataset changed.',
    );
  });
});
