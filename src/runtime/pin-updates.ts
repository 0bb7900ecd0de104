import type { Knowledge } from '../core/knowledge.js';
import type { Platform, Store } from '../store/index.js';
import type { Config } from './config.js';
import type { Logger } from 'pino';
import { createPinUpdater, type PinEditor, type PinUpdater } from './pin-updater.js';
import { slackTokens } from './slack-tokens.js';

export interface PinUpdatesDeps {
  config: Pick<Config, 'discord' | 'slack' | 'pins' | 'reports'>;
  store: Store;
  knowledge: () => Knowledge;
  logger: Logger;
}

/**
 * The pin updater with an editor for each configured platform (loaded only when configured,
 * like the platforms themselves). Slack in OAuth mode edits with each workspace's own token.
 */
export async function createPinUpdates(deps: PinUpdatesDeps): Promise<PinUpdater> {
  const { config, store, logger } = deps;
  const editors: Partial<Record<Platform, PinEditor>> = {};
  if (config.discord) {
    const { discordPinEditor } = await import('../discord/pins/pin-editor.js');
    editors.discord = discordPinEditor({
      token: config.discord.token,
      ...(config.discord.apiUrl ? { apiUrl: config.discord.apiUrl } : {}),
      reports: {
        button: Boolean(config.reports.discordChannelId),
        ...(config.reports.issueUrl ? { issueUrl: config.reports.issueUrl } : {}),
      },
      logger,
    });
  }
  const slack = config.slack;
  if (slack) {
    const { slackPinEditor } = await import('../slack/pins/pin-editor.js');
    editors.slack = slackPinEditor({
      ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
      tokenFor: await slackTokens(slack, store),
      extras: {
        report: Boolean(config.reports.slackChannelId),
        ...(config.reports.issueUrl ? { issueUrl: config.reports.issueUrl } : {}),
      },
      logger,
    });
  }
  const { newOwnerId } = await import('../store/index.js');
  return createPinUpdater({
    store,
    knowledge: deps.knowledge,
    editors,
    logger,
    owner: newOwnerId(),
    leaseMs: config.pins.leaseMs,
    gapMs: config.pins.gapMs,
  });
}
