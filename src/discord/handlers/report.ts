import {
  MessageFlags,
  Routes,
  type ButtonInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { translate } from '../../core/i18n.js';
import { resolveLocale } from '../../core/locale-resolve.js';
import type { UiKey } from '../../core/ui-strings.js';
import { acceptReport, deliverReport, REPORT_TEXT_MAX } from '../../runtime/reports.js';
import type { ReportRef } from '../custom-ids.js';
import {
  forEdit,
  renderNotice,
  renderNoticeWithLink,
  renderReportModal,
  REPORT_FIELD_SOURCE,
  REPORT_FIELD_WHAT,
} from '../render.js';
import { issueLink, reportPostBody } from '../report-post.js';
import { reportButtons } from './answer-options.js';
import type { Handled, Job } from './run.js';

/** "Report / suggest a source": opens the modal, in the clicker's language. */
export function reportButton(ref: ReportRef): Job<ButtonInteraction> {
  return {
    locale: (interaction) => resolveLocale(interaction.locale),
    async run(interaction, knowledge, locale, ctx): Promise<Handled> {
      // An old message may outlive the configuration that drew its button.
      if (!reportButtons(ctx).button) {
        await interaction.reply(
          renderNotice(translate(knowledge.catalog, locale, 'report.failed')),
        );
        return { outcome: 'error', locale, providerId: ref.providerId };
      }
      // A modal must be the first answer to the click: nothing slow before it.
      await interaction.showModal(
        renderReportModal(knowledge.catalog, locale, ref, REPORT_TEXT_MAX),
      );
      return { outcome: 'found', locale, providerId: ref.providerId };
    },
  };
}

function fieldValue(interaction: ModalSubmitInteraction, id: string): string {
  try {
    return interaction.fields.getTextInputValue(id);
  } catch {
    return '';
  }
}

/**
 * The submitted modal: check the source URL, apply the per-user report limit, store the
 * report, post it to REPORT_CHANNEL_ID once, and thank the reporter privately, in their own
 * language, with a link to a pre-filled issue when REPORT_ISSUE_URL is set.
 */
export function reportSubmit(ref: ReportRef): Job<ModalSubmitInteraction> {
  return {
    locale: (interaction) => resolveLocale(interaction.locale),
    async run(interaction, knowledge, locale, ctx): Promise<Handled> {
      const say = (key: UiKey, vars?: Record<string, string>) =>
        translate(knowledge.catalog, locale, key, vars);
      // The store (and, on PostgreSQL, the network) may take a moment: answer Discord first.
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      const accepted = await acceptReport(ctx, {
        platform: 'discord',
        workspaceId: interaction.guildId,
        providerId: ref.providerId,
        query: ref.query,
        locale: ref.locale,
        reporterId: interaction.user.id,
        reporterName: interaction.user.username,
        whatIsWrong: fieldValue(interaction, REPORT_FIELD_WHAT),
        sourceUrl: fieldValue(interaction, REPORT_FIELD_SOURCE),
      });
      const handled = (outcome: Handled['outcome']): Handled => ({
        outcome,
        locale,
        providerId: ref.providerId,
      });
      if (accepted.kind !== 'stored') {
        const text =
          accepted.kind === 'bad-url'
            ? say('report.badUrl', { url: accepted.url.slice(0, 300) })
            : say(accepted.kind === 'rate-limited' ? 'report.rateLimited' : 'report.failed');
        await interaction.editReply(forEdit(renderNotice(text)));
        return handled(accepted.kind === 'rate-limited' ? 'rate-limited' : 'found');
      }
      const { report } = accepted;
      const issueUrl = issueLink(ctx.reports?.issueUrl, knowledge, report);
      const channelId = ctx.reports?.discordChannelId;
      if (channelId) {
        await deliverReport(ctx, report, async () => {
          await interaction.client.rest.post(Routes.channelMessages(channelId), {
            body: reportPostBody(knowledge, report, issueUrl),
          });
        });
      }
      const thanks = say('report.thanks');
      await interaction.editReply(
        forEdit(
          issueUrl
            ? renderNoticeWithLink(thanks, say('report.issueLink'), issueUrl)
            : renderNotice(thanks),
        ),
      );
      return handled('found');
    },
  };
}
