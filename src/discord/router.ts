import type { Interaction } from 'discord.js';
import type { BotContext } from '../runtime/bot-context.js';
import { VLLM_COMMAND } from './command-names.js';
import { parseButtonId } from './custom-ids.js';
import { vllmAutocomplete } from './handlers/autocomplete.js';
import { pickButton, shareButton } from './handlers/buttons.js';
import { vllmCommand } from './handlers/command.js';
import { askMessageCommand } from './handlers/context-menu.js';
import { pinButton } from './handlers/pin.js';
import { runAutocomplete, runInteraction } from './handlers/run.js';

/**
 * Sends each interaction to its handler. Resolves when it was answered (or could not be);
 * never rejects. Interactions this bot did not make (other commands, foreign buttons) are
 * left alone.
 */
export async function routeInteraction(
  ctx: BotContext,
  interaction: Interaction,
  startedAt: number,
): Promise<void> {
  if (interaction.isAutocomplete()) {
    if (interaction.commandName === VLLM_COMMAND) {
      await runAutocomplete(ctx, interaction, startedAt, vllmAutocomplete);
    }
    return;
  }
  if (interaction.isChatInputCommand()) {
    if (interaction.commandName === VLLM_COMMAND) {
      await runInteraction(ctx, interaction, startedAt, vllmCommand);
    }
    return;
  }
  // Our only message command; its name is localised data, so it is matched by type.
  if (interaction.isMessageContextMenuCommand()) {
    await runInteraction(ctx, interaction, startedAt, askMessageCommand);
    return;
  }
  if (interaction.isButton()) {
    const action = parseButtonId(interaction.customId);
    if (!action) {
      ctx.logger.debug({ interactionId: interaction.id }, 'ignored a button this bot did not make');
      return;
    }
    const job =
      action.action === 'pin'
        ? pinButton(action.shows)
        : action.action === 'pick'
          ? pickButton(action)
          : shareButton(action);
    await runInteraction(ctx, interaction, startedAt, job);
    return;
  }
  ctx.logger.debug(
    { interactionId: interaction.id, type: interaction.type },
    'ignored interaction',
  );
}
