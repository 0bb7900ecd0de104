import type { ButtonInteraction } from 'discord.js';
import { resolveLocale } from '../../core/locale-resolve.js';
import { outcomeOf } from '../../runtime/bot-context.js';
import type { ButtonAction } from '../custom-ids.js';
import { renderAnswer } from '../render.js';
import { answerOptions } from './answer-options.js';
import { answerFor } from './buttons.js';
import { providerIdOf } from './command.js';
import type { Handled, Job } from './run.js';

type Mine = Extract<ButtonAction, { action: 'mine' }>;

/**
 * "🌐 In my language" under a public answer: the same answer, privately, in the language of
 * whoever clicked (their Discord client's), whatever language the public one is in. The copy
 * is private, so it carries no In-my-language button of its own.
 */
export function inMyLanguageButton(action: Mine): Job<ButtonInteraction> {
  return {
    locale: (interaction) => resolveLocale(interaction.locale),
    async run(interaction, knowledge, locale, ctx): Promise<Handled> {
      const answer = action.providerId
        ? answerFor(knowledge, action.providerId, locale)
        : knowledge.ask('', locale);
      await interaction.reply(
        renderAnswer(answer, answerOptions(ctx, knowledge.catalog, { private: true })),
      );
      return { outcome: outcomeOf(answer), providerId: providerIdOf(answer), locale };
    },
  };
}
