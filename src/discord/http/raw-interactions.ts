import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  InteractionType,
  MessageFlags,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteraction,
  type APIInteraction,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { BotContext } from '../../runtime/bot-context.js';
import { VLLM_COMMAND, VLLM_OPTIONS } from '../command-names.js';
import { vllmAutocomplete, type Autocomplete } from '../handlers/autocomplete.js';
import { vllmCommand, type SlashCommand, type VllmOptions } from '../handlers/command.js';
import { runAutocomplete, runInteraction } from '../handlers/run.js';
import type { Choice, DiscordMessage } from '../render.js';
import { autocompleteBody, replyBody } from './callback-body.js';
import type { AnswerBody } from './initial-response.js';

/**
 * `/vllm` and its autocomplete are nearly every request, and answering one needs only its
 * locale, its user's id and three options. For these two, the HTTP transport skips what
 * discord.js builds per interaction (the Interaction object, its user and channel caches, its
 * message payload, its REST queue for the first answer) and hands the same handlers a stand-in
 * read straight from Discord's JSON; the first answer is written as the HTTP response.
 * Anything beyond it (an error notice after the answer, an answer after Discord's 3 seconds)
 * is rare: discord.js's own interaction is made then, and takes over. Every other interaction,
 * and a `/vllm` whose shape is not the registered one, goes through discord.js as before.
 */

/** Hands the first answer to the waiting HTTP response; false once it no longer waits. */
export type FirstAnswer = (body: AnswerBody) => Promise<boolean>;

/** discord.js's interaction for the same payload, made only when needed. */
export type MakeInteraction = () => Interaction | undefined;

export type Route = (ctx: BotContext, startedAt: number) => Promise<void>;

type CommandPayload =
  APIApplicationCommandInteraction | APIApplicationCommandAutocompleteInteraction;

/** discord.js's wording, should a handler ever answer twice. */
const ALREADY_REPLIED = 'The reply to this interaction has already been sent or deferred.';

/** What Discord sends for an option of `/vllm` (no subcommands, no resolved objects). */
interface RawOption {
  name: string;
  type: ApplicationCommandOptionType;
  value?: unknown;
  focused?: boolean;
}

const OPTION_TYPES = new Map<string, ApplicationCommandOptionType>([
  [VLLM_OPTIONS.provider, ApplicationCommandOptionType.String],
  [VLLM_OPTIONS.language, ApplicationCommandOptionType.String],
  [VLLM_OPTIONS.private, ApplicationCommandOptionType.Boolean],
]);

/** The options when they are the registered ones with their types, else undefined. */
function vllmOptions(options: unknown): RawOption[] | undefined {
  if (options === undefined) return [];
  if (!Array.isArray(options)) return undefined;
  for (const option of options as Partial<RawOption>[]) {
    if (typeof option?.name !== 'string' || OPTION_TYPES.get(option.name) !== option.type) {
      return undefined;
    }
  }
  return options as RawOption[];
}

/** Reads options as discord.js's CommandInteractionOptionResolver does, for these types. */
class Options implements VllmOptions {
  constructor(private readonly all: readonly RawOption[]) {}

  private value(name: string): unknown {
    return this.all.find((option) => option.name === name)?.value ?? null;
  }

  getString(name: string): string | null {
    return this.value(name) as string | null;
  }

  getBoolean(name: string): boolean | null {
    return this.value(name) as boolean | null;
  }

  getFocused(_full: true): { name: string; value: string | number } {
    // vllmRoute takes only autocompletes that have one.
    const focused = this.all.find((option) => option.focused);
    if (!focused) throw new Error('No focused option for autocomplete interaction.');
    return focused as RawOption & { value: string | number };
  }
}

