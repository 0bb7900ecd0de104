import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AnswerSchema } from '../../src/core/answer-schema.js';
import { MAX_ECHO_LENGTH } from '../../src/core/compose.js';
import { resolveLocale } from '../../src/core/locale-resolve.js';
import { SUPPORTED_LOCALES } from '../../src/core/locales.js';
import { createMatcher } from '../../src/core/matcher.js';
import { FUZZ_RUNS, userInput } from '../helpers/arbitraries.js';
import { realKnowledge } from '../helpers/context.js';

const knowledge = realKnowledge();
const locale = fc.constantFrom(...SUPPORTED_LOCALES);

describe('fuzz: matcher and composer', () => {
  it('never throws, always returns a valid answer, and is deterministic', () => {
    fc.assert(
      fc.property(userInput, locale, (query, loc) => {
        const first = knowledge.ask(query, loc);
        AnswerSchema.parse(first);
        expect(knowledge.ask(query, loc)).toEqual(first);
        if (first.kind === 'ambiguous' || first.kind === 'not-found') {
          expect([...first.query].length).toBeLessThanOrEqual(MAX_ECHO_LENGTH);
          expect(first.query).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('a fresh matcher agrees with a used one (no hidden state)', () => {
    const used = createMatcher(knowledge.providers);
    fc.assert(
      fc.property(userInput, (query) => {
        const fresh = createMatcher(knowledge.providers);
        expect(JSON.stringify(fresh.match(query))).toBe(JSON.stringify(used.match(query)));
      }),
      { numRuns: 300 },
    );
  });

  it('autocomplete ranking never throws and respects its limit', () => {
    fc.assert(
      fc.property(userInput, fc.integer({ min: 1, max: 25 }), (query, limit) => {
        expect(knowledge.suggest(query, 'en-US', limit).length).toBeLessThanOrEqual(limit);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('resolves any tag to a supported locale', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), userInput), (tag) => {
        expect(SUPPORTED_LOCALES).toContain(resolveLocale(tag));
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});
