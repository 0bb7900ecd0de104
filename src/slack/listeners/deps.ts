import type { BotContext } from '../../runtime/bot-context.js';
import type { UserLocales } from '../user-locale.js';

/** What the listeners need besides Bolt's arguments. */
export interface SlackDeps {
  ctx: BotContext;
  locales: UserLocales;
}
