import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import {
  ReportInputSchema,
  type Database,
  type Report,
  type ReportInput,
  type ReportsTable,
} from './schema.js';

type Db = Kysely<Database>;

function toReport(row: Selectable<ReportsTable>): Report {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    providerId: row.provider_id,
    query: row.query,
    locale: row.locale,
    reporterId: row.reporter_id,
    reporterName: row.reporter_name,
    whatIsWrong: row.what_is_wrong,
    sourceUrl: row.source_url,
    createdAt: new Date(Number(row.created_at)),
    postedAt: row.posted_at === null ? null : new Date(Number(row.posted_at)),
  };
}

/** Stores a report; throws a ZodError when the input is malformed (the caller validated it). */
export async function addReport(db: Db, input: ReportInput, now = Date.now()): Promise<Report> {
  const report = ReportInputSchema.parse(input);
  const row = await db
    .insertInto('reports')
    .values({
      id: randomUUID(),
      platform: report.platform,
      workspace_id: report.workspaceId,
      provider_id: report.providerId,
      query: report.query,
      locale: report.locale,
      reporter_id: report.reporterId,
      reporter_name: report.reporterName,
      what_is_wrong: report.whatIsWrong,
      source_url: report.sourceUrl,
      created_at: now,
      posted_at: null,
      post_owner: null,
      post_lease_until: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toReport(row);
}

/**
 * Claims the right to post a report to the operators' channel. One conditional UPDATE: true
 * for one caller only while the report is unposted and no live claim exists. A claim whose
 * owner died expires after `leaseMs`, so the report is not lost.
 */
export async function claimReportPost(
  db: Db,
  id: string,
  owner: string,
  leaseMs = 60_000,
  now = Date.now(),
): Promise<boolean> {
  if (!owner || !(leaseMs > 0)) return false;
  const result = await db
    .updateTable('reports')
    .set({ post_owner: owner, post_lease_until: now + leaseMs })
    .where('id', '=', id)
    .where('posted_at', 'is', null)
    .where((eb) => eb.or([eb('post_lease_until', 'is', null), eb('post_lease_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks a claimed report posted; false when `owner` does not hold the claim. */
export async function markReportPosted(
  db: Db,
  id: string,
  owner: string,
  now = Date.now(),
): Promise<boolean> {
  const result = await db
    .updateTable('reports')
    .set({ posted_at: now, post_owner: null, post_lease_until: null })
    .where('id', '=', id)
    .where('post_owner', '=', owner)
    .where('posted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface ReportFilter {
  /** Newest first; default 50, at most 1,000. */
  limit?: number;
  /** Only reports not yet posted (to retry posting after a crash). */
  unposted?: boolean;
  /** Only reports stored at or before this time. */
  createdBefore?: Date;
  /** Only reports stored at or after this time. */
  createdAfter?: Date;
}

export async function listReports(db: Db, filter: ReportFilter = {}): Promise<Report[]> {
  const limit = Math.min(Math.max(Math.trunc(filter.limit ?? 50), 1), 1000);
  let query = db.selectFrom('reports').selectAll();
  if (filter.unposted) query = query.where('posted_at', 'is', null);
  if (filter.createdBefore) query = query.where('created_at', '<=', filter.createdBefore.getTime());
  if (filter.createdAfter) query = query.where('created_at', '>=', filter.createdAfter.getTime());
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').limit(limit).execute();
  return rows.map(toReport);
}
