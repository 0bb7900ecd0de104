import { Routes } from 'discord.js';
import type { Logger } from 'pino';
import { reportedProviderName, reportIssueUrl } from '../core/issue-link.js';
import type { Knowledge } from '../core/knowledge.js';
import type { ReportPoster } from '../runtime/report-retry.js';
import type { Report } from '../store/index.js';
import { backgroundRest } from './background-rest.js';
import { LINK_BUTTON_URL_MAX } from './limits.js';
import { renderReportPost } from './render.js';

/** The link to a pre-filled issue, short enough for a Discord link button; or none. */
export function issueLink(
  base: string | undefined,
  knowledge: Knowledge,
  report: Report,
): string | undefined {
  return reportIssueUrl(base, report, knowledge.providers, LINK_BUTTON_URL_MAX);
}

/** The message the operators' channel gets for a report (`issueUrl`: see `issueLink`). */
export function reportPostBody(knowledge: Knowledge, report: Report, issueUrl?: string) {
  return renderReportPost({
    catalog: knowledge.catalog,
    report,
    providerName: reportedProviderName(knowledge.providers, report.providerId),
    ...(issueUrl ? { issueUrl } : {}),
  });
}

export interface DiscordReportPosterOptions {
  token: string;
  /** DISCORD_API_URL (a proxy or a local fake); Discord's own API when unset. */
  apiUrl?: string;
  /** REPORT_CHANNEL_ID. */
  channelId: string;
  /** REPORT_ISSUE_URL. */
  issueUrl?: string;
  logger: Logger;
}

/** Posts stored reports to the operators' channel outside any request (report-retry.ts). */
export function discordReportPoster(options: DiscordReportPosterOptions): ReportPoster {
  const rest = backgroundRest({
    token: options.token,
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    logger: options.logger,
    doing: 'posting stored reports',
  });
  return async (report, knowledge) => {
    await rest.post(Routes.channelMessages(options.channelId), {
      body: reportPostBody(knowledge, report, issueLink(options.issueUrl, knowledge, report)),
    });
  };
}
