import { z } from 'zod';

/**
 * The state the bot keeps, in one place: the shapes callers pass in (zod, validated at the
 * door) and the records they get back. Times are epoch milliseconds in the database (bigint on
 * both dialects, so one code path) and `Date` objects outside it.
 */

export const PLATFORMS = ['discord', 'slack'] as const;
export const PlatformSchema = z.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

const id = z.string().trim().min(1).max(200);
const optionalId = id.nullish().transform((v) => v ?? null);

export const PinInputSchema = z.object({
  platform: PlatformSchema,
  /** Discord guild id or Slack team id; null for a DM. */
  workspaceId: optionalId,
  channelId: id,
  messageId: id,
  /** A provider id, or `*` for the overview of every provider. */
  providerId: id,
  locale: z.string().trim().min(2).max(35),
  /** The finding a provider answer leads with (0: the provider's own order). */
  lead: z.number().int().min(0).max(1000).default(0),
  /** Hash of the rendered answer as it was posted. */
  contentHash: z.string().min(1).max(200),
});
export type PinInput = z.input<typeof PinInputSchema>;

/** Names one pinned message without its database id. */
export const PinLocatorSchema = z.object({
  platform: PlatformSchema,
  channelId: id,
  messageId: id,
});
export type PinLocator = z.infer<typeof PinLocatorSchema>;

export interface PendingPinUpdate {
  toHash: string;
  owner: string;
  leaseUntil: Date;
}

export interface Pin {
  id: string;
  platform: Platform;
  workspaceId: string | null;
  channelId: string;
  messageId: string;
  providerId: string;
  locale: string;
  lead: number;
  contentHash: string;
  pinnedAt: Date;
  updatedAt: Date;
  /** Set while an update is claimed (or was claimed by a process that died). */
  pendingUpdate: PendingPinUpdate | null;
}

export const ReportInputSchema = z.object({
  platform: PlatformSchema,
  workspaceId: optionalId,
  providerId: optionalId,
  query: z.string().max(500),
  locale: z.string().trim().min(2).max(35),
  reporterId: id,
  reporterName: z.string().max(200),
  whatIsWrong: z.string().trim().min(1).max(4000),
  sourceUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullish()
    .transform((v) => v ?? null),
});
export type ReportInput = z.input<typeof ReportInputSchema>;

export interface Report {
  id: string;
  platform: Platform;
  workspaceId: string | null;
  providerId: string | null;
  query: string;
  locale: string;
  reporterId: string;
  reporterName: string;
  whatIsWrong: string;
  sourceUrl: string | null;
  createdAt: Date;
  postedAt: Date | null;
}

export interface Miss {
  query: string;
  count: number;
  firstSeen: Date;
  lastSeen: Date;
}

/** Longest normalised query kept in the misses table. */
export const MISS_MAX_LENGTH = 100;
/** Rows kept in the misses table at most. */
export const MISS_MAX_ROWS = 1000;

export interface InstallationKey {
  teamId?: string | null;
  enterpriseId?: string | null;
  isEnterpriseInstall?: boolean;
}

export interface RateLimitOptions {
  /** Requests allowed per window. */
  points: number;
  durationSeconds: number;
  /** Separates limiters sharing the table (e.g. "command", "report"); default "default". */
  name?: string;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** 0 when allowed; otherwise how long until the next request is allowed. */
  retryAfterMs: number;
}

export interface SharedRateLimiter {
  consume(key: string): Promise<RateLimitDecision>;
}

// ---- Database tables (Kysely) ---------------------------------------------------------------

export interface PinsTable {
  id: string;
  platform: Platform;
  workspace_id: string | null;
  channel_id: string;
  message_id: string;
  provider_id: string;
  locale: string;
  lead: number;
  content_hash: string;
  pinned_at: number;
  updated_at: number;
  update_to_hash: string | null;
  update_owner: string | null;
  update_lease_until: number | null;
}

export interface ReportsTable {
  id: string;
  platform: Platform;
  workspace_id: string | null;
  provider_id: string | null;
  query: string;
  locale: string;
  reporter_id: string;
  reporter_name: string;
  what_is_wrong: string;
  source_url: string | null;
  created_at: number;
  posted_at: number | null;
  post_owner: string | null;
  post_lease_until: number | null;
}

export interface MissesTable {
  query: string;
  count: number;
  first_seen: number;
  last_seen: number;
}

export interface SlackInstallationsTable {
  /** "team:T…" or "enterprise:E…": what Bolt looks an installation up by. */
  id: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number;
  /** "v1.<iv>.<tag>.<ciphertext>", base64url parts, AES-256-GCM with `id` as AAD. */
  sealed: string;
  created_at: number;
  updated_at: number;
}

/** rate-limiter-flexible's own layout (key, points, expire), created by our migration. */
export interface RateLimitsTable {
  key: string;
  points: number;
  expire: number | null;
}

export interface Database {
  pins: PinsTable;
  reports: ReportsTable;
  misses: MissesTable;
  slack_installations: SlackInstallationsTable;
  rate_limits: RateLimitsTable;
}

export const RATE_LIMIT_TABLE = 'rate_limits';
