import type {
  AllMiddlewareArgs,
  App,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { translate } from '../../core/i18n.js';
import { FALLBACK_LOCALE, type Locale } from '../../core/locales.js';
import { outcomeOf } from '../../runtime/bot-context.js';
import { acceptReport, deliverReport, REPORT_TEXT_MAX } from '../../runtime/reports.js';
import {
  decodeRef,
  decodeReportRef,
  REPORT_INPUT_SOURCE,
  REPORT_INPUT_WHAT,
  VIEW_REPORT,
} from '../action-ids.js';
import { slackErrorCode } from '../api-errors.js';
import { renderAnswer, type AnswerExtras } from '../render.js';
import { renderReportThanks, renderReportView } from '../render-report.js';
import { issueLink, reportPostMessage } from '../report-post.js';
import { lookupVia } from '../user-locale.js';
import { channelOf, limited, teamOf, type ButtonArgs } from './button-args.js';
import type { SlackDeps } from './deps.js';
import { notice, receivedAt, serve } from './serve.js';

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

class UnknownButtonError extends Error {
  constructor() {
    super('a button value this adapter did not write');
    this.name = 'UnknownButtonError';
  }
}

/** A report can be taken: a report channel is configured and the store is open. */
function reportsEnabled(deps: SlackDeps): boolean {
  return Boolean(deps.ctx.reports?.slackChannelId && deps.ctx.store);
}

/** The report buttons this deployment shows on Slack, for an answer to `query`. */
export function answerExtras(deps: SlackDeps, query?: string): AnswerExtras {
  const issueUrl = deps.ctx.reports?.issueUrl;
  return {
    report: reportsEnabled(deps),
    ...(issueUrl ? { issueUrl } : {}),
    ...(query !== undefined ? { query } : {}),
  };
}

/**
 * "🌐 In my language" on a shared answer: the same answer, privately, in the clicker's own
 * Slack language (users.info, cached), as an ephemeral message through the response_url.
 */
export function handleInMyLanguage(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { body } = args;
  return serve(deps, {
    startedAt: receivedAt(args.context),
    ack: () => args.ack(),
    respond: args.respond,
    work: async (state) => {
      const ref = decodeRef(args.action.value);
      if (!ref) throw new UnknownButtonError();
      state.locale = await deps.locales.get(teamOf(body), body.user.id, lookupVia(args.client));
      if (await limited(deps, args, state)) return { outcome: 'rate-limited' };
      const knowledge = deps.ctx.knowledge();
      const answer =
        ref.kind === 'overview'
          ? knowledge.ask('', state.locale)
          : (knowledge.answerFor(ref.id, state.locale) ?? knowledge.ask(ref.id, state.locale));
      await args.respond({
        response_type: 'ephemeral',
        replace_original: false,
        unfurl_links: false,
        unfurl_media: false,
        ...renderAnswer(answer, knowledge.catalog, 'private', answerExtras(deps)),
      });
      return {
        outcome: outcomeOf(answer),
        ...(answer.kind === 'provider' ? { providerId: answer.provider.id } : {}),
      };
    },
  });
}

/**
 * "Report / suggest a source": opens the report modal with views.open. Its trigger_id is
 * good for 3 seconds, so nothing but the (cached or bounded) locale look-up comes first.
 */
export function handleReportButton(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { body } = args;
  return serve(deps, {
    startedAt: receivedAt(args.context),
    ack: () => args.ack(),
    respond: args.respond,
    work: async (state) => {
      const ref = decodeReportRef(args.action.value);
      if (!ref) throw new UnknownButtonError();
      state.locale = await deps.locales.get(teamOf(body), body.user.id, lookupVia(args.client));
      if (!reportsEnabled(deps)) {
        // An old message may outlive the configuration that drew its button.
        await args.respond(notice(deps, state.locale, 'report.failed'));
        return { outcome: 'error', providerId: ref.id };
      }
      const channel = channelOf(body);
      await args.client.views.open({
        trigger_id: body.trigger_id,
        view: renderReportView(
          deps.ctx.knowledge().catalog,
          state.locale,
          { ...ref, ...(channel ? { channel } : {}) },
          REPORT_TEXT_MAX,
        ),
      });
      return { outcome: 'found', providerId: ref.id };
    },
  });
}

function inputValue(view: ViewSubmitAction['view'], block: string): string {
  return view.state.values[block]?.[block]?.value ?? '';
}

/** Thanks privately where the button was clicked; where that fails (or is unknown), by DM. */
async function thank(
  args: ViewArgs,
  channel: string | undefined,
  message: ReturnType<typeof renderReportThanks>,
): Promise<void> {
  const user = args.body.user.id;
  if (channel) {
    try {
      await args.client.chat.postEphemeral({ channel, user, ...message });
      return;
    } catch (error) {
      if (!slackErrorCode(error)) throw error;
    }
  }
  await args.client.chat.postMessage({ channel: user, unfurl_links: false, ...message });
}

/**
 * The submitted report modal. A malformed URL, the per-user report limit and a store failure
 * keep the modal open with the reason under the field (`response_action: errors`), in the
 * reporter's language; nothing is stored for them. A stored report closes the modal, is posted
 * to SLACK_REPORT_CHANNEL once, and the reporter is thanked privately.
 */
export async function handleReportSubmit(deps: SlackDeps, args: ViewArgs): Promise<void> {
  const { ctx, locales } = deps;
  const { body, view } = args;
  const startedAt = receivedAt(args.context);
  const team = teamOf(body);
  const user = body.user.id;
  let locale: Locale = locales.peek(team, user) ?? FALLBACK_LOCALE;
  let acked = false;
  const ack = async (response?: Parameters<ViewArgs['ack']>[0]) => {
    acked = true;
    await args.ack(response);
  };
  try {
    await ctx.track(async () => {
      const ref = decodeReportRef(view.private_metadata);
      if (!ref) throw new Error('a report view this adapter did not write');
      locale = locales.peek(team, user) ?? (await locales.get(team, user, lookupVia(args.client)));
      const knowledge = ctx.knowledge();
      const say = (key: Parameters<typeof translate>[2], vars?: Record<string, string>) =>
        translate(knowledge.catalog, locale, key, vars);
      const accepted = await acceptReport(ctx, {
        platform: 'slack',
        workspaceId: team || null,
        providerId: ref.id,
        query: ref.query,
        locale: ref.locale,
        reporterId: user,
        reporterName: body.user.name,
        whatIsWrong: inputValue(view, REPORT_INPUT_WHAT),
        sourceUrl: inputValue(view, REPORT_INPUT_SOURCE),
      });
      if (accepted.kind === 'bad-url') {
        await ack({
          response_action: 'errors',
          errors: {
            [REPORT_INPUT_SOURCE]: say('report.badUrl', { url: accepted.url.slice(0, 300) }),
          },
        });
        return;
      }
      if (accepted.kind !== 'stored') {
        const key = accepted.kind === 'rate-limited' ? 'report.rateLimited' : 'report.failed';
        await ack({ response_action: 'errors', errors: { [REPORT_INPUT_WHAT]: say(key) } });
        return;
      }
      await ack();
      const { report } = accepted;
      const issueUrl = issueLink(ctx.reports?.issueUrl, knowledge, report);
      const channel = ctx.reports?.slackChannelId;
      if (channel) {
        await deliverReport(ctx, report, async () => {
          await args.client.chat.postMessage(
            reportPostMessage(channel, knowledge, report, issueUrl),
          );
        });
      }
      await thank(args, ref.channel, renderReportThanks(knowledge.catalog, locale, issueUrl));
    });
    ctx.record({ platform: 'slack', outcome: 'found', startedAt, locale });
  } catch (error) {
    if (!acked) await args.ack().catch(() => undefined);
    ctx.record({ platform: 'slack', outcome: 'error', startedAt, locale, error });
  }
}

/** The report form's submission; the community buttons are dispatched in actions.ts. */
export function registerCommunity(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEW_REPORT, (args) => handleReportSubmit(deps, args));
}
