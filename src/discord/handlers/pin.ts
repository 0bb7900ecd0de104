import {
  DiscordAPIError,
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  Routes,
  type ButtonInteraction,
} from 'discord.js';
import { translate } from '../../core/i18n.js';
import type { PinnedRef } from '../../core/pinned-answer.js';
import { resolveLocale } from '../../core/locale-resolve.js';
import type { UiKey } from '../../core/ui-strings.js';
import type { BotContext } from '../../runtime/bot-context.js';
import { discordContentHash } from '../pins/content-hash.js';
import { forEdit, renderNotice } from '../render.js';
import type { Handled, Job } from './run.js';

type PinKey = Extract<UiKey, `pin.${string}`>;

/**
 * Why this click cannot pin, checked before asking Discord. Since 2026-02-23 only
 * PIN_MESSAGES (1 << 51) grants pinning; Manage Messages alone no longer does. The member's
 * and the bot's permissions in this channel come with the interaction.
 */
export function pinProblem(interaction: ButtonInteraction): PinKey | undefined {
  // A group DM or a DM between users: the bot is not a member there.
  if (interaction.context === InteractionContextType.PrivateChannel) return 'pin.notInServer';
  if (!interaction.guildId) return undefined;
  const guildInstalled = interaction.authorizingIntegrationOwners.guildId !== null;
  if (!guildInstalled && !interaction.inCachedGuild()) return 'pin.notInServer';
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.PinMessages)) {
    return 'pin.userMissingPermission';
  }
  if (!interaction.appPermissions.has(PermissionFlagsBits.PinMessages)) {
    return 'pin.botMissingPermission';
  }
  return undefined;
}

function keyForError(error: unknown): PinKey | undefined {
  if (!(error instanceof DiscordAPIError)) return undefined;
  switch (error.code) {
    case RESTJSONErrorCodes.MaximumNumberOfPinsReachedForTheChannel:
      return 'pin.channelFull';
    case RESTJSONErrorCodes.MissingPermissions:
      return 'pin.botMissingPermission';
    case RESTJSONErrorCodes.MissingAccess:
      return 'pin.notInServer';
    default:
      return undefined;
  }
}

/**
 * Remembers a pinned answer so it can be kept true when the dataset changes. The hash is of
 * the message as Discord shows it, so an answer posted before a reload and pinned after it is
 * updated at the next pass. The pin itself is done: a database problem is only logged.
 */
async function remember(
  ctx: BotContext,
  interaction: ButtonInteraction,
  shows: PinnedRef,
): Promise<void> {
  if (!ctx.store) return;
  const message = interaction.message;
  try {
    await ctx.store.recordPin({
      platform: 'discord',
      workspaceId: interaction.guildId,
      channelId: interaction.channelId,
      messageId: message.id,
      providerId: shows.providerId,
      locale: shows.locale,
      lead: shows.lead,
      contentHash: discordContentHash({
        embeds: message.embeds.map((e) => e.toJSON()),
        components: message.components.map((c) => c.toJSON()),
      }),
    });
  } catch (error) {
    ctx.logger.warn(
      { err: error, interactionId: interaction.id },
      'pinned, but could not remember the pin; it will not be kept true',
    );
  }
}

/**
 * The Pin button under a public answer: pins that message for whoever may pin in the channel,
 * and explains privately, in the clicker's language, when that cannot happen. `shows` (from
 * the button's custom id) is what the message answers; answers posted before buttons said so
 * are pinned but not kept true.
 */
export const pinButton = (shows?: PinnedRef): Job<ButtonInteraction> => ({
  locale: (interaction) => resolveLocale(interaction.locale),
  async run(interaction, knowledge, locale, ctx): Promise<Handled> {
    const say = (key: PinKey) => renderNotice(translate(knowledge.catalog, locale, key));
    const problem = pinProblem(interaction);
    if (problem) {
      await interaction.reply(say(problem));
      return { outcome: 'found', locale };
    }
    // Pins have tight per-channel rate limits, so the request may wait: answer Discord first.
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    let key: PinKey = 'pin.done';
    try {
      await interaction.client.rest.put(
        Routes.channelMessagesPin(interaction.channelId, interaction.message.id),
        { reason: `Pinned for ${interaction.user.username} (vLLM bot Pin button)` },
      );
      if (shows) await remember(ctx, interaction, shows);
    } catch (error) {
      key = keyForError(error) ?? 'pin.failed';
      if (key === 'pin.failed') {
        ctx.logger.warn({ err: error, interactionId: interaction.id }, 'discord pin failed');
      }
    }
    await interaction.editReply(forEdit(say(key)));
    return { outcome: 'found', locale };
  },
});
