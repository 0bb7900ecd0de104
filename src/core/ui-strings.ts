import { z } from 'zod';
import { STATUSES } from './status.js';

const text = z.string().trim().min(1, 'empty text');

/**
 * Every UI string the bot shows. The English source is data/ui.yaml (ICU MessageFormat, so
 * plurals follow each language's rules); translations are data/translations/ui/<locale>.po.
 */
export const UI_KEYS = [
  'language.name',
  ...STATUSES.map((s) => `status.${s}` as const),
  'kind.engine',
  'kind.tool',
  'answer.sources',
  'answer.asOf',
  'answer.undated',
  'answer.secondaryOnly',
  'answer.untranslated',
  'answer.footer',
  'answer.aliases',
  'source.secondary',
  'source.mirror',
  'source.summary',
  'report.link',
  'ambiguous.title',
  'ambiguous.body',
  'notFound.title',
  'notFound.body',
  'overview.title',
  'overview.body',
  'error.generic',
  'error.rateLimited',
  'command.description',
  'command.provider.description',
  'command.language.description',
  'command.private.description',
  'contextMenu.name',
  'contextMenu.noProvider',
  'button.pin',
  'button.postPublicly',
  'button.share',
  'button.source',
  'pin.done',
  'pin.userMissingPermission',
  'pin.botMissingPermission',
  'pin.channelFull',
  'pin.notInServer',
  'pin.failed',
  'pin.alreadyPinned',
  'pin.notPinnable',
  'pin.missingScope',
  'pin.notInChannel',
  'button.report',
  'button.inMyLanguage',
  'report.modal.title',
  'report.modal.what',
  'report.modal.whatPlaceholder',
  'report.modal.source',
  'report.thanks',
  'report.issueLink',
  'report.badUrl',
  'report.rateLimited',
  'report.failed',
  'report.post.title',
  'report.post.body',
  'pin.updated',
  'share.done',
  'share.notInChannel',
  'usage.hint',
] as const;

export type UiKey = (typeof UI_KEYS)[number];

export const UiStringsSchema = z.strictObject(
  Object.fromEntries(UI_KEYS.map((k) => [k, text])) as Record<UiKey, typeof text>,
);
export type UiStrings = z.infer<typeof UiStringsSchema>;
