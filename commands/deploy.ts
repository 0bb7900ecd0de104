import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  ApplicationCommandType,
  DiscordAPIError,
  REST,
  Routes,
  type RESTPatchCurrentApplicationJSONBody,
  type RESTGetCurrentApplicationResult,
  type RESTPutAPIApplicationCommandsJSONBody,
  type RESTPutAPIApplicationCommandsResult,
} from 'discord.js';
import { loadCatalog } from '../src/core/i18n.js';
import { datasetPaths } from '../src/core/dataset-load.js';
import { DEFAULT_DATA_DIR } from '../src/core/paths.js';
import { ConfigError, loadConfig } from '../src/runtime/config.js';
import { loadEnvFile } from '../src/runtime/env-file.js';
import { networkFailure } from '../src/runtime/start-errors.js';
import { discordCommands } from './discord-commands.js';

/**
 * `npm run commands:deploy`: registers the Discord commands with one bulk overwrite (PUT),
 * in DISCORD_GUILD_ID when set (instant, for testing) or globally. Running it twice is
 * harmless: the second PUT replaces the list with the same list.
 *
 * `--set-interactions-url https://host/interactions` then also sets the application's
 * Interactions Endpoint URL (PATCH /applications/@me), for HTTP interactions mode. Discord
 * checks the URL on the spot: the bot must already be running there with DISCORD_PUBLIC_KEY.
 */

export interface DeployOutput {
  out(line: string): void;
  err(line: string): void;
}

const DEFAULT_API = 'https://discord.com/api';

export interface DeployOptions {
  /** Also set the application's Interactions Endpoint URL to this. */
  interactionsUrl?: string;
}

export const USAGE =
  'usage: npm run commands:deploy [-- --set-interactions-url https://host/interactions]';

/** Command-line flags; a string is the problem to print. */
export function parseDeployArgs(args: string[]): DeployOptions | string {
  try {
    const { values } = parseArgs({
      args,
      options: { 'set-interactions-url': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    const url = values['set-interactions-url'];
    return url === undefined ? {} : { interactionsUrl: url };
  } catch (error) {
    return `${(error as Error).message}\n${USAGE}`;
  }
}

function interactionsUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--set-interactions-url: "${url}" is not a URL (expected e.g. https://bot.example.org/interactions).`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return '--set-interactions-url: must be a web URL; Discord accepts only https:// endpoints.';
  }
  return undefined;
}

function explainEndpointError(error: DiscordAPIError, url: string): string {
  if (error.status === 401) {
    return 'Discord rejected the token (401 Unauthorized) when setting the Interactions Endpoint URL. Check DISCORD_TOKEN.';
  }
  if (error.code === 50035) {
    return `Discord could not verify ${url} (${error.status}, code ${error.code}). It sends a signed PING and a badly signed one: the bot must be running there with DISCORD_PUBLIC_KEY set to this application's public key, reachable over HTTPS, answer the first and reject the second with 401.`;
  }
  return `Discord refused the Interactions Endpoint URL (${error.status}, code ${error.code}): ${error.message}`;
}

async function setInteractionsUrl(rest: REST, url: string, io: DeployOutput): Promise<number> {
  const body: RESTPatchCurrentApplicationJSONBody = { interactions_endpoint_url: url };
  try {
    await rest.patch(Routes.currentApplication(), { body });
    io.out(`Interactions Endpoint URL set to ${url}: Discord now sends interactions there.`);
    return 0;
  } catch (error) {
    if (error instanceof DiscordAPIError) io.err(explainEndpointError(error, url));
    else io.err(`Could not set the Interactions Endpoint URL: ${(error as Error).message}`);
    return 1;
  }
}

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
export async function deploy(
  env: NodeJS.ProcessEnv,
  io: DeployOutput,
  options: DeployOptions = {},
): Promise<number> {
  const urlProblem = options.interactionsUrl && interactionsUrlProblem(options.interactionsUrl);
  if (urlProblem) {
    io.err(urlProblem);
    return 1;
  }
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
    const paths = datasetPaths(DEFAULT_DATA_DIR);
    catalog = loadCatalog(paths.ui, paths.uiTranslations);
  } catch (error) {
    io.err(
      `Cannot read the UI strings in data/ui.yaml and data/translations/ui: ${(error as Error).message}`,
    );
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
  } catch (error) {
    io.err(describeFailure(error, where, Boolean(guildId), apiUrl));
    return 1;
  }
  return options.interactionsUrl ? setInteractionsUrl(rest, options.interactionsUrl, io) : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const io: DeployOutput = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  };
  const options = parseDeployArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    io.err(options);
    process.exitCode = 1;
  } else {
    loadEnvFile();
    process.exitCode = await deploy(process.env, io, options);
  }
}
