import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, secretsOf } from '../../src/runtime/config.js';

const HEX_KEY = 'ab'.repeat(32);
const BASE64_KEY = Buffer.alloc(32, 9).toString('base64');

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('state configuration', () => {
  it('defaults to SQLite in ./state with no key', () => {
    expect(loadConfig({}).state).toEqual({
      databaseUrl: undefined,
      stateDir: 'state',
      encryptionKey: undefined,
    });
  });

  it('reads STATE_DIR, DATABASE_URL and a hex or base64 key', () => {
    const state = loadConfig({
      STATE_DIR: '/var/lib/bot',
      DATABASE_URL: 'postgresql://bot:pw-1234567@db:5432/bot',
      STATE_ENCRYPTION_KEY: HEX_KEY,
    }).state;
    expect(state.stateDir).toBe('/var/lib/bot');
    expect(state.databaseUrl).toBe('postgresql://bot:pw-1234567@db:5432/bot');
    expect(state.encryptionKey).toEqual(Buffer.from(HEX_KEY, 'hex'));
    expect(loadConfig({ STATE_ENCRYPTION_KEY: BASE64_KEY }).state.encryptionKey).toEqual(
      Buffer.alloc(32, 9),
    );
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).state.databaseUrl).toBe(
      'sqlite::memory:',
    );
  });

  it('lists a bad URL and a bad key with the other problems, never echoing the key', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://root@db/bot',
      STATE_ENCRYPTION_KEY: 'short-secret-key',
      SLACK_BOT_TOKEN: 'xoxb-only-half',
    });
    expect(problems).toContain(
      'DATABASE_URL: must start with sqlite:, postgres:// or postgresql://',
    );
    expect(problems.find((p) => p.startsWith('STATE_ENCRYPTION_KEY:'))).toMatch(
      /must be 32 bytes written as 64 hex characters or base64/,
    );
    expect(problems.some((p) => p.startsWith('SLACK_BOT_TOKEN: also set'))).toBe(true);
    expect(problems.join('\n')).not.toContain('short-secret-key');
    expect(problemsOf({ STATE_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toHaveLength(
      1,
    );
  });

  it('treats the database password and the key as secrets to scrub', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://bot:p%40ss-word-99@db/bot',
      STATE_ENCRYPTION_KEY: HEX_KEY,
    });
    const secrets = secretsOf(config);
    expect(secrets).toContain('p@ss-word-99');
    expect(secrets).toContain(HEX_KEY);
    expect(secrets).toContain(Buffer.from(HEX_KEY, 'hex').toString('base64'));
  });
});
