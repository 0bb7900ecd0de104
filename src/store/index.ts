/** The bot's state: the one door. Adapters import from here and never write SQL. */
export { openStore, type OpenStoreOptions, type Store } from './store.js';
export type { StoreLogger } from './connect.js';
export {
  StoreError,
  StoreUnavailableError,
  StoreConfigError,
  StoreDecryptError,
} from './errors.js';
export {
  resolveDatabaseTarget,
  redactDatabaseUrl,
  describeTarget,
  isSupportedDatabaseUrl,
  type DatabaseTarget,
} from './database-url.js';
export { decodeEncryptionKey } from './encryption.js';
export { isStorableMiss, type MissCount } from './misses.js';
export { newOwnerId } from './owner-id.js';
export type { PinFilter } from './pins.js';
export type { ReportFilter } from './reports.js';
export {
  PLATFORMS,
  MISS_MAX_LENGTH,
  MISS_MAX_ROWS,
  type Platform,
  type Pin,
  type PinInput,
  type PinLocator,
  type PendingPinUpdate,
  type Report,
  type ReportInput,
  type Miss,
  type InstallationKey,
  type RateLimitOptions,
  type RateLimitDecision,
  type SharedRateLimiter,
} from './schema.js';
export { slackInstallationStore } from './slack-installation-store.js';
