import type { InteractionType } from 'discord.js';
import { translate } from '../../core/i18n.js';
import type { Knowledge } from '../../core/knowledge.js';
import { resolveLocale } from '../../core/locale-resolve.js';
import type { Locale } from '../../core/locales.js';
import type { BotContext, RequestRecord } from '../../runtime/bot-context.js';
import { forEdit, renderNotice, type Choice, type DiscordMessage } from '../render.js';

/**
 * What running a job needs of an interaction. discord.js's interactions have it all; so has
 * the HTTP transport's lighter stand-in for `/vllm` (src/discord/http/raw-interactions.ts),
 * which works on Discord's JSON without building discord.js's structures.
 */
export interface Repliable {
  readonly id: string;
  readonly type: InteractionType;
  readonly locale: string;
  readonly user: { readonly id: string };
  readonly deferred: boolean;
  readonly replied: boolean;
  reply(message: DiscordMessage): Promise<unknown>;
  editReply(message: Omit<DiscordMessage, 'flags'>): Promise<unknown>;
  followUp(message: DiscordMessage): Promise<unknown>;
}

/** The same for autocomplete, whose only answer is a list of choices. */
export interface Autocompletable {
  readonly id: string;
  readonly type: InteractionType;
  readonly locale: string;
  readonly responded: boolean;
  respond(choices: Choice[]): Promise<unknown>;
}

/** What a handler reports about the interaction it answered; becomes one `ctx.record`. */
export type Handled = Omit<RequestRecord, 'platform' | 'startedAt'>;

export interface Job<I> {
  /** The language to answer (and to explain failures) in. */
  locale(interaction: I, knowledge: Knowledge): Locale;
  run(interaction: I, knowledge: Knowledge, locale: Locale, ctx: BotContext): Promise<Handled>;
}

/** Shown when even the UI strings are unavailable; every other text comes from data/locales. */
const LAST_RESORT_ERROR = 'Something went wrong. Please try again in a moment.';

async function tell(interaction: Repliable, text: string): Promise<void> {
  const notice = renderNotice(text);
  if (interaction.deferred && !interaction.replied) await interaction.editReply(forEdit(notice));
  else if (interaction.replied) await interaction.followUp(notice);
  else await interaction.reply(notice);
}

/**
 * Runs one command, context-menu or button interaction: rate limit, handler, and on any
 * failure a private localised "something went wrong" and an error log with the interaction
 * id. Never rejects; records exactly once.
 */
export async function runInteraction<I extends Repliable>(
  ctx: BotContext,
  interaction: I,
  startedAt: number,
  job: Job<I>,
): Promise<void> {
  let knowledge: Knowledge | undefined;
  // The job's own language; the asker's Discord language only if finding it failed.
  let locale: Locale | undefined;
  let handled: Handled;
  try {
    knowledge = ctx.knowledge();
    locale = job.locale(interaction, knowledge);
    // In memory the decision is immediate: awaiting it would only add a turn of the queue.
    const deciding = ctx.rateLimit(`discord:${interaction.user.id}`);
    const decision = deciding instanceof Promise ? await deciding : deciding;
    if (decision.ok) {
      handled = await job.run(interaction, knowledge, locale, ctx);
    } else {
      const seconds = decision.retryAfterSeconds;
      await tell(
        interaction,
        translate(knowledge.catalog, locale, 'error.rateLimited', { seconds }),
      );
      handled = { outcome: 'rate-limited', locale };
    }
  } catch (error) {
    ctx.logger.error(
      { err: error, interactionId: interaction.id, interactionType: interaction.type },
      'discord interaction failed',
    );
    locale ??= resolveLocale(interaction.locale);
    const text = knowledge
      ? translate(knowledge.catalog, locale, 'error.generic')
      : LAST_RESORT_ERROR;
    await tell(interaction, text).catch((err: unknown) =>
      ctx.logger.warn(
        { err, interactionId: interaction.id },
        'could not tell the user that something went wrong',
      ),
    );
    handled = { outcome: 'error', locale };
  }
  ctx.record({ platform: 'discord', startedAt, ...handled });
}

/**
 * Autocomplete has its own rules: no rate limit (it follows typing), no message to show on
 * failure (an empty list is the only possible answer), answered from memory.
 */
export async function runAutocomplete<I extends Autocompletable>(
  ctx: BotContext,
  interaction: I,
  startedAt: number,
  job: Job<I>,
): Promise<void> {
  let locale: Locale | undefined;
  let handled: Handled;
  try {
    const knowledge = ctx.knowledge();
    locale = job.locale(interaction, knowledge);
    handled = await job.run(interaction, knowledge, locale, ctx);
  } catch (error) {
    ctx.logger.error(
      { err: error, interactionId: interaction.id, interactionType: interaction.type },
      'discord autocomplete failed',
    );
    if (!interaction.responded) {
      await interaction
        .respond([])
        .catch((err: unknown) =>
          ctx.logger.warn({ err, interactionId: interaction.id }, 'could not answer autocomplete'),
        );
    }
    handled = {
      kind: 'autocomplete',
      outcome: 'error',
      locale: locale ?? resolveLocale(interaction.locale),
    };
  }
  ctx.record({ platform: 'discord', startedAt, ...handled });
}
