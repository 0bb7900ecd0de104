import type { Answer } from '../../core/answer-schema.js';
import type { Knowledge } from '../../core/knowledge.js';
import { resolveLocale } from '../../core/locale-resolve.js';
import { leadOf } from '../../core/pinned-answer.js';
import type { Locale } from '../../core/locales.js';
import { outcomeOf } from '../../runtime/bot-context.js';
import { countMiss } from '../../runtime/misses.js';
import { VLLM_OPTIONS } from '../command-names.js';
import { parseLanguage } from '../language-option.js';
import { renderAnswer } from '../render.js';
import { answerOptions } from './answer-options.js';
import type { Handled, Job, Repliable } from './run.js';

export function providerIdOf(answer: Answer): string | undefined {
  return answer.kind === 'provider' ? answer.provider.id : undefined;
}

/** The finding an answer leads with, for its Pin button (a pinned answer is composed again). */
export function leadFor(knowledge: Knowledge, answer: Answer): number {
  return answer.kind === 'provider' ? leadOf(knowledge, answer) : 0;
}

/** What `/vllm` reads of its options (discord.js's resolver, or the HTTP transport's own). */
export interface VllmOptions {
  getString(name: string): string | null;
  getBoolean(name: string): boolean | null;
}

export interface SlashCommand extends Repliable {
  readonly options: VllmOptions;
}

/** The `language` option when it names a language we speak, else the asker's Discord language. */
export function commandLocale(
  interaction: { locale: string; options: Pick<VllmOptions, 'getString'> },
  knowledge: Knowledge,
): Locale {
  const option = interaction.options.getString(VLLM_OPTIONS.language);
  return parseLanguage(knowledge.catalog, option) ?? resolveLocale(interaction.locale);
}

/** `/vllm [provider] [language] [private]`. */
export const vllmCommand: Job<SlashCommand> = {
  locale: commandLocale,
  async run(interaction, knowledge, locale, ctx): Promise<Handled> {
    const query = interaction.options.getString(VLLM_OPTIONS.provider) ?? '';
    const isPrivate = interaction.options.getBoolean(VLLM_OPTIONS.private) ?? false;
    const answer = knowledge.ask(query, locale);
    await interaction.reply(
      renderAnswer(
        answer,
        answerOptions(ctx, knowledge.catalog, {
          private: isPrivate,
          query,
          lead: leadFor(knowledge, answer),
        }),
      ),
    );
    if (answer.kind === 'not-found') countMiss(ctx, query);
    return { outcome: outcomeOf(answer), providerId: providerIdOf(answer), locale, query };
  },
};
