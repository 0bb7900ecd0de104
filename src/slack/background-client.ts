import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { boltLevelFor, createBoltLogger } from './bolt-logger.js';

/**
 * A 429 is waited out (WebClient sleeps for Retry-After, then retries); so are network
 * errors and 5xx, a few times with backoff. Work outside a request is not urgent: patience
 * over speed.
 */
const RETRIES: webApi.RetryOptions = {
  retries: 5,
  factor: 2,
  minTimeout: 1_000,
  maxTimeout: 30_000,
};
const TIMEOUT_MS = 15_000;

/**
 * A Web API client for work outside any request (keeping pins true, posting stored reports):
 * no token of its own (each call passes the workspace's), one call at a time, so a 429
 * pauses its queue until Retry-After has passed. `doing` names the work in the warning.
 */
export function backgroundClient(options: {
  /** SLACK_API_URL (a proxy or a local fake); Slack's own API when unset. */
  apiUrl?: string;
  logger: Logger;
  doing: string;
}): webApi.WebClient {
  const client = new webApi.WebClient(undefined, {
    ...(options.apiUrl ? { slackApiUrl: `${options.apiUrl.replace(/\/+$/, '')}/` } : {}),
    retryConfig: RETRIES,
    timeout: TIMEOUT_MS,
    maxRequestConcurrency: 1,
    logger: createBoltLogger(options.logger, boltLevelFor(options.logger.level)),
  });
  client.on(webApi.WebClientEvent.RATE_LIMITED, (retryAfterSeconds: number) =>
    options.logger.warn(
      { platform: 'slack', retryAfterSeconds },
      `slack rate limit hit while ${options.doing}; waiting`,
    ),
  );
  return client;
}
