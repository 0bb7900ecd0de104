import type { Logger } from 'pino';
import type { Platform, Store } from '../store/index.js';
import type { Config } from './config.js';
import type { ReportPoster } from './report-retry.js';
import { slackTokens } from './slack-tokens.js';

export interface ReportPostersDeps {
  config: Pick<Config, 'discord' | 'slack' | 'reports'>;
  store: Store;
  logger: Logger;
}

/**
 * A poster for each configured platform that has an operators' channel (loaded only then,
 * like the platforms themselves).
 */
export async function createReportPosters(
  deps: ReportPostersDeps,
): Promise<Partial<Record<Platform, ReportPoster>>> {
  const { config, store, logger } = deps;
  const { issueUrl, discordChannelId, slackChannelId } = config.reports;
  const posters: Partial<Record<Platform, ReportPoster>> = {};
  if (config.discord && discordChannelId) {
    const { discordReportPoster } = await import('../discord/report-post.js');
    posters.discord = discordReportPoster({
      token: config.discord.token,
      ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
      channelId: discordChannelId,
      ...(issueUrl ? { issueUrl } : {}),
      logger,
    });
  }
  const slack = config.slack;
  if (slack && slackChannelId) {
    const { slackReportPoster } = await import('../slack/report-post.js');
    posters.slack = slackReportPoster({
      ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
      channelId: slackChannelId,
      ...(issueUrl ? { issueUrl } : {}),
      tokenFor: await slackTokens(slack, store),
      logger,
    });
  }
  return posters;
}
