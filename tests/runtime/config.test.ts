import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../../src/runtime/config.js';

function problems(env: Record<string, string>, canLoad?: (name: string) => boolean): string[] {
  try {
    loadConfig(env, canLoad);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('enables nothing without credentials and applies defaults', () => {
    const config = loadConfig({});
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
    expect(config.logLevel).toBe('info');
    expect(config.rateLimit).toEqual({ max: 5, windowMs: 10_000 });
  });

  it('paces pinned-answer edits: 1 s apart and a 2-minute claim by default, or as set', () => {
    expect(loadConfig({}).pins).toEqual({ gapMs: 1_000, leaseMs: 120_000 });
    expect(loadConfig({ PIN_UPDATE_GAP_MS: '250', PIN_UPDATE_LEASE_SECONDS: '30' }).pins).toEqual({
      gapMs: 250,
      leaseMs: 30_000,
    });
    expect(problems({ PIN_UPDATE_GAP_MS: '0', PIN_UPDATE_LEASE_SECONDS: 'soon' })).toEqual([
      expect.stringContaining('PIN_UPDATE_GAP_MS'),
      expect.stringContaining('PIN_UPDATE_LEASE_SECONDS'),
    ]);
  });

  it('enables Discord with a token and an application id', () => {
    const config = loadConfig({
      DISCORD_TOKEN: 'token-value',
      DISCORD_APPLICATION_ID: '123456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:8080/api/',
      DISCORD_SHARDS: 'auto',
    });
    expect(config.discord).toEqual({
      token: 'token-value',
      applicationId: '123456789012345678',
      guildId: undefined,
      apiUrl: 'http://127.0.0.1:8080/api',
      shards: 'auto',
    });
  });

  it('picks Socket Mode with an app token and HTTP mode with a signing secret', () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack,
    ).toMatchObject({ mode: 'socket' });
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_PORT: '4000' })
        .slack,
    ).toMatchObject({
      mode: 'http',
      port: 4000,
    });
  });

  it('reports every problem at once, each naming its variable', () => {
    const list = problems({
      DISCORD_APPLICATION_ID: '123456789012345678',
      HEALTH_PORT: 'eighty',
      LOG_LEVEL: 'loud',
      SLACK_APP_TOKEN: 'not-an-app-token',
      RATE_LIMIT_MAX: '-1',
      SLACK_API_URL: 'ftp://example.com',
    });
    expect(list).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^HEALTH_PORT: /),
        expect.stringMatching(/^LOG_LEVEL: /),
        expect.stringMatching(/^SLACK_APP_TOKEN: /),
        expect.stringMatching(/^RATE_LIMIT_MAX: /),
        expect.stringMatching(/^SLACK_API_URL: /),
        expect.stringMatching(/^DISCORD_APPLICATION_ID: set DISCORD_TOKEN too/),
        expect.stringMatching(/^SLACK_BOT_TOKEN: required/),
      ]),
    );
    expect(list).toHaveLength(7);
  });

  it('switches Discord to HTTP interactions with DISCORD_PUBLIC_KEY, port 3001 by default', () => {
    const key = 'aB'.repeat(32);
    const base = { DISCORD_TOKEN: 'token-value', DISCORD_APPLICATION_ID: '123456789012345678' };
    expect(loadConfig(base).discord?.http).toBeUndefined();
    expect(loadConfig({ ...base, DISCORD_PUBLIC_KEY: key }).discord?.http).toEqual({
      publicKey: key,
      port: 3001,
    });
    expect(
      loadConfig({ ...base, DISCORD_PUBLIC_KEY: key, DISCORD_HTTP_PORT: '8443' }).discord?.http,
    ).toEqual({ publicKey: key, port: 8443 });
  });

  it('explains a malformed public key, a bad port, and a public key without a token', () => {
    const base = { DISCORD_TOKEN: 'token-value', DISCORD_APPLICATION_ID: '123456789012345678' };
    for (const key of ['ab'.repeat(31), 'ab'.repeat(33), 'zz'.repeat(32)]) {
      expect(problems({ ...base, DISCORD_PUBLIC_KEY: key })).toEqual([
        'DISCORD_PUBLIC_KEY: must be the application public key: 64 hexadecimal characters (Developer Portal, General Information)',
      ]);
    }
    expect(
      problems({ ...base, DISCORD_PUBLIC_KEY: 'ab'.repeat(32), DISCORD_HTTP_PORT: '70000' }),
    ).toEqual(['DISCORD_HTTP_PORT: must be between 0 and 65535']);
    expect(problems({ DISCORD_PUBLIC_KEY: 'ab'.repeat(32) })).toEqual([
      'DISCORD_PUBLIC_KEY: also set DISCORD_TOKEN (follow-ups and pins use the REST API)',
    ]);
  });

  it('enables Discord with the token alone: the application id is for deploy only', () => {
    expect(loadConfig({ DISCORD_TOKEN: 'token-value' }).discord).toMatchObject({
      token: 'token-value',
      applicationId: undefined,
    });
  });

  it('states the rule for a malformed application id', () => {
    expect(problems({ DISCORD_TOKEN: 't', DISCORD_APPLICATION_ID: '123' })).toEqual([
      expect.stringMatching(
        /^DISCORD_APPLICATION_ID: must be 15–25 digits, the numeric application id from the Developer Portal/,
      ),
    ]);
  });

  it('reports LOG_PRETTY when pino-pretty cannot be loaded, and accepts it when it can', () => {
    const missing = () => false;
    expect(problems({ LOG_PRETTY: '1' }, missing)).toEqual([
      expect.stringMatching(/^LOG_PRETTY: pino-pretty is not installed/),
    ]);
    expect(loadConfig({ LOG_PRETTY: '0' }, missing).logPretty).toBe(false);
    // The dev install here has it: the real lookup finds it.
    expect(loadConfig({ LOG_PRETTY: '1' }).logPretty).toBe(true);
  });

  it('binds the health server to HEALTH_HOST when set', () => {
    expect(loadConfig({ HEALTH_PORT: '8080', HEALTH_HOST: '127.0.0.1' })).toMatchObject({
      healthPort: 8080,
      healthHost: '127.0.0.1',
    });
    expect(loadConfig({ HEALTH_PORT: '8080' }).healthHost).toBeUndefined();
  });

  it('never puts a secret value in its messages', () => {
    const error = (() => {
      try {
        loadConfig({ DISCORD_TOKEN: 'super-secret-token', SLACK_BOT_TOKEN: 'xoxb-secret-bot' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).not.toContain('super-secret-token');
    expect(error?.message).not.toContain('xoxb-secret-bot');
  });

  it('treats empty values as unset', () => {
    expect(
      loadConfig({ DISCORD_TOKEN: '', DISCORD_APPLICATION_ID: '  ', HEALTH_PORT: '' }).discord,
    ).toBeUndefined();
  });

  it('lists the secrets to scrub from logs', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-123456789',
      SLACK_SIGNING_SECRET: 'signing-secret-1',
    });
    expect(secretsOf(config)).toEqual(['xoxb-123456789', 'signing-secret-1']);
  });
});

