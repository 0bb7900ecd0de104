import { webApi } from '@slack/bolt';

/** The `error` code of a Web API call that answered `ok: false`, e.g. "not_in_channel". */
export function slackErrorCode(error: unknown): string | undefined {
  if (
    error instanceof Error &&
    (error as { code?: unknown }).code === webApi.ErrorCode.PlatformError
  ) {
    const data = (error as webApi.WebAPIPlatformError).data;
    return typeof data?.error === 'string' ? data.error : undefined;
  }
  return undefined;
}

/** chat.postMessage errors that mean "the bot cannot post here", not "something broke". */
export const NOT_IN_CHANNEL_ERRORS: ReadonlySet<string> = new Set([
  'not_in_channel',
  'channel_not_found',
]);
