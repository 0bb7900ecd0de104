import { translate, type Catalog } from '../core/i18n.js';
import { FALLBACK_LOCALE, type Locale } from '../core/locales.js';
import { SOURCE_URL_MAX } from '../core/source-url.js';
import type { UiKey } from '../core/ui-strings.js';
import type { Report } from '../store/index.js';
import {
  encodeReportRef,
  REPORT_INPUT_SOURCE,
  REPORT_INPUT_WHAT,
  VIEW_REPORT,
  type ReportViewRef,
} from './action-ids.js';
import { escapeText, mrkdwnLink } from './escape.js';
import {
  MAX_BUTTON_URL,
  MAX_CONTEXT_TEXT,
  MAX_FALLBACK_TEXT,
  MAX_HEADER_TEXT,
  MAX_INPUT_LABEL,
  MAX_INPUT_PLACEHOLDER,
  MAX_SECTION_TEXT,
  MAX_VIEW_TITLE,
} from './limits.js';
import { linkButton, truncate, type Block, type PlainText, type SlackMessage } from './render.js';

/** The Block Kit of the report modal (views.open): two plain_text_input blocks. */
export interface InputBlock {
  type: 'input';
  block_id: string;
  label: PlainText;
  optional: boolean;
  element: {
    type: 'plain_text_input';
    action_id: string;
    multiline: boolean;
    max_length: number;
    placeholder: PlainText;
  };
}

export interface ReportView {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: PlainText;
  submit: PlainText;
  blocks: InputBlock[];
}

const plain = (text: string, max: number): PlainText => ({
  type: 'plain_text',
  text: truncate(escapeText(text), max),
  emoji: true,
});

/**
 * A short label for the modal's submit button (Slack allows 24 characters): the first part
 * of "Report / suggest a source" in the reporter's language ("Report", "Melden"…).
 */
function submitLabel(catalog: Catalog, locale: Locale): string {
  const full = translate(catalog, locale, 'button.report');
  return full.split('/')[0]!.trim() || full;
}

/** The "Report / suggest a source" modal, in the reporter's language. */
export function renderReportView(
  catalog: Catalog,
  locale: Locale,
  ref: ReportViewRef,
  whatMax: number,
): ReportView {
  const t = (key: UiKey) => translate(catalog, locale, key);
  return {
    type: 'modal',
    callback_id: VIEW_REPORT,
    private_metadata: encodeReportRef(ref),
    title: plain(t('report.modal.title'), MAX_VIEW_TITLE),
    submit: plain(submitLabel(catalog, locale), MAX_VIEW_TITLE),
    blocks: [
      {
        type: 'input',
        block_id: REPORT_INPUT_WHAT,
        label: plain(t('report.modal.what'), MAX_INPUT_LABEL),
        optional: false,
        element: {
          type: 'plain_text_input',
          action_id: REPORT_INPUT_WHAT,
          multiline: true,
          max_length: whatMax,
          placeholder: plain(t('report.modal.whatPlaceholder'), MAX_INPUT_PLACEHOLDER),
        },
      },
      {
        type: 'input',
        block_id: REPORT_INPUT_SOURCE,
        label: plain(t('report.modal.source'), MAX_INPUT_LABEL),
        optional: true,
        element: {
          type: 'plain_text_input',
          action_id: REPORT_INPUT_SOURCE,
          multiline: false,
          max_length: SOURCE_URL_MAX,
          placeholder: plain('https://', MAX_INPUT_PLACEHOLDER),
        },
      },
    ],
  };
}

const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, MAX_SECTION_TEXT), verbatim: true },
});

function linkRow(label: string, url: string | undefined): Block[] {
  return url && url.length <= MAX_BUTTON_URL
    ? [{ type: 'actions', elements: [linkButton(label, url)] }]
    : [];
}

export interface ReportPostInput {
  catalog: Catalog;
  report: Report;
  providerName: string;
  issueUrl?: string;
}

/**
 * The operators' copy of a report, in the fallback language. Every text from the reporter is
 * escaped (and mrkdwn is verbatim), and the reporter is named as plain text with their id,
 * never as <@U…>: nobody is notified.
 */
export function renderReportPost(input: ReportPostInput): SlackMessage {
  const { catalog, report } = input;
  const t = (key: UiKey, vars?: Record<string, string>) =>
    translate(catalog, FALLBACK_LOCALE, key, vars);
  const title = t('report.post.title', { provider: input.providerName });
  const reporter = `${report.reporterName} (${report.reporterId})`;
  const about = t('report.post.body', { query: report.query, locale: report.locale, reporter });
  const blocks: Block[] = [
    { type: 'header', text: plain(title, MAX_HEADER_TEXT) },
    section(escapeText(report.whatIsWrong)),
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: truncate(escapeText(about), MAX_CONTEXT_TEXT), verbatim: true },
      ],
    },
  ];
  if (report.sourceUrl) {
    blocks.push(
      section(
        `${escapeText(t('report.modal.source'))}: ${mrkdwnLink(report.sourceUrl, report.sourceUrl)}`,
      ),
    );
  }
  blocks.push(...linkRow(t('report.issueLink'), input.issueUrl));
  return {
    text: truncate(escapeText(`${title}: ${report.whatIsWrong}`), MAX_FALLBACK_TEXT),
    blocks,
  };
}

/** The reporter's private thank-you, with the pre-filled issue link when there is one. */
export function renderReportThanks(
  catalog: Catalog,
  locale: Locale,
  issueUrl: string | undefined,
): SlackMessage {
  const thanks = translate(catalog, locale, 'report.thanks');
  return {
    text: truncate(escapeText(thanks), MAX_FALLBACK_TEXT),
    blocks: [
      section(escapeText(thanks)),
      ...linkRow(translate(catalog, locale, 'report.issueLink'), issueUrl),
    ],
  };
}
