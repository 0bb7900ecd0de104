import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type LocalizationMap,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { ownTranslation, type Catalog } from '../src/core/i18n.js';
import { SUPPORTED_LOCALES } from '../src/core/locales.js';
import type { UiKey } from '../src/core/ui-strings.js';
import { VLLM_COMMAND, VLLM_OPTIONS } from '../src/discord/command-names.js';
import {
  COMMAND_DESCRIPTION_MAX,
  COMMAND_NAME_MAX,
  PROVIDER_OPTION_MAX_LENGTH,
} from '../src/discord/limits.js';
import { truncate } from '../src/discord/render.js';

/**
 * The Discord application commands, as data: `/vllm` and the message command "Ask vLLM bot".
 * Every description (and the message command's name) is localised from data/locales for each
 * Discord locale that has a translation; Discord shows the default (en-US) text otherwise.
 * Option names stay English everywhere, so written instructions work in every language.
 */

/** Guild install and user install: usable in servers, and from a user's account anywhere. */
export const INTEGRATION_TYPES = [
  ApplicationIntegrationType.GuildInstall,
  ApplicationIntegrationType.UserInstall,
];
/** Servers, DMs with the bot, and other DMs and group DMs (user install). */
export const CONTEXTS = [
  InteractionContextType.Guild,
  InteractionContextType.BotDM,
  InteractionContextType.PrivateChannel,
];

function localized(catalog: Catalog, key: UiKey, max: number): LocalizationMap {
  const map: LocalizationMap = {};
  for (const locale of SUPPORTED_LOCALES) {
    const text = ownTranslation(catalog, locale, key);
    if (text) map[locale] = truncate(text, max);
  }
  return map;
}

function text(catalog: Catalog, key: UiKey, max: number) {
  return {
    default: truncate(catalog.english[key], max),
    localizations: localized(catalog, key, max),
  };
}

function described(catalog: Catalog, key: UiKey) {
  const t = text(catalog, key, COMMAND_DESCRIPTION_MAX);
  return { description: t.default, description_localizations: t.localizations };
}

export interface CommandScope {
  /** Guild commands take neither integration_types nor contexts (global commands only). */
  global: boolean;
}

export function discordCommands(
  catalog: Catalog,
  scope: CommandScope = { global: true },
): RESTPutAPIApplicationCommandsJSONBody {
  const availability = scope.global
    ? { integration_types: INTEGRATION_TYPES, contexts: CONTEXTS }
    : {};
  const menuName = text(catalog, 'contextMenu.name', COMMAND_NAME_MAX);
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: VLLM_COMMAND,
      ...described(catalog, 'command.description'),
      ...availability,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: VLLM_OPTIONS.provider,
          ...described(catalog, 'command.provider.description'),
          required: false,
          autocomplete: true,
          max_length: PROVIDER_OPTION_MAX_LENGTH,
        },
        {
          // 32 languages exceed Discord's 25 fixed choices: autocomplete lists them by name.
          type: ApplicationCommandOptionType.String,
          name: VLLM_OPTIONS.language,
          ...described(catalog, 'command.language.description'),
          required: false,
          autocomplete: true,
          max_length: 40,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: VLLM_OPTIONS.private,
          ...described(catalog, 'command.private.description'),
          required: false,
        },
      ],
    },
    {
      type: ApplicationCommandType.Message,
      name: menuName.default,
      name_localizations: menuName.localizations,
      ...availability,
    },
  ];
}
