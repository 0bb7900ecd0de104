import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Store } from './store.js';

/** Where Bolt's installation and query put the ids our store keys rows by. */
function keyOfInstallation(installation: Installation) {
  const isEnterpriseInstall = installation.isEnterpriseInstall === true;
  return {
    isEnterpriseInstall,
    enterpriseId: installation.enterprise?.id ?? null,
    teamId: installation.team?.id ?? null,
  };
}

function keyOfQuery(query: InstallationQuery<boolean>) {
  return {
    isEnterpriseInstall: query.isEnterpriseInstall === true,
    enterpriseId: query.enterpriseId ?? null,
    teamId: query.teamId ?? null,
  };
}

/**
 * Bolt's OAuth InstallationStore over our store: installations (bot tokens inside) are kept
 * encrypted at rest; Bolt calls fetchInstallation on every event to find the workspace's token.
 */
export function slackInstallationStore(store: Store): InstallationStore {
  return {
    async storeInstallation(installation) {
      await store.saveInstallation(keyOfInstallation(installation), installation);
    },
    async fetchInstallation(query) {
      const found = await store.findInstallation(keyOfQuery(query));
      // Bolt expects a rejection when there is none: it then answers "not installed".
      if (found === undefined) {
        throw new Error(
          `No Slack installation for ${query.isEnterpriseInstall ? `enterprise ${query.enterpriseId}` : `team ${query.teamId}`}`,
        );
      }
      return found as Installation;
    },
    async deleteInstallation(query) {
      await store.deleteInstallation(keyOfQuery(query));
    },
  };
}
