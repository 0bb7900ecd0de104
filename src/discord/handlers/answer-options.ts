import type { Catalog } from '../../core/i18n.js';
import type { BotContext } from '../../runtime/bot-context.js';
import type { RenderOptions, ReportButtons } from '../render.js';

/** The report buttons this deployment shows on Discord: a channel and a store, or none. */
export function reportButtons(ctx: BotContext): ReportButtons {
  return {
    button: Boolean(ctx.reports?.discordChannelId && ctx.store),
    ...(ctx.reports?.issueUrl ? { issueUrl: ctx.reports.issueUrl } : {}),
  };
}

/** How every handler renders an answer: with the query and the configured report buttons. */
export function answerOptions(
  ctx: BotContext,
  catalog: Catalog,
  options: { private: boolean; query?: string; replyTo?: string; lead?: number },
): RenderOptions {
  return { catalog, ...options, reports: reportButtons(ctx) };
}
