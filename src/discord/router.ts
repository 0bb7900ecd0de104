import type { ButtonInteraction, Interaction } from 'discord.js';
import type { BotContext } from '../runtime/bot-context.js';
import { VLLM_COMMAND } from './command-names.js';
import { parseButtonId, parseReportModalId, type ButtonAction } from './custom-ids.js';
import { vllmAutocomplete } from './handlers/autocomplete.js';
import { pickButton, shareButton } from './handlers/buttons.js';
import { vllmCommand } from './handlers/command.js';
import { askMessageCommand } from './handlers/context-menu.js';
import { inMyLanguageButton } from './handlers/in-my-language.js';
import { pinButton } from './handlers/pin.js';
import { reportButton, reportSubmit } from './handlers/report.js';
import { runAutocomplete, runInteraction, type Job } from './handlers/run.js';

function buttonJob(action: ButtonAction): Job<ButtonInteraction> {
  switch (action.action) {
    case 'pin':
      return pinButton(action.shows);
    case 'pick':
      return pickButton(action);
    case 'share':
      return shareButton(action);
    case 'mine':
      return inMyLanguageButton(action);
    case 'report':
      return reportButton(action);
  }
}

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
    await runInteraction(ctx, interaction, startedAt, buttonJob(action));
    return;
  }
  if (interaction.isModalSubmit()) {
    const ref = parseReportModalId(interaction.customId);
    if (!ref) {
      ctx.logger.debug({ interactionId: interaction.id }, 'ignored a modal this bot did not make');
      return;
    }
    await runInteraction(ctx, interaction, startedAt, reportSubmit(ref));
    return;
  }
  ctx.logger.debug(
    { interactionId: interaction.id, type: interaction.type },
    'ignored interaction',
  );
}
