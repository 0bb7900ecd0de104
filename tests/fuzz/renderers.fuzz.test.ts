import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../src/core/locales.js';
import {
  renderAnswer as renderDiscord,
  renderNotice as discordNotice,
  renderProviderChoices,
} from '../../src/discord/render.js';
import { renderAnswer as renderSlack } from '../../src/slack/render.js';
import { choiceViolations, messageViolations } from '../discord/limits-check.js';
import { FUZZ_RUNS, userInput } from '../helpers/arbitraries.js';
import { realKnowledge } from '../helpers/context.js';
import { slackLimitViolations } from '../slack/check-limits.js';

const knowledge = realKnowledge();
const locale = fc.constantFrom(...SUPPORTED_LOCALES);

describe('fuzz: Discord renderer', () => {
  it('every message fits Discord, pings nobody, and renders the same twice', () => {
    fc.assert(
      fc.property(userInput, locale, fc.boolean(), (query, loc, isPrivate) => {
        const answer = knowledge.ask(query, loc);
        const options = {
          catalog: knowledge.catalog,
          private: isPrivate,
          replyTo: query.slice(0, 200),
        };
        const message = renderDiscord(answer, options);
        expect(messageViolations(message)).toEqual([]);
        expect(message.allowedMentions).toEqual({ parse: [] });
        expect(renderDiscord(answer, options)).toEqual(message);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('autocomplete choices and notices stay within limits for any input', () => {
    fc.assert(
      fc.property(userInput, locale, (query, loc) => {
        expect(choiceViolations(renderProviderChoices(knowledge.suggest(query, loc, 25)))).toEqual(
          [],
        );
        expect(messageViolations(discordNotice(query || '?'))).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
});

describe('fuzz: Slack renderer', () => {
  it('every message fits Block Kit, leaves no mention live, and renders the same twice', () => {
    fc.assert(
      fc.property(
        userInput,
        locale,
        fc.constantFrom('private', 'shared', 'shared-unpinnable' as const),
        (query, loc, surface) => {
          const answer = knowledge.ask(query, loc);
          const message = renderSlack(answer, knowledge.catalog, surface);
          expect(slackLimitViolations(message)).toEqual([]);
          expect(renderSlack(answer, knowledge.catalog, surface)).toEqual(message);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
