import type { AutocompleteInteraction, RepliableInteraction } from 'discord.js';
import { translate } from '../../core/i18n.js';
import type { Knowledge } from '../../core/knowledge.js';
import { resolveLocale } from '../../core/locale-resolve.js';
import type { Locale } from '../../core/locales.js';
import type { BotContext, RequestRecord } from '../../runtime/bot-context.js';
import { forEdit, renderNotice } from '../render.js';

/** What a handler reports about the interaction it answered; becomes one `ctx.record`. */
export type Handled = Omit<RequestRecord, 'platform' | 'startedAt'>;

export interface Job<I> {
  /** The language to answer (and to explain failures) in. */
  locale(interaction: I, knowledge: Knowledge): Locale;
  run(interaction: I, knowledge: Knowledge, locale: Locale, ctx: BotContext): Promise<Handled>;
}

/** Shown when even the UI strings are unavailable; every other text comes from data/locales. */
const LAST_RESORT_ERROR = 'Something went wrong. Please try again in a moment.';

async function tell(interaction: RepliableInteraction, text: string): Promise<void> {
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
export async function runInteraction<I extends RepliableInteraction>(
  ctx: BotContext,
  interaction: I,
  startedAt: number,
  job: Job<I>,
): Promise<void> {
  let knowledge: Knowledge | undefined;
  let locale = resolveLocale(interaction.locale);
  let handled: Handled;
  try {
    knowledge = ctx.knowledge();
    locale = job.locale(interaction, knowledge);
    const decision = await ctx.rateLimit(`discord:${interaction.user.id}`);
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
export async function runAutocomplete(
  ctx: BotContext,
  interaction: AutocompleteInteraction,
  startedAt: number,
  job: Job<AutocompleteInteraction>,
): Promise<void> {
  let locale = resolveLocale(interaction.locale);
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
    handled = { kind: 'autocomplete', outcome: 'error', locale };
  }
  ctx.record({ platform: 'discord', startedAt, ...handled });
}