describe('loadConfig: Slack OAuth (many workspaces)', () => {
  const oauth = {
    SLACK_CLIENT_ID: '1111.2222',
    SLACK_CLIENT_SECRET: 'client-secret-value',
    SLACK_STATE_SECRET: 'state-secret-at-least-16',
    SLACK_SIGNING_SECRET: 'signing-secret-value',
    STATE_ENCRYPTION_KEY: 'ab'.repeat(32),
  };

  it('runs OAuth over HTTP on SLACK_PORT with the three OAuth values and a signing secret', () => {
    const config = loadConfig({
      ...oauth,
      SLACK_PORT: '4100',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    expect(config.slack).toEqual({
      mode: 'oauth',
      clientId: '1111.2222',
      clientSecret: 'client-secret-value',
      stateSecret: 'state-secret-at-least-16',
      signingSecret: 'signing-secret-value',
      port: 4100,
      apiUrl: 'http://127.0.0.1:9/api',
    });
    expect(secretsOf(config)).toEqual(
      expect.arrayContaining([
        'client-secret-value',
        'signing-secret-value',
        'state-secret-at-least-16',
        'ab'.repeat(32),
      ]) as unknown,
    );
  });

  it('needs the key that encrypts the workspaces’ tokens at rest', () => {
    expect(problems({ ...oauth, STATE_ENCRYPTION_KEY: '' })).toEqual([
      expect.stringMatching(/^STATE_ENCRYPTION_KEY: required with Slack OAuth/),
    ]);
  });

  it('wants all three OAuth values or none, naming the missing ones', () => {
    expect(problems({ SLACK_CLIENT_ID: '1111.2222', SLACK_SIGNING_SECRET: 's' })).toEqual([
      'SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET: set all three for Slack OAuth, or none (missing: SLACK_CLIENT_SECRET, SLACK_STATE_SECRET)',
    ]);
  });

  it('needs the signing secret, and no single-workspace token or Socket Mode token', () => {
    const list = problems({
      ...oauth,
      SLACK_SIGNING_SECRET: '',
      SLACK_BOT_TOKEN: 'xoxb-one-workspace',
      SLACK_APP_TOKEN: 'xapp-socket',
    });
    expect(list).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: required with Slack OAuth/),
      expect.stringMatching(/^SLACK_BOT_TOKEN: leave it unset with Slack OAuth/),
      expect.stringMatching(/^SLACK_APP_TOKEN: leave it unset with Slack OAuth/),
    ]);
    expect(list.join('\n')).not.toContain('xoxb-one-workspace');
  });

  it('rejects a short state secret without echoing it', () => {
    const list = problems({ ...oauth, SLACK_STATE_SECRET: 'short-secret' });
    expect(list).toEqual([
      'SLACK_STATE_SECRET: must be at least 16 characters (a long random string)',
    ]);
  });
});
