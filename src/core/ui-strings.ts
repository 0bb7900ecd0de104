import { z } from 'zod';
import { STATUSES } from './status.js';

const text = z.string().trim().min(1, 'empty text');

/** Every UI string the bot shows. Each locale file in data/locales must have all of them. */
export const UI_KEYS = [
  'language.name',
  ...STATUSES.map((s) => `status.${s}` as const),
  'answer.sources',
  'answer.asOf',
  'answer.footer',
  'answer.aliases',
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
  'share.done',
  'share.notInChannel',
  'usage.hint',
] as const;

export type UiKey = (typeof UI_KEYS)[number];

export const UiStringsSchema = z.strictObject(
  Object.fromEntries(UI_KEYS.map((k) => [k, text])) as Record<UiKey, typeof text>,
);
export type UiStrings = z.infer<typeof UiStringsSchema>;

/** Non-fallback locales may be partial at load time; the completeness test keeps them whole. */
export const PartialUiStringsSchema = UiStringsSchema.partial();
