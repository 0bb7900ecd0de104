import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { SlackDeps } from './deps.js';
import { notice, type RequestState } from './serve.js';

/** What Bolt hands a button listener. */
export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/** The workspace a request came from (a button click or a view submission). */
export function teamOf(body: { team?: { id: string } | null; user: { team_id?: string } }): string {
  return body.team?.id ?? body.user.team_id ?? '';
}

export function channelOf(body: BlockButtonAction): string | undefined {
  const fromContainer = body.container['channel_id'] as unknown;
  return body.channel?.id ?? (typeof fromContainer === 'string' ? fromContainer : undefined);
}

/** Applies the per-user limit to a click; past it, says so privately and returns true. */
export async function limited(
  deps: SlackDeps,
  args: ButtonArgs,
  state: RequestState,
): Promise<boolean> {
  const limit = await deps.ctx.rateLimit(`slack:${teamOf(args.body)}:${args.body.user.id}`);
  if (limit.ok) return false;
  await args.respond(
    notice(deps, state.locale, 'error.rateLimited', { seconds: limit.retryAfterSeconds }),
  );
  return true;
}
