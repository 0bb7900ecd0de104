import type { RespondFn } from '@slack/bolt';
import { translate } from '../../core/i18n.js';
import { FALLBACK_LOCALE, type Locale } from '../../core/locales.js';
import type { UiKey } from '../../core/ui-strings.js';
import type { Outcome } from '../../runtime/metrics.js';
import { renderNotice } from '../render.js';
import type { SlackDeps } from './deps.js';

/** What a handler found out, filled in as it goes so a failure can still be recorded fully. */
export interface RequestState {
  locale: Locale;
  query?: string;
}

export interface Served {
  outcome: Outcome;
  providerId?: string;
  error?: unknown;
}

export interface ServeArgs {
  /** performance.now() when the request arrived (see app.ts, `receivedAt`). */
  startedAt: number;
  ack: () => Promise<void>;
  respond: RespondFn;
  work: (state: RequestState) => Promise<Served>;
}

/** When the receiver stamped the request; the listener's own start otherwise. */
export function receivedAt(context: Record<string, unknown>): number {
  const at = context['receivedAt'];
  return typeof at === 'number' ? at : performance.now();
}

/** A private one-section note in the given language. */
export function notice(
  deps: SlackDeps,
  locale: Locale,
  key: UiKey,
  vars?: Record<string, string | number>,
) {
  return {
    response_type: 'ephemeral' as const,
    replace_original: false,
    ...renderNotice(translate(deps.ctx.knowledge().catalog, locale, key, vars)),
  };
}

/**
 * The life of every Slack request: acknowledge first (Slack's 3 s), then work inside
 * `ctx.track` so shutdown waits for it, then exactly one `ctx.record`. A failure, including
 * "shutting down", still gets a private apology and an `error` record.
 */
export async function serve(deps: SlackDeps, args: ServeArgs): Promise<void> {
  const { ctx } = deps;
  const state: RequestState = { locale: FALLBACK_LOCALE };
  let acked = false;
  const ackOnce = async () => {
    if (acked) return;
    acked = true;
    await args.ack();
  };
  try {
    const served = await ctx.track(async () => {
      await ackOnce();
      return args.work(state);
    });
    ctx.record({ platform: 'slack', startedAt: args.startedAt, ...state, ...served });
  } catch (error) {
    await ackOnce().catch(() => undefined);
    await args.respond(notice(deps, state.locale, 'error.generic')).catch(() => undefined);
    ctx.record({
      platform: 'slack',
      outcome: 'error',
      startedAt: args.startedAt,
      ...state,
      error,
    });
  }
}
