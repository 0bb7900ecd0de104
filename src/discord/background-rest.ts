import { REST, RESTEvents } from 'discord.js';
import type { Logger } from 'pino';

/**
 * A REST client of its own for work outside any request (keeping pins true, posting stored
 * reports), whichever transport the bot answers on. discord.js's REST queues requests per
 * route bucket and, on a 429, waits out `retry_after` and sends the request again; `doing`
 * names the work in the warning.
 */
export function backgroundRest(options: {
  token: string;
  /** DISCORD_API_URL (a proxy or a local fake); Discord's own API when unset. */
  apiUrl?: string;
  logger: Logger;
  doing: string;
}): REST {
  const rest = new REST({ ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(
    options.token,
  );
  rest.on(RESTEvents.RateLimited, (info) =>
    options.logger.warn(
      { platform: 'discord', route: info.route, retryAfterMs: info.retryAfter },
      `discord rate limit hit while ${options.doing}; waiting`,
    ),
  );
  return rest;
}
