import { sql } from 'kysely';
import { ZodError } from 'zod';
import { connect, safeReason, type Connection, type StoreLogger } from './connect.js';
import { resolveDatabaseTarget } from './database-url.js';
import { parseEncryptionKey } from './encryption.js';
import { StoreError, StoreUnavailableError } from './errors.js';
import * as installations from './installations.js';
import { migrateToLatest } from './migrate.js';
import * as misses from './misses.js';
import * as pins from './pins.js';
import { createSharedRateLimiter, sweepExpiredRateLimits } from './rate-limiter.js';
import * as reports from './reports.js';
import type {
  InstallationKey,
  Miss,
  Pin,
  PinInput,
  PinLocator,
  RateLimitOptions,
  Report,
  ReportInput,
  SharedRateLimiter,
} from './schema.js';

export interface OpenStoreOptions {
  /** `sqlite:<path>`, `sqlite::memory:`, `postgres://…`; unset: `<stateDir>/bot.db`. */
  databaseUrl?: string;
  /** Folder for the SQLite file when no databaseUrl is given; default `./state`. */
  stateDir?: string;
  /** 32 bytes (hex or base64 text, or a Buffer); needed only for Slack installations. */
  encryptionKey?: string | Buffer;
  logger?: StoreLogger;
  /** Milliseconds since the epoch; tests move time with it. Default Date.now. */
  clock?: () => number;
}

/** The bot's state: the one door adapters use. Every method may throw a StoreError. */
export interface Store {
  readonly backend: 'sqlite' | 'postgres';
  /** Where the state lives, as shown to operators (password redacted). */
  readonly location: string;
  /** Resolves when the database answers; rejects with StoreUnavailableError otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;

  recordPin(input: PinInput): Promise<Pin>;
  forgetPin(ref: string | PinLocator): Promise<boolean>;
  getPin(id: string): Promise<Pin | undefined>;
  listPins(filter?: pins.PinFilter): Promise<Pin[]>;
  claimPinUpdate(
    pinId: string,
    fromHash: string,
    toHash: string,
    owner: string,
    leaseMs: number,
  ): Promise<boolean>;
  completePinUpdate(pinId: string, toHash: string, owner: string): Promise<boolean>;
  releasePinUpdate(pinId: string, owner: string): Promise<boolean>;
  pendingPinUpdates(): Promise<Pin[]>;

  addReport(input: ReportInput): Promise<Report>;
  claimReportPost(id: string, owner: string, leaseMs?: number): Promise<boolean>;
  markReportPosted(id: string, owner: string): Promise<boolean>;
  listReports(filter?: reports.ReportFilter): Promise<Report[]>;

  /** `times`: how many askings this records at once (a batch from one process). */
  recordMiss(normalizedQuery: string, now?: Date | number, times?: number): Promise<boolean>;
  /** Several distinct queries in one write; how many were stored. */
  recordMisses(batch: readonly misses.MissCount[]): Promise<number>;
  topMisses(limit?: number): Promise<Miss[]>;

  saveInstallation(key: InstallationKey, installation: unknown): Promise<void>;
  findInstallation(key: InstallationKey): Promise<unknown>;
  deleteInstallation(key: InstallationKey): Promise<boolean>;

  rateLimiter(options: RateLimitOptions): SharedRateLimiter;
}

const PING_TIMEOUT_MS = 3000;
const SWEEP_INTERVAL_MS = 5 * 60_000;

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EPIPE']);

function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    // 08xxx: connection exceptions; 57P0x: server shutting down.
    if (CONNECTION_CODES.has(code) || code.startsWith('08') || code.startsWith('57P0')) return true;
  }
  const message = error instanceof Error ? error.message : '';
  return /connection terminated|not queryable|timeout exceeded when trying to connect|driver has already been destroyed|database connection is not open/i.test(
    message,
  );
}

