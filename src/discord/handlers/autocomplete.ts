import { AUTOCOMPLETE_CHOICES_MAX } from '../limits.js';
import { VLLM_OPTIONS } from '../command-names.js';
import { languageChoices } from '../language-option.js';
import { renderLanguageChoices, renderProviderChoices, type Choice } from '../render.js';
import { resolveLocale } from '../../core/locale-resolve.js';
import { commandLocale, type VllmOptions } from './command.js';
import type { Autocompletable, Handled, Job } from './run.js';

export interface Autocomplete extends Autocompletable {
  readonly options: Pick<VllmOptions, 'getString'> & {
    /** The option being typed into. */
    getFocused(full: true): { name: string; value: string | number };
  };
}

/**
 * Suggestions while typing `/vllm`. Answered from memory: Discord allows 3 s and no deferral.
 * The statuses are shown in the language already chosen in the `language` option, if any.
 */
export const vllmAutocomplete: Job<Autocomplete> = {
  locale: commandLocale,
  async run(interaction, knowledge, locale): Promise<Handled> {
    const focused = interaction.options.getFocused(true);
    const typed = String(focused.value);
    let choices: Choice[] = [];
    let providerId: string | undefined;
    if (focused.name === VLLM_OPTIONS.provider) {
      const summaries = knowledge.suggest(typed, locale, AUTOCOMPLETE_CHOICES_MAX);
      choices = renderProviderChoices(summaries);
      providerId = summaries[0]?.id;
    } else if (focused.name === VLLM_OPTIONS.language) {
      const mine = resolveLocale(interaction.locale);
      choices = renderLanguageChoices(languageChoices(knowledge.catalog, typed, mine));
    }
    await interaction.respond(choices);
    return {
      kind: 'autocomplete',
      outcome: choices.length > 0 ? 'found' : 'not-found',
      providerId,
      locale,
      query: typed,
    };
  },
};
