/**
 * The names the command definitions (commands/discord-commands.ts) and the handlers share.
 * Names stay English in every locale so that written instructions ("/vllm provider:…") keep
 * working everywhere; descriptions are localised.
 */
export const VLLM_COMMAND = 'vllm';

export const VLLM_OPTIONS = {
  provider: 'provider',
  language: 'language',
  private: 'private',
} as const;
