import type { Logger } from 'pino';
import { reportedProviderName, reportIssueUrl } from '../core/issue-link.js';
import type { Knowledge } from '../core/knowledge.js';
import type { ReportPoster } from '../runtime/report-retry.js';
import type { Report } from '../store/index.js';
import { backgroundClient } from './background-client.js';
import { MAX_BUTTON_URL } from './limits.js';
import { renderReportPost } from './render-report.js';

/** The link to a pre-filled issue, short enough for a Slack link button; or none. */
export function issueLink(
  base: string | undefined,
  knowledge: Knowledge,
  report: Report,
): string | undefined {
  return reportIssueUrl(base, report, knowledge.providers, Math.min(MAX_BUTTON_URL, 2000));
}

/**
 * The message the operators' channel gets for a report (chat.postMessage arguments;
 * `issueUrl`: see `issueLink`).
 */
export function reportPostMessage(
  channel: string,
  knowledge: Knowledge,
  report: Report,
  issueUrl?: string,
) {
  return {
    channel,
    unfurl_links: false,
    unfurl_media: false,
    ...renderReportPost({
      catalog: knowledge.catalog,
      report,
      providerName: reportedProviderName(knowledge.providers, report.providerId),
      ...(issueUrl ? { issueUrl } : {}),
    }),
  };
}

export interface SlackReportPosterOptions {
  /** SLACK_API_URL (a proxy or a local fake); Slack's own API when unset. */
  apiUrl?: string;
  /** SLACK_REPORT_CHANNEL. */
  channelId: string;
  /** REPORT_ISSUE_URL. */
  issueUrl?: string;
  /** The bot token for a workspace: the one token, or the workspace's OAuth installation. */
  tokenFor(workspaceId: string | null): Promise<string | undefined>;
  logger: Logger;
}

/**
 * Posts stored reports to the operators' channel outside any request (report-retry.ts), with
 * the token of the workspace the report came from.
 */
export function slackReportPoster(options: SlackReportPosterOptions): ReportPoster {
  const client = backgroundClient({
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    logger: options.logger,
    doing: 'posting stored reports',
  });
  return async (report, knowledge) => {
    const token = await options.tokenFor(report.workspaceId);
    if (!token) throw new Error(`no Slack token for workspace ${report.workspaceId ?? '(none)'}`);
    await client.chat.postMessage({
      token,
      ...reportPostMessage(
        options.channelId,
        knowledge,
        report,
        issueLink(options.issueUrl, knowledge, report),
      ),
    });
  };
}
