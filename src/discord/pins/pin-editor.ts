import { DiscordAPIError, RESTJSONErrorCodes, Routes, type APIMessage } from 'discord.js';
import type { Logger } from 'pino';
import type { PinEditor, PinnedAnswer, Seen } from '../../runtime/pin-updater.js';
import type { Pin } from '../../store/index.js';
import { renderAnswer, type ReportButtons } from '../render.js';
import { backgroundRest } from '../background-rest.js';
import { contentWithNote, discordContentHash } from './content-hash.js';

/** Discord's answers that mean the message is not there to keep true any more. */
const GONE: ReadonlyMap<number, string> = new Map([
  [RESTJSONErrorCodes.UnknownMessage, 'unknown message (10008)'],
  [RESTJSONErrorCodes.UnknownChannel, 'unknown channel (10003)'],
]);

function goneReason(error: unknown): string | undefined {
  return error instanceof DiscordAPIError && typeof error.code === 'number'
    ? GONE.get(error.code)
    : undefined;
}

function render(target: PinnedAnswer, reports: ReportButtons | undefined) {
  return renderAnswer(target.answer, {
    catalog: target.knowledge.catalog,
    private: false,
    lead: target.pin.lead,
    ...(reports ? { reports } : {}),
  });
}

export interface DiscordPinEditorOptions {
  token: string;
  /** DISCORD_API_URL (a proxy or a local fake); Discord's own API when unset. */
  apiUrl?: string;
  /** The report buttons answers carry here, so an edit shows what a new answer would. */
  reports?: ReportButtons;
  logger: Logger;
}

/**
 * Edits pinned answers through the REST API. Its own REST client, whichever transport
 * (gateway or HTTP interactions) the bot answers on. discord.js's REST queues requests per
 * route bucket and, on a 429, waits out `retry_after` and sends the request again.
 */
export function discordPinEditor(options: DiscordPinEditorOptions): PinEditor {
  const rest = backgroundRest({
    token: options.token,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    logger: options.logger,
    doing: 'updating pins',
  });

  return {
    hashOf: (target) => discordContentHash(render(target, options.reports)),

    async look(pin: Pin): Promise<Seen> {
      let message: APIMessage;
      try {
        message = (await rest.get(
          Routes.channelMessage(pin.channelId, pin.messageId),
        )) as APIMessage;
      } catch (error) {
        const reason = goneReason(error);
        if (reason) return { kind: 'gone', reason };
        throw error;
      }
      if (!message.pinned) return { kind: 'gone', reason: 'no longer pinned' };
      return { kind: 'shown', hash: discordContentHash(message), message };
    },

    async edit(target, note, seen) {
      const { pin } = target;
      const message = render(target, options.reports);
      const before = seen.message as APIMessage;
      try {
        await rest.patch(Routes.channelMessage(pin.channelId, pin.messageId), {
          body: {
            content: contentWithNote(before.content, note),
            embeds: message.embeds,
            components: message.components,
            // An edit must never ping anyone, whatever the message holds.
            allowed_mentions: { parse: [] },
          },
        });
      } catch (error) {
        const reason = goneReason(error);
        if (reason) return { kind: 'gone', reason };
        throw error;
      }
      return 'edited';
    },
  };
}