function userId(payload: CommandPayload): string | undefined {
  const id = (payload.member?.user ?? payload.user)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** What both stand-ins share: the fields handlers read, and the way to discord.js's own. */
abstract class RawInteraction<Full> {
  readonly id: string;
  readonly type: InteractionType;
  readonly locale: string;
  readonly user: { readonly id: string };
  readonly options: Options;
  /** discord.js's interaction, once made; from then on it holds the state. */
  protected full: Full | undefined;

  constructor(
    payload: CommandPayload,
    user: string,
    options: RawOption[],
    protected readonly first: FirstAnswer,
    private readonly make: MakeInteraction,
  ) {
    this.id = payload.id;
    this.type = payload.type;
    this.locale = payload.locale ?? '';
    this.user = { id: user };
    this.options = new Options(options);
  }

  protected abstract accept(made: Interaction | undefined): Full | undefined;
  protected abstract handOver(full: Full): void;

  protected discordjs(): Full {
    if (this.full) return this.full;
    const full = this.accept(this.make());
    if (!full) throw new Error(`discord.js made no interaction of this kind for ${this.id}`);
    this.handOver(full);
    this.full = full;
    return full;
  }
}

class RawSlashCommand extends RawInteraction<ChatInputCommandInteraction> implements SlashCommand {
  private answered = false;
  private ephemeral = false;

  get replied(): boolean {
    return this.full ? this.full.replied : this.answered;
  }

  get deferred(): boolean {
    return this.full ? this.full.deferred : false;
  }

  protected accept(made: Interaction | undefined) {
    return made?.isChatInputCommand() ? made : undefined;
  }

  protected handOver(full: ChatInputCommandInteraction): void {
    full.replied = this.answered;
    if (this.answered) full.ephemeral = this.ephemeral;
  }

  async reply(message: DiscordMessage): Promise<void> {
    if (this.full) {
      await this.full.reply(message);
      return;
    }
    if (this.answered) throw new Error(ALREADY_REPLIED);
    // Too late for the HTTP response: discord.js sends the callback to Discord, as it would.
    if (!(await this.first(replyBody(message)))) {
      await this.discordjs().reply(message);
      return;
    }
    this.ephemeral = ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
    this.answered = true;
  }

  async editReply(message: Omit<DiscordMessage, 'flags'>): Promise<void> {
    await this.discordjs().editReply(message);
  }

  async followUp(message: DiscordMessage): Promise<void> {
    await this.discordjs().followUp(message);
  }
}

class RawAutocomplete extends RawInteraction<AutocompleteInteraction> implements Autocomplete {
  private answered = false;

  get responded(): boolean {
    return this.full ? this.full.responded : this.answered;
  }

  protected accept(made: Interaction | undefined) {
    return made?.isAutocomplete() ? made : undefined;
  }

  protected handOver(full: AutocompleteInteraction): void {
    full.responded = this.answered;
  }

  async respond(choices: Choice[]): Promise<void> {
    if (this.full) {
      await this.full.respond(choices);
      return;
    }
    if (this.answered) throw new Error(ALREADY_REPLIED);
    if (!(await this.first(autocompleteBody(choices)))) {
      await this.discordjs().respond(choices);
      return;
    }
    this.answered = true;
  }
}

/**
 * The route for `/vllm` or its autocomplete, as src/discord/router.ts would take it, when the
 * payload has the registered shape; undefined for everything else.
 */
export function vllmRoute(
  payload: APIInteraction,
  first: FirstAnswer,
  make: MakeInteraction,
): Route | undefined {
  if (
    payload.type !== InteractionType.ApplicationCommand &&
    payload.type !== InteractionType.ApplicationCommandAutocomplete
  ) {
    return undefined;
  }
  const data = payload.data;
  if (data.type !== ApplicationCommandType.ChatInput || data.name !== VLLM_COMMAND)
    return undefined;
  if ('resolved' in data && data.resolved) return undefined;
  const options = vllmOptions(data.options);
  const user = userId(payload);
  if (!options || !user) return undefined;
  if (payload.type === InteractionType.ApplicationCommand) {
    const command = new RawSlashCommand(payload, user, options, first, make);
    return (ctx, startedAt) => runInteraction(ctx, command, startedAt, vllmCommand);
  }
  // Discord marks the option being typed; without one discord.js's path explains the failure.
  if (!options.some((option) => option.focused)) return undefined;
  const typing = new RawAutocomplete(payload, user, options, first, make);
  return (ctx, startedAt) => runAutocomplete(ctx, typing, startedAt, vllmAutocomplete);
}
