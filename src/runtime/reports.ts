import type { Locale } from '../core/locales.js';
import { checkSourceUrl } from '../core/source-url.js';
import type { Report, SharedRateLimiter, Store } from '../store/index.js';
import { newOwnerId } from '../store/owner-id.js';
import type { BotContext } from './bot-context.js';

/** Reports per user: 3 in 10 minutes, shared by every replica through the database. */
export const REPORT_LIMIT = { points: 3, durationSeconds: 600, name: 'report' } as const;
/** What a reporter may write; Discord's and Slack's text inputs enforce the same maximum. */
export const REPORT_TEXT_MAX = 1000;
/** How long one process may take to post a report before another may retry it. */
const POST_LEASE_MS = 60_000;

/** This process, as the owner of report-post claims. */
const OWNER = newOwnerId();
const limiters = new WeakMap<Store, SharedRateLimiter>();

function limiterOf(store: Store): SharedRateLimiter {
  let limiter = limiters.get(store);
  if (!limiter) {
    limiter = store.rateLimiter(REPORT_LIMIT);
    limiters.set(store, limiter);
  }
  return limiter;
}

/** A report as submitted in a modal, before any check. */
export interface ReportDraft {
  platform: 'discord' | 'slack';
  workspaceId?: string | null;
  providerId?: string;
  query: string;
  /** The language of the answer that was reported. */
  locale: Locale;
  reporterId: string;
  reporterName: string;
  whatIsWrong: string;
  sourceUrl?: string | null;
}

export type Accepted =
  | { kind: 'stored'; report: Report }
  | { kind: 'bad-url'; url: string }
  | { kind: 'rate-limited' }
  | { kind: 'failed' };

/**
 * Checks and stores a report: a malformed source URL is refused before anything is stored or
 * counted; then the per-user limit; then the store. Never throws: a store failure is logged
 * and comes back as `failed`.
 */
export async function acceptReport(ctx: BotContext, draft: ReportDraft): Promise<Accepted> {
  const source = checkSourceUrl(draft.sourceUrl);
  if (!source.ok) return { kind: 'bad-url', url: (draft.sourceUrl ?? '').trim() };
  const store = ctx.store;
  if (!store) return { kind: 'failed' };
  try {
    const key = `${draft.platform}:${draft.workspaceId ?? ''}:${draft.reporterId}`;
    const decision = await limiterOf(store).consume(key);
    if (!decision.allowed) return { kind: 'rate-limited' };
    const report = await store.addReport({
      platform: draft.platform,
      workspaceId: draft.workspaceId ?? null,
      providerId: draft.providerId ?? null,
      query: draft.query.slice(0, 500),
      locale: draft.locale,
      reporterId: draft.reporterId,
      reporterName: draft.reporterName.slice(0, 200),
      whatIsWrong: draft.whatIsWrong.trim().slice(0, REPORT_TEXT_MAX),
      sourceUrl: source.url ?? null,
    });
    return { kind: 'stored', report };
  } catch (err) {
    ctx.logger.warn({ err, platform: draft.platform }, 'could not store a report');
    return { kind: 'failed' };
  }
}

/**
 * Posts a stored report to the operators' channel exactly once across replicas: claim, post,
 * mark posted. A failed post keeps the report (unposted, `npm run reports` shows it) and
 * releases nothing: the claim's lease expires so a later retry may take it. Never throws.
 */
export async function deliverReport(
  ctx: Pick<BotContext, 'store' | 'logger'>,
  report: Report,
  post: (report: Report) => Promise<void>,
): Promise<boolean> {
  const store = ctx.store;
  if (!store) return false;
  try {
    if (!(await store.claimReportPost(report.id, OWNER, POST_LEASE_MS))) return false;
    await post(report);
    await store.markReportPosted(report.id, OWNER);
    ctx.logger.info(
      { platform: report.platform, report: report.id, provider: report.providerId },
      'report posted to the operators',
    );
    return true;
  } catch (err) {
    ctx.logger.warn(
      { err, platform: report.platform, report: report.id },
      'could not post a report to the operators’ channel; it stays stored, unposted',
    );
    return false;
  }
}
