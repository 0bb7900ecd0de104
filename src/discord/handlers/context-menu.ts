import { messageLink, type MessageContextMenuCommandInteraction } from 'discord.js';
import { translate } from '../../core/i18n.js';
import { resolveLocale } from '../../core/locale-resolve.js';
import { renderAnswer, renderNotice } from '../render.js';
import { answerOptions } from './answer-options.js';
import { leadFor, providerIdOf } from './command.js';
import type { Handled, Job } from './run.js';

/**
 * "Ask vLLM bot" on someone's message: answers the provider that message names, publicly and
 * linked to it, so a helper does not retype the question. Interaction responses cannot be
 * Discord replies, hence the jump link. Ambiguous: "did you mean" to the helper; nothing named
 * (or no text at all): a private note.
 */
export const askMessageCommand: Job<MessageContextMenuCommandInteraction> = {
  locale: (interaction) => resolveLocale(interaction.locale),
  async run(interaction, knowledge, locale, ctx): Promise<Handled> {
    const target = interaction.targetMessage;
    const query = target.content;
    const link = interaction.guildId
      ? messageLink(target.channelId, target.id, interaction.guildId)
      : messageLink(target.channelId, target.id);
    const answer = knowledge.ask(query, locale);
    if (answer.kind === 'provider' || answer.kind === 'ambiguous') {
      await interaction.reply(
        renderAnswer(
          answer,
          answerOptions(ctx, knowledge.catalog, {
            private: false,
            query,
            replyTo: link,
            lead: leadFor(knowledge, answer),
          }),
        ),
      );
      return {
        outcome: answer.kind === 'provider' ? 'found' : 'ambiguous',
        providerId: providerIdOf(answer),
        locale,
        query,
      };
    }
    await interaction.reply(
      renderNotice(translate(knowledge.catalog, locale, 'contextMenu.noProvider')),
    );
    return { outcome: 'not-found', locale, query };
  },
};