/**
 * Opens the state database (SQLite by default, PostgreSQL for replicas) and applies pending
 * migrations. Throws StoreUnavailableError / StoreConfigError with an operator-readable message.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const target = resolveDatabaseTarget(options);
  const key =
    options.encryptionKey === undefined ? undefined : parseEncryptionKey(options.encryptionKey);
  const clock = options.clock ?? Date.now;
  const logger = options.logger;

  const connection = await connect(target, logger);
  try {
    const applied = await migrateToLatest(connection);
    logger?.info(
      { database: connection.label, migrationsApplied: applied },
      'state database ready',
    );
  } catch (error) {
    await connection.db.destroy().catch(() => undefined);
    if (error instanceof StoreError && !isConnectionError(error.cause)) throw error;
    throw new StoreUnavailableError(
      `Cannot open the state database ${connection.label}: ${safeReason(error instanceof StoreError ? error.cause : error, target)}`,
      { cause: error },
    );
  }
  return createStore(connection, key, clock, logger);
}

function createStore(
  connection: Connection,
  key: Buffer | undefined,
  clock: () => number,
  logger: StoreLogger | undefined,
): Store {
  const { db, label, target } = connection;
  let closed = false;

  // Every failure leaves as a StoreError whose message names the database, never its password.
  async function run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (closed) throw new StoreError(`The state store is closed (${operation})`);
    try {
      return await work();
    } catch (error) {
      if (error instanceof StoreError || error instanceof ZodError) throw error;
      const reason = safeReason(error, target);
      if (isConnectionError(error)) {
        throw new StoreUnavailableError(
          `State database ${label} unavailable (${operation}): ${reason}`,
          {
            cause: error,
          },
        );
      }
      throw new StoreError(`State database ${label} failed (${operation}): ${reason}`, {
        cause: error,
      });
    }
  }

  const sweeper = setInterval(() => {
    sweepExpiredRateLimits(db, clock()).catch((error: unknown) => {
      logger?.warn({ reason: safeReason(error, target) }, 'could not sweep expired rate limits');
    });
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();

  return {
    backend: connection.kind,
    location: label,

    async ping() {
      if (closed) throw new StoreUnavailableError('The state store is closed');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new StoreUnavailableError(`State database ${label} did not answer in time`)),
          PING_TIMEOUT_MS,
        );
      });
      try {
        await Promise.race([
          sql`select 1`.execute(db).catch((error: unknown) => {
            throw new StoreUnavailableError(
              `State database ${label} unavailable: ${safeReason(error, target)}`,
              { cause: error },
            );
          }),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      clearInterval(sweeper);
      await db.destroy();
    },

    recordPin: (input) => run('recordPin', () => pins.recordPin(db, input, clock())),
    forgetPin: (ref) => run('forgetPin', () => pins.forgetPin(db, ref)),
    getPin: (id) => run('getPin', () => pins.getPin(db, id)),
    listPins: (filter) => run('listPins', () => pins.listPins(db, filter)),
    claimPinUpdate: (pinId, fromHash, toHash, owner, leaseMs) =>
      run('claimPinUpdate', () =>
        pins.claimPinUpdate(db, pinId, fromHash, toHash, owner, leaseMs, clock()),
      ),
    completePinUpdate: (pinId, toHash, owner) =>
      run('completePinUpdate', () => pins.completePinUpdate(db, pinId, toHash, owner, clock())),
    releasePinUpdate: (pinId, owner) =>
      run('releasePinUpdate', () => pins.releasePinUpdate(db, pinId, owner)),
    pendingPinUpdates: () => run('pendingPinUpdates', () => pins.pendingPinUpdates(db, clock())),

    addReport: (input) => run('addReport', () => reports.addReport(db, input, clock())),
    claimReportPost: (id, owner, leaseMs) =>
      run('claimReportPost', () => reports.claimReportPost(db, id, owner, leaseMs, clock())),
    markReportPosted: (id, owner) =>
      run('markReportPosted', () => reports.markReportPosted(db, id, owner, clock())),
    listReports: (filter) => run('listReports', () => reports.listReports(db, filter)),

    recordMiss: (query, now, times) =>
      run('recordMiss', () =>
        misses.recordMiss(db, query, now === undefined ? clock() : Number(now), times),
      ),
    recordMisses: (batch) => run('recordMisses', () => misses.recordMisses(db, batch)),
    topMisses: (limit) => run('topMisses', () => misses.topMisses(db, limit)),

    saveInstallation: (installationKey, installation) =>
      run('saveInstallation', () =>
        installations.saveInstallation(db, key, installationKey, installation, clock()),
      ),
    findInstallation: (installationKey) =>
      run('findInstallation', () => installations.findInstallation(db, key, installationKey)),
    deleteInstallation: (installationKey) =>
      run('deleteInstallation', () => installations.deleteInstallation(db, installationKey)),

    rateLimiter: (options) => createSharedRateLimiter(connection, options),
  };
}
