import type { Logger } from 'pino';
import type { PinEditor, PinnedAnswer, Seen } from '../../runtime/pin-updater.js';
import type { Pin } from '../../store/index.js';
import { slackErrorCode } from '../api-errors.js';
import { backgroundClient } from '../background-client.js';
import { renderAnswer, type AnswerExtras } from '../render.js';
import { slackContentHash } from './content-hash.js';

/** Web API errors that mean the message is not there (or not pinned) any more. */
const GONE_ERRORS: ReadonlySet<string> = new Set([
  'message_not_found',
  'channel_not_found',
  'not_pinned',
]);

function gone(error: unknown): Extract<Seen, { kind: 'gone' }> | undefined {
  const code = slackErrorCode(error);
  return code && GONE_ERRORS.has(code) ? { kind: 'gone', reason: code } : undefined;
}

function render(target: PinnedAnswer, extras: AnswerExtras, updated?: string) {
  return renderAnswer(target.answer, target.knowledge.catalog, 'shared', {
    ...extras,
    ...(updated ? { updated } : {}),
  });
}

interface PinnedItem {
  type?: string;
  message?: { ts?: string; text?: unknown; blocks?: unknown };
}

export interface SlackPinEditorOptions {
  /** SLACK_API_URL (a proxy or a local fake); Slack's own API when unset. */
  apiUrl?: string;
  /** The bot token for a workspace: the one token, or the workspace's OAuth installation. */
  tokenFor(workspaceId: string | null): Promise<string | undefined>;
  /** The report buttons answers carry here, so an edit shows what a new answer would. */
  extras?: Pick<AnswerExtras, 'report' | 'issueUrl'>;
  logger: Logger;
}

/**
 * Edits pinned answers with chat.update, after reading the channel's pins (pins.list, scope
 * pins:read) to learn whether the message is still pinned and what it shows.
 */
export function slackPinEditor(options: SlackPinEditorOptions): PinEditor {
  const client = backgroundClient({
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    logger: options.logger,
    doing: 'updating pins',
  });

  async function token(pin: Pin): Promise<string> {
    const found = await options.tokenFor(pin.workspaceId);
    if (!found) throw new Error(`no Slack token for workspace ${pin.workspaceId ?? '(none)'}`);
    return found;
  }

  return {
    hashOf: (target) => slackContentHash(render(target, options.extras ?? {})),

    async look(pin) {
      let items: PinnedItem[];
      try {
        const listed = await client.pins.list({ token: await token(pin), channel: pin.channelId });
        items = listed.items ?? [];
      } catch (error) {
        const why = gone(error);
        if (why) return why;
        throw error;
      }
      const item = items.find((i) => i.message?.ts === pin.messageId);
      if (!item?.message) return { kind: 'gone', reason: 'not_pinned' };
      return { kind: 'shown', hash: slackContentHash(item.message), message: item.message };
    },

    async edit(target, note) {
      const { pin } = target;
      const message = render(target, options.extras ?? {}, note);
      try {
        await client.chat.update({
          token: await token(pin),
          channel: pin.channelId,
          ts: pin.messageId,
          text: message.text,
          blocks: message.blocks,
        });
      } catch (error) {
        const why = gone(error);
        if (why) return why;
        throw error;
      }
      return 'edited';
    },
  };
}
