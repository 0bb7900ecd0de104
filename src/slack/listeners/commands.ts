import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { FALLBACK_LOCALE } from '../../core/locales.js';
import { outcomeOf } from '../../runtime/bot-context.js';
import { countMiss } from '../../runtime/misses.js';
import { SLASH_COMMAND } from '../action-ids.js';
import { languageOverride, parseCommand } from '../parse-command.js';
import { renderAnswer } from '../render.js';
import { lookupVia } from '../user-locale.js';
import { answerExtras } from './community.js';
import type { SlackDeps } from './deps.js';
import { notice, receivedAt, serve } from './serve.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/vllm [query] [lang:xx]`: answered privately, with a Share button. Language: `lang:` if
 * given, else the user's Slack locale (users.info, cached), else the fallback. When the
 * language is known without I/O (`lang:` or a cached locale) the answer is the body of the
 * acknowledgement; otherwise the command is acknowledged at once with an empty body, the
 * locale is looked up (bounded by its timeout) and the answer goes to the response_url.
 * The rate-limit notice never waits for users.info and always goes in the acknowledgement.
 */
export async function handleCommand(deps: SlackDeps, args: CommandArgs): Promise<void> {
  const { command } = args;
  const { ctx, locales } = deps;
  await serve(deps, {
    startedAt: receivedAt(args.context),
    ack: (message) => args.ack(message),
    respond: args.respond,
    acknowledge: 'with-answer',
    work: async (state, reply) => {
      const parsed = parseCommand(command.text ?? '');
      state.query = parsed.query;
      const override = languageOverride(parsed.language);
      const team = command.team_id;
      const user = command.user_id;

      const limit = await ctx.rateLimit(`slack:${team}:${user}`);
      if (!limit.ok) {
        // No users.info call for someone who is asking too fast: cached or fallback only.
        state.locale = override ?? locales.peek(team, user) ?? FALLBACK_LOCALE;
        await reply.send(
          notice(deps, state.locale, 'error.rateLimited', { seconds: limit.retryAfterSeconds }),
        );
        return { outcome: 'rate-limited' };
      }

      const known = override ?? locales.peek(team, user);
      if (known) {
        state.locale = known;
      } else {
        // users.info may take up to its timeout: acknowledge first, answer at the response_url.
        await reply.ackNow();
        state.locale = await locales.get(team, user, lookupVia(args.client));
      }
      const knowledge = ctx.knowledge();
      const answer = knowledge.ask(parsed.query, state.locale);
      await reply.send({
        response_type: 'ephemeral',
        unfurl_links: false,
        unfurl_media: false,
        ...renderAnswer(answer, knowledge.catalog, 'private', answerExtras(deps, parsed.query)),
      });
      if (answer.kind === 'not-found') countMiss(ctx, parsed.query);
      return {
        outcome: outcomeOf(answer),
        ...(answer.kind === 'provider' ? { providerId: answer.provider.id } : {}),
      };
    },
  });
}

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(SLASH_COMMAND, (args) => handleCommand(deps, args));
}
