import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  redactDatabaseUrl,
  resolveDatabaseTarget,
  StoreConfigError,
} from '../../src/store/index.js';

describe('resolveDatabaseTarget', () => {
  it('defaults to bot.db in STATE_DIR or ./state', () => {
    expect(resolveDatabaseTarget({})).toEqual({
      kind: 'sqlite',
      file: path.resolve('state', 'bot.db'),
    });
    expect(resolveDatabaseTarget({ stateDir: '/srv/state' })).toEqual({
      kind: 'sqlite',
      file: '/srv/state/bot.db',
    });
  });

  it('reads sqlite: and postgres URLs; DATABASE_URL wins over STATE_DIR', () => {
    expect(
      resolveDatabaseTarget({ databaseUrl: 'sqlite:./x/bot.db', stateDir: '/ignored' }),
    ).toEqual({
      kind: 'sqlite',
      file: path.resolve('x/bot.db'),
    });
    expect(resolveDatabaseTarget({ databaseUrl: 'sqlite:///data/bot.db' }).kind).toBe('sqlite');
    expect(resolveDatabaseTarget({ databaseUrl: 'sqlite:///data/bot.db' })).toMatchObject({
      file: '/data/bot.db',
    });
    expect(resolveDatabaseTarget({ databaseUrl: 'sqlite::memory:' })).toEqual({
      kind: 'sqlite',
      file: ':memory:',
    });
    expect(resolveDatabaseTarget({ databaseUrl: 'postgresql://u:p@h/db' })).toEqual({
      kind: 'postgres',
      url: 'postgresql://u:p@h/db',
    });
  });

  it('refuses other schemes without showing the password', () => {
    expect(() => resolveDatabaseTarget({ databaseUrl: 'mysql://root:hunter2@db/x' })).toThrow(
      StoreConfigError,
    );
    expect(() => resolveDatabaseTarget({ databaseUrl: 'mysql://root:hunter2@db/x' })).toThrow(
      /^DATABASE_URL: unsupported scheme in mysql:\/\/root:\*\*\*@db\/x/,
    );
  });
});

describe('redactDatabaseUrl', () => {
  it('hides the password and only the password', () => {
    expect(redactDatabaseUrl('postgres://bot:s%40cret@db:5432/bot?sslmode=require')).toBe(
      'postgres://bot:***@db:5432/bot?sslmode=require',
    );
    expect(redactDatabaseUrl('postgres://bot@db/bot')).toBe('postgres://bot@db/bot');
    expect(redactDatabaseUrl('postgres://bot:pa ss@db/bot')).not.toContain('pa ss');
  });
});
