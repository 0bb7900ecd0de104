import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore, StoreUnavailableError, type Store } from '../../src/store/index.js';
import { captureLogger } from './capture-logger.js';
import {
  startTestPostgres,
  TEST_PG_PASSWORD,
  urlFor,
  type TestPostgres,
} from './postgres-server.js';

let dir = '';
let postgres: TestPostgres;
const opened: Store[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vllm-bot-unavailable-'));
  postgres = await startTestPostgres();
}, 60_000);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
});
afterAll(async () => {
  await postgres?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function expectSafe(error: unknown) {
  expect(error).toBeInstanceOf(StoreUnavailableError);
  const message = (error as Error).message;
  expect(message).not.toContain(TEST_PG_PASSWORD);
  expect(message).not.toContain(encodeURIComponent(TEST_PG_PASSWORD));
  expect(message).not.toContain('\n    at ');
  return message;
}

describe('a PostgreSQL that cannot be reached', () => {
  it('fails to open with a clear message and no password', async () => {
    const wrongPassword = urlFor(postgres.port, 'postgres').replace(
      encodeURIComponent(TEST_PG_PASSWORD),
      'not-the-password',
    );
    const error = await openStore({ databaseUrl: wrongPassword }).catch((e: unknown) => e);
    expect(expectSafe(error)).toMatch(
      /^Cannot reach PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/postgres: password authentication failed/,
    );
  });

  it('answers ping and calls with StoreUnavailableError once the server stops, without crashing', async () => {
    const url = await postgres.freshDatabaseUrl();
    const logger = captureLogger();
    const store = await openStore({ databaseUrl: url, logger });
    opened.push(store);
    await store.recordMiss('before');
    await store.ping();
    const limit = store.rateLimiter({ points: 1, durationSeconds: 60 });
    expect((await limit.consume('u')).allowed).toBe(true);

    await postgres.stop();

    const ping = await store.ping().catch((e: unknown) => e);
    expect(expectSafe(ping)).toMatch(
      /^State database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/\w+ unavailable/,
    );
    const write = await store.recordMiss('after').catch((e: unknown) => e);
    expect(expectSafe(write)).toMatch(/unavailable \(recordMiss\)/);
    // The limiter degrades to this process's memory instead of failing the command.
    expect((await limit.consume('u2')).allowed).toBe(true);
    expect((await limit.consume('u2')).allowed).toBe(false);
    // The idle connections the server dropped were reported, not thrown.
    expect(logger.lines.some((l) => l.msg === 'PostgreSQL connection lost')).toBe(true);

    const reopen = await openStore({ databaseUrl: url }).catch((e: unknown) => e);
    expect(expectSafe(reopen)).toMatch(/^Cannot reach PostgreSQL at .*ECONNREFUSED/);
  });
});

describe('a SQLite file that cannot be opened', () => {
  it('names the file and the reason when the state folder cannot be created', async () => {
    const blocker = path.join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const error = await openStore({ stateDir: path.join(blocker, 'state') }).catch(
      (e: unknown) => e,
    );
    expect(expectSafe(error)).toMatch(
      /^Cannot open the state database sqlite:.*bot\.db: .*(ENOTDIR|EEXIST)/,
    );
  });

  it('says so when the file is not a database', async () => {
    const file = path.join(dir, 'garbage.db');
    writeFileSync(file, 'this is not sqlite'.repeat(100));
    const error = await openStore({ databaseUrl: `sqlite:${file}` }).catch((e: unknown) => e);
    expect(expectSafe(error)).toMatch(/garbage\.db: file is not a database/);
  });
});
