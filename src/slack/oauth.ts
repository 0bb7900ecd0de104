import type { HTTPReceiverOptions, InstallationStore } from '@slack/bolt';
import type { SlackOAuthConfig } from '../runtime/config.js';

/** Where an admin starts an install: redirects to Slack's consent page with a signed state. */
export const SLACK_INSTALL_PATH = '/slack/install';
/** Where Slack sends the admin back with a code; must be a Redirect URL of the app. */
export const SLACK_REDIRECT_PATH = '/slack/oauth_redirect';
/**
 * The bot scopes an install asks for: the same as commands/slack-manifest.json (a test keeps
 * them equal). `commands` for /vllm, `chat:write` to share answers, `users:read` for the
 * user's language, `pins:write` for the Pin button, `pins:read` to tell whether a pinned
 * answer is still pinned before keeping it true.
 */
export const SLACK_BOT_SCOPES = [
  'commands',
  'chat:write',
  'users:read',
  'pins:write',
  'pins:read',
] as const;

/**
 * Bolt's built-in OAuth on the HTTP receiver. The state travels in a cookie signed with
 * SLACK_STATE_SECRET (Bolt's ClearStateStore), so any replica can finish an install another
 * one started. `clientOptions` carries SLACK_API_URL to oauth.v2.access and the auth.test that
 * follows it, which is what lets a proxy or a local fake complete an install.
 */
export function oauthReceiverOptions(
  config: SlackOAuthConfig,
  installationStore: InstallationStore,
  clientOptions: { slackApiUrl?: string; timeout: number },
): Pick<
  HTTPReceiverOptions,
  'clientId' | 'clientSecret' | 'stateSecret' | 'scopes' | 'installationStore' | 'installerOptions'
> {
  return {
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    stateSecret: config.stateSecret,
    scopes: [...SLACK_BOT_SCOPES],
    installationStore,
    installerOptions: {
      installPath: SLACK_INSTALL_PATH,
      redirectUriPath: SLACK_REDIRECT_PATH,
      // The install link goes straight to Slack's consent page; no landing page of our own.
      directInstall: true,
      clientOptions,
    },
  };
}
