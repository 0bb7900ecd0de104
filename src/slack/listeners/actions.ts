import type { App, BlockButtonAction } from '@slack/bolt';
import type { Answer } from '../../core/answer-schema.js';
import type { Knowledge } from '../../core/knowledge.js';
import { OVERVIEW_PIN } from '../../core/pinned-answer.js';
import type { UiKey } from '../../core/ui-strings.js';
import { outcomeOf } from '../../runtime/bot-context.js';
import type { Outcome } from '../../runtime/metrics.js';
import {
  ACTION_MINE,
  ACTION_PICK,
  ACTION_PIN,
  ACTION_REPORT,
  ACTION_SHARE,
  decodeRef,
  type AnswerRef,
} from '../action-ids.js';
import { NOT_IN_CHANNEL_ERRORS, slackErrorCode } from '../api-errors.js';
import { renderAnswer } from '../render.js';
import { slackContentHash } from '../pins/content-hash.js';
import { lookupVia } from '../user-locale.js';
import { answerExtras, handleInMyLanguage, handleReportButton } from './community.js';
import { channelOf, limited, teamOf, type ButtonArgs } from './button-args.js';
import type { SlackDeps } from './deps.js';
import { notice, receivedAt, serve, type RequestState, type Served } from './serve.js';

/** pins.add errors a person can act on, and what to tell them. Anything else: pin.failed. */
const PIN_ERRORS: Record<string, UiKey> = {
  already_pinned: 'pin.alreadyPinned',
  not_pinnable: 'pin.notPinnable',
  missing_scope: 'pin.missingScope',
  not_in_channel: 'pin.notInChannel',
  channel_not_found: 'pin.notInChannel',
};

class UnknownButtonError extends Error {
  constructor() {
    super('a button value this adapter did not write');
    this.name = 'UnknownButtonError';
  }
}

function messageTsOf(body: BlockButtonAction): string | undefined {
  const fromContainer = body.container['message_ts'] as unknown;
  return body.message?.ts ?? (typeof fromContainer === 'string' ? fromContainer : undefined);
}

/** The answer a button stands for, composed again from the live dataset. */
function answerOf(knowledge: Knowledge, ref: AnswerRef): Answer {
  if (ref.kind === 'overview') return knowledge.ask('', ref.locale);
  // A reload may have removed the provider since the button was drawn: then search for it.
  return knowledge.answerFor(ref.id, ref.locale) ?? knowledge.ask(ref.id, ref.locale);
}

function servedFor(answer: Answer): Served {
  return {
    outcome: outcomeOf(answer),
    ...(answer.kind === 'provider' ? { providerId: answer.provider.id } : {}),
  };
}

/** Shared by every button: a per-user limit, answered privately in the request's language. */
/** Pick and Share: decode the button, apply the limit, and send the answer it stands for. */
function serveAnswerButton(
  deps: SlackDeps,
  args: ButtonArgs,
  send: (answer: Answer, knowledge: Knowledge, state: RequestState) => Promise<void>,
): Promise<void> {
  return serve(deps, {
    startedAt: receivedAt(args.context),
    ack: () => args.ack(),
    respond: args.respond,
    work: async (state) => {
      const ref = decodeRef(args.action.value);
      if (!ref) throw new UnknownButtonError();
      state.locale = ref.locale;
      if (await limited(deps, args, state)) return { outcome: 'rate-limited' };
      const knowledge = deps.ctx.knowledge();
      const answer = answerOf(knowledge, ref);
      await send(answer, knowledge, state);
      return servedFor(answer);
    },
  });
}

/** A candidate under "Did you mean…?" (or in the not-found list): show that provider. */
export function handlePick(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  return serveAnswerButton(deps, args, async (answer, knowledge) => {
    await args.respond({
      response_type: 'ephemeral',
      replace_original: true,
      unfurl_links: false,
      unfurl_media: false,
      ...renderAnswer(answer, knowledge.catalog, 'private', answerExtras(deps)),
    });
  });
}

/**
 * "Share in channel": post the answer with chat.postMessage so it has a `ts` and can be
 * pinned. Where the bot is not a member (private channels, DMs) that fails; then it goes out
 * through the response_url, in channel, and the asker learns that pinning needs an invite.
 */
