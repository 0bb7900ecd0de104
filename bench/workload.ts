import { SUPPORTED_LOCALES, type Locale } from '../src/core/locales.js';
import { MATCH_CASES } from '../tests/core/matcher-cases.js';
import { mulberry32 } from '../tests/helpers/seeded-random.js';

/**
 * The query mix of the end-to-end benchmarks: the matcher's test table (names, products,
 * typos, other scripts, noise, the empty overview), asked in a mix of languages by a few dozen
 * users. Deterministic, so every run, and the bot and its baseline, see the same sequence.
 */
export interface Ask {
  query: string;
  /** The asker's Discord client language. */
  locale: Locale;
  /** Discord's `language` option, when set (a code or a typed name). */
  language?: string;
  private: boolean;
  /** Index into the user pool. */
  user: number;
}

export const USERS = 48;
export const MIX_LENGTH = 997; // prime: the cycle does not line up with the user or locale pools

/** A language option as people fill it in: picked (a code) or typed. */
const LANGUAGE_OPTIONS = ['de', 'fr', 'ja', 'pt-BR', 'Deutsch', 'español', '日本語', 'klingon'];

function build(): Ask[] {
  const random = mulberry32(0x5eed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const out: Ask[] = [];
  for (let i = 0; i < MIX_LENGTH; i++) {
    // A third in English (en-US), the rest spread over every language Discord has.
    const locale: Locale = random() < 1 / 3 ? 'en-US' : pick(SUPPORTED_LOCALES);
    const r = random();
    out.push({
      query: pick(MATCH_CASES)[0],
      locale,
      private: r < 0.1,
      ...(r > 0.9 ? { language: pick(LANGUAGE_OPTIONS) } : {}),
      user: Math.floor(random() * USERS),
    });
  }
  return out;
}

export const WORKLOAD: readonly Ask[] = build();

export const askAt = (i: number): Ask => WORKLOAD[i % WORKLOAD.length]!;

/** Slack's own locale tags, as users.info reports them; one per simulated user, in turn. */
export const SLACK_USER_LOCALES = [
  'en-US',
  'de-DE',
  'ja-JP',
  'es-LA',
  'fr-FR',
  'pt-BR',
  'en-GB',
  'ko-KR',
  'zh-CN',
  'it-IT',
  'ru-RU',
  'zh-TW',
  'es-ES',
] as const;

/** Slack's `lang:` option for the asks that carry a language option. */
export function slackText(ask: Ask): string {
  if (!ask.language) return ask.query;
  const tag = /^[a-z]{2}(-[A-Z]{2})?$/.test(ask.language) ? ask.language : 'ko';
  return `${ask.query} lang:${tag}`;
}
