import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../src/slack/action-ids.js';
import { SLACK_BOT_SCOPES, SLACK_REDIRECT_PATH } from '../../src/slack/oauth.js';

const manifest = JSON.parse(
  readFileSync(new URL('../../commands/slack-manifest.json', import.meta.url), 'utf8'),
) as {
  features: {
    slash_commands: {
      command: string;
      description: string;
      usage_hint: string;
      should_escape: boolean;
    }[];
  };
  oauth_config: { redirect_urls?: string[]; scopes: { bot: string[]; user?: string[] } };
  settings: {
    socket_mode_enabled: boolean;
    interactivity: { is_enabled: boolean };
    event_subscriptions?: { bot_events?: string[] };
  };
};

describe('the Slack app manifest', () => {
  it('declares /vllm, unescaped, within the manifest limits', () => {
    const [command, ...others] = manifest.features.slash_commands;
    expect(others).toEqual([]);
    expect(command?.command).toBe(SLASH_COMMAND);
    expect(command!.command.length).toBeLessThanOrEqual(32);
    expect(command!.description.length).toBeLessThanOrEqual(2000);
    expect(command!.usage_hint.length).toBeLessThanOrEqual(1000);
    expect(command!.should_escape).toBe(false);
  });

  it('asks for exactly the scopes the bot uses and nothing more', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['chat:write', 'commands', 'pins:read', 'pins:write', 'users:read'].sort(),
    );
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it('turns on interactivity (buttons) and Socket Mode', () => {
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('asks OAuth installs for the same scopes the manifest declares', () => {
    expect([...SLACK_BOT_SCOPES].sort()).toEqual([...manifest.oauth_config.scopes.bot].sort());
  });

  it('has one OAuth redirect URL, on the path Bolt serves, over HTTPS', () => {
    const urls = manifest.oauth_config.redirect_urls ?? [];
    expect(urls).toHaveLength(1);
    const url = new URL(urls[0]!);
    expect(url.protocol).toBe('https:');
    expect(url.pathname).toBe(SLACK_REDIRECT_PATH);
  });

  it('subscribes to the events that delete an installation', () => {
    expect(manifest.settings.event_subscriptions?.bot_events?.sort()).toEqual([
      'app_uninstalled',
      'tokens_revoked',
    ]);
  });
});
