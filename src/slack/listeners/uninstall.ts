import type { App, Context, InstallationStore } from '@slack/bolt';
import type { BotContext } from '../../runtime/bot-context.js';

/** The installation an event's workspace (or Enterprise Grid org) is stored under. */
function queryOf(context: Context) {
  return {
    teamId: context.teamId,
    enterpriseId: context.enterpriseId,
    isEnterpriseInstall: context.isEnterpriseInstall ?? false,
  };
}

/**
 * OAuth mode: a workspace that removes the app, or revokes its bot token, has its
 * installation (and so its token) deleted. Bolt skips authorization for these two events, so
 * they arrive even though the token no longer works. A revocation of user tokens only is
 * ignored: the bot never uses user tokens.
 */
export function registerUninstall(app: App, store: InstallationStore, ctx: BotContext): void {
  const forget = async (context: Context, why: string) => {
    const query = queryOf(context);
    if (!store.deleteInstallation) {
      ctx.logger.warn({ platform: 'slack', why }, 'installation store cannot delete installations');
      return;
    }
    await store.deleteInstallation(query);
    ctx.logger.info(
      { platform: 'slack', team: query.teamId, enterprise: query.enterpriseId, why },
      'slack installation deleted',
    );
  };
  app.event('app_uninstalled', async ({ context }) => forget(context, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, context }) => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await forget(context, 'tokens_revoked');
  });
}
