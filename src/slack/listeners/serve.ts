import type { RespondArguments, RespondFn } from '@slack/bolt';
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

/** How `work` answers, given by `serve`. */
export interface Reply {
  /**
   * Sends a message to the asker: as the body of the acknowledgement while nothing has been
   * acknowledged yet (Slack shows it as the reply, no response_url post), else through the
   * response_url with `respond()`.
   */
  send(message: RespondArguments): Promise<void>;
  /**
   * Acknowledges now with an empty body, if that has not happened yet. Call it before
   * anything slow (a Web API call): Slack wants the acknowledgement within 3 seconds.
   */
  ackNow(): Promise<void>;
}

export interface ServeArgs {
  /** performance.now() when the request arrived (see app.ts, `receivedAt`). */
  startedAt: number;
  /** Bolt's ack: empty, or with the message that answers the request (slash commands). */
  ack: (message?: RespondArguments) => Promise<void>;
  respond: RespondFn;
  /**
   * `first` (the default, buttons): acknowledge with an empty body before `work` starts.
   * `with-answer` (slash commands): `work`'s first `reply.send` is the acknowledgement, so it
   * must only compute (no I/O) until then, or call `reply.ackNow()` before anything slow.
   */
  acknowledge?: 'first' | 'with-answer';
  work: (state: RequestState, reply: Reply) => Promise<Served>;
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
 * The life of every Slack request, inside `ctx.track` so shutdown waits for it, then exactly
 * one `ctx.record`. Acknowledged exactly once: before `work` (`acknowledge: 'first'`), or
 * with `work`'s first message, or empty when `work` asks (`reply.ackNow()`) or ends without
 * one. Later messages go through the response_url. A failure, including "shutting down",
 * still gets a private apology (in the acknowledgement if it is not sent yet) and an `error`
 * record.
 */
export async function serve(deps: SlackDeps, args: ServeArgs): Promise<void> {
  const { ctx } = deps;
  const state: RequestState = { locale: FALLBACK_LOCALE };
  let acked = false;
  const reply: Reply = {
    async send(message) {
      if (acked) {
        await args.respond(message);
        return;
      }
      acked = true;
      await args.ack(message);
    },
    async ackNow() {
      if (acked) return;
      acked = true;
      await args.ack();
    },
  };
  try {
    const served = await ctx.track(async () => {
      if (args.acknowledge !== 'with-answer') await reply.ackNow();
      const result = await args.work(state, reply);
      await reply.ackNow();
      return result;
    });
    ctx.record({ platform: 'slack', startedAt: args.startedAt, ...state, ...served });
  } catch (error) {
    try {
      await reply.send(notice(deps, state.locale, 'error.generic'));
    } catch {
      // Nothing more to tell the user; at least do not leave Slack waiting.
      await reply.ackNow().catch(() => undefined);
    }
    ctx.record({
      platform: 'slack',
      outcome: 'error',
      startedAt: args.startedAt,
      ...state,
      error,
    });
  }
}
