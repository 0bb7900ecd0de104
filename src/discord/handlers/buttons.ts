import type { ButtonInteraction } from 'discord.js';
import type { Answer } from '../../core/answer-schema.js';
import type { Knowledge } from '../../core/knowledge.js';
import type { Locale } from '../../core/locales.js';
import { outcomeOf } from '../../runtime/bot-context.js';
import type { ButtonAction } from '../custom-ids.js';
import { forEdit, renderAnswer } from '../render.js';
import { answerOptions } from './answer-options.js';
import { providerIdOf } from './command.js';
import type { Handled, Job } from './run.js';

type Pick = Extract<ButtonAction, { action: 'pick' }>;
type Share = Extract<ButtonAction, { action: 'share' }>;

/** A provider from a button; if a reload removed it since, whatever the core makes of its id. */
export function answerFor(knowledge: Knowledge, providerId: string, locale: Locale): Answer {
  return knowledge.answerFor(providerId, locale) ?? knowledge.ask(providerId, locale);
}

/**
 * A "did you mean" choice. Asked privately: the private suggestion turns into the answer in
 * place. Otherwise the answer is posted as a new public message.
 */
export function pickButton(action: Pick): Job<ButtonInteraction> {
  return {
    locale: () => action.locale,
    async run(interaction, knowledge, locale, ctx): Promise<Handled> {
      const answer = answerFor(knowledge, action.providerId, locale);
      const message = renderAnswer(
        answer,
        answerOptions(ctx, knowledge.catalog, { private: action.private }),
      );
      if (action.private) await interaction.update(forEdit(message));
      else await interaction.reply(message);
      const providerId = providerIdOf(answer);
      return { outcome: outcomeOf(answer), providerId, locale, query: action.providerId };
    },
  };
}

/** "Post publicly" on a private answer: the same answer, in the same language, for everyone. */
export function shareButton(action: Share): Job<ButtonInteraction> {
  return {
    locale: () => action.locale,
    async run(interaction, knowledge, locale, ctx): Promise<Handled> {
      const answer = action.providerId
        ? answerFor(knowledge, action.providerId, locale)
        : knowledge.ask('', locale);
      await interaction.reply(
        renderAnswer(answer, answerOptions(ctx, knowledge.catalog, { private: false })),
      );
      return { outcome: outcomeOf(answer), providerId: providerIdOf(answer), locale };
    },
  };
}
