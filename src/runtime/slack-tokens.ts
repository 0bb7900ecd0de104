import type { Store } from '../store/index.js';
import type { SlackConfig } from './config.js';

/**
 * The bot token to act in a workspace outside any request: the one SLACK_BOT_TOKEN, or with
 * OAuth the workspace's own installation (undefined when it is not installed any more).
 */
export async function slackTokens(
  slack: SlackConfig,
  store: Store,
): Promise<(workspaceId: string | null) => Promise<string | undefined>> {
  if (slack.mode !== 'oauth') return () => Promise.resolve(slack.botToken);
  const { slackInstallationStore } = await import('../store/index.js');
  const installations = slackInstallationStore(store);
  return async (teamId) => {
    if (!teamId) return undefined;
    const installation = await installations
      .fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false })
      .catch(() => undefined);
    return installation?.bot?.token;
  };
}