export function handleShare(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  return serveAnswerButton(deps, args, async (answer, knowledge, state) => {
    const channel = channelOf(args.body);
    let posted = false;
    if (channel) {
      try {
        await args.client.chat.postMessage({
          channel,
          unfurl_links: false,
          unfurl_media: false,
          ...renderAnswer(answer, knowledge.catalog, 'shared', answerExtras(deps)),
        });
        posted = true;
      } catch (error) {
        if (!NOT_IN_CHANNEL_ERRORS.has(slackErrorCode(error) ?? '')) throw error;
      }
    }
    if (posted) {
      await args.respond({ ...notice(deps, state.locale, 'share.done'), replace_original: true });
      return;
    }
    await args.respond({
      response_type: 'in_channel',
      replace_original: false,
      unfurl_links: false,
      unfurl_media: false,
      ...renderAnswer(answer, knowledge.catalog, 'shared-unpinnable', answerExtras(deps)),
    });
    await args.respond({
      ...notice(deps, state.locale, 'share.notInChannel'),
      replace_original: true,
    });
  });
}

/**
 * Remembers a pinned answer so it can be kept true when the dataset changes, hashed as Slack
 * shows it. The pin itself is done: a database problem is only logged.
 */
async function remember(
  deps: SlackDeps,
  body: BlockButtonAction,
  ref: AnswerRef,
  channelId: string,
  messageTs: string,
): Promise<void> {
  const { store, logger } = deps.ctx;
  if (!store) return;
  try {
    await store.recordPin({
      platform: 'slack',
      workspaceId: teamOf(body) || null,
      channelId,
      messageId: messageTs,
      providerId: ref.kind === 'provider' ? ref.id : OVERVIEW_PIN,
      locale: ref.locale,
      lead: 0,
      contentHash: slackContentHash(body.message ?? {}),
    });
  } catch (error) {
    logger.warn(
      { platform: 'slack', err: error },
      'pinned, but could not remember the pin; it will not be kept true',
    );
  }
}

/**
 * "Pin" on a shared answer: pins.add with the message's channel and ts. Whoever clicks
 * (often a moderator, not the asker) hears back privately, in their own Slack language.
 */
export async function handlePin(deps: SlackDeps, args: ButtonArgs): Promise<void> {
  const { body } = args;
  await serve(deps, {
    startedAt: receivedAt(args.context),
    ack: () => args.ack(),
    respond: args.respond,
    work: async (state) => {
      const ref = decodeRef(args.action.value);
      state.locale = await deps.locales.get(teamOf(body), body.user.id, lookupVia(args.client));
      if (await limited(deps, args, state)) return { outcome: 'rate-limited' };
      const channel = channelOf(body);
      const timestamp = messageTsOf(body);
      if (!channel || !timestamp) throw new Error('no channel or message ts in the pin payload');

      let key: UiKey = 'pin.done';
      let outcome: Outcome = ref?.kind === 'overview' ? 'overview' : 'found';
      let failure: unknown;
      try {
        await args.client.pins.add({ channel, timestamp });
      } catch (error) {
        if (slackErrorCode(error) === 'already_pinned' && ref) {
          await remember(deps, body, ref, channel, timestamp);
        }
        const known = PIN_ERRORS[slackErrorCode(error) ?? ''];
        key = known ?? 'pin.failed';
        if (!known) {
          outcome = 'error';
          failure = error;
        }
      }
      // Shared answers are composed without a lead (see handleShare), so none is recorded.
      if (key === 'pin.done' && ref) await remember(deps, body, ref, channel, timestamp);
      await args.respond(notice(deps, state.locale, key));
      return {
        outcome,
        ...(ref?.kind === 'provider' ? { providerId: ref.id } : {}),
        ...(failure ? { error: failure } : {}),
      };
    },
  });
}

/** Every button this adapter writes: all their action_ids start with `vllm_` (action-ids.ts). */
const OUR_BUTTONS = /^vllm_/;

/**
 * One listener for all buttons, dispatching on the action_id. Bolt runs the middleware of every
 * registered listener for every request, slash commands included: each listener more costs
 * every command one more middleware chain (docs/benchmarks.md).
 */
export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockButtonAction>(OUR_BUTTONS, (args) => {
    const id = args.action.action_id;
    if (id === ACTION_SHARE) return handleShare(deps, args);
    if (id === ACTION_PIN) return handlePin(deps, args);
    if (id === ACTION_MINE) return handleInMyLanguage(deps, args);
    if (id === ACTION_REPORT) return handleReportButton(deps, args);
    if (ACTION_PICK.test(id)) return handlePick(deps, args);
    // A link button (ACTION_LINK) opens its URL in the browser; Slack still wants the click
    // acknowledged. So does a button of ours this version no longer knows.
    return args.ack();
  });
}
