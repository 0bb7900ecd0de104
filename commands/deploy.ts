import { pathToFileURL } from 'node:url';
import {
  ApplicationCommandType,
  DiscordAPIError,
  REST,
  Routes,
  type RESTGetCurrentApplicationResult,
  type RESTPutAPIApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
} from 'discord.js';
import { loadCatalog } from '../src/core/i18n.js';
import { LOCALES_DIR } from '../src/core/paths.js';
import { ConfigError, loadConfig } from '../src/runtime/config.js';
import { loadEnvFile } from '../src/runtime/env-file.js';
import { networkFailure } from '../src/runtime/start-errors.js';
import { discordCommands } from './discord-commands.js';

/**
 * `npm run commands:deploy`: registers the Discord commands with one bulk overwrite (PUT),
 * in DISCORD_GUILD_ID when set (instant, for testing) or globally. Running it twice is
 * harmless: the second PUT replaces the list with the same list.
 */

export interface DeployOutput {
  out(line: string): void;
  err(line: string): void;
}

const DEFAULT_API = 'https://discord.com/api';

type Registered = RESTPutAPIApplicationCommandsResult[number];

function describe(command: Registered): string {
  if (command.type === ApplicationCommandType.ChatInput) {
    const options = (command.options ?? []).map((o) => o.name).join(', ');
    return `/${command.name} (slash command; options: ${options || 'none'})`;
  }
  const kind = command.type === ApplicationCommandType.Message ? 'message' : 'user';
  return `"${command.name}" (${kind} context-menu command)`;
}

function localeCount(commands: RESTPutAPIApplicationCommandsJSONBody): number {
  const locales = new Set<string>();
  for (const c of commands) {
    for (const map of [
      c.name_localizations,
      'description_localizations' in c ? c.description_localizations : undefined,
    ]) {
      for (const locale of Object.keys(map ?? {})) locales.add(locale);
    }
  }
  return locales.size;
}

function explainApiError(error: DiscordAPIError, where: string, inGuild: boolean): string {
  const status = `${error.status}, code ${error.code}`;
  switch (error.status) {
    case 401:
      return 'Discord rejected the token (401 Unauthorized). Check DISCORD_TOKEN: it is the token on the Bot page of the Discord Developer Portal.';
    case 403:
      return inGuild
        ? `Discord refused access (${status}) to ${where}. Is the app in that server, invited with the applications.commands scope?`
        : `Discord refused access (${status}) to ${where}. Does DISCORD_APPLICATION_ID belong to the bot of DISCORD_TOKEN?`;
    case 404:
      return `Discord does not know ${where} (${status}). Check DISCORD_APPLICATION_ID${inGuild ? ' and DISCORD_GUILD_ID' : ''}.`;
    default:
      return `Discord refused the commands (${status}): ${error.message}`;
  }
}

function describeFailure(
  error: unknown,
  where: string,
  inGuild: boolean,
  apiUrl: string | undefined,
): string {
  if (error instanceof DiscordAPIError) return explainApiError(error, where, inGuild);
  const network = networkFailure(error);
  const cause = network ?? (error as Error).message;
  return `Cannot reach Discord at ${apiUrl ?? DEFAULT_API} (${cause}). Check the network, DNS or proxy.`;
}

/** Registers the commands; returns the process exit code. Never prints the token. */
export async function deploy(env: NodeJS.ProcessEnv, io: DeployOutput): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  if (!config.discord) {
    io.err(
      'Discord is not configured: set DISCORD_TOKEN (in the environment or in .env), and DISCORD_GUILD_ID to register in one server only. DISCORD_APPLICATION_ID is optional: without it the id is read from the token.',
    );
    return 1;
  }
  const { token, guildId, apiUrl } = config.discord;
  let catalog;
  try {
    catalog = loadCatalog(LOCALES_DIR);
  } catch (error) {
    io.err(`Cannot read the UI strings in data/locales: ${(error as Error).message}`);
    return 1;
  }

  const rest = new REST({ api: apiUrl ?? DEFAULT_API, retries: 1 }).setToken(token);
  let applicationId = config.discord.applicationId;
  if (!applicationId) {
    try {
      // The bot's own application: what DISCORD_APPLICATION_ID would have named.
      const app = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
      applicationId = app.id;
    } catch (error) {
      io.err(describeFailure(error, 'the application of DISCORD_TOKEN', false, apiUrl));
      return 1;
    }
  }

  const body = discordCommands(catalog, { global: !guildId });
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const where = guildId
    ? `application ${applicationId} in server ${guildId}`
    : `application ${applicationId}`;

  try {
    const registered = (await rest.put(route, { body })) as RESTPutAPIApplicationCommandsResult;
    io.out(
      guildId
        ? `Registered ${registered.length} commands for ${where} (available there now):`
        : `Registered ${registered.length} commands globally for ${where} (Discord apps may take a few minutes to show changes):`,
    );
    for (const command of registered) io.out(`  ${describe(command)}  id ${command.id}`);
    io.out(`  localised for ${localeCount(body)} Discord locales`);
    return 0;
  } catch (error) {
    io.err(describeFailure(error, where, Boolean(guildId), apiUrl));
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadEnvFile();
  process.exitCode = await deploy(process.env, {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
