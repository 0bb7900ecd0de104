import type { Knowledge } from '../core/knowledge.js';
import type { Platform, Report } from '../store/index.js';
import type { BotContext } from './bot-context.js';
import { deliverReport } from './reports.js';

/**
 * Posts a stored report to its platform's operators' channel, outside any request: with the
 * bot's own token (Discord) or the workspace's (Slack with OAuth). Throws when it cannot.
 */
export type ReportPoster = (report: Report, knowledge: Knowledge) => Promise<void>;

export interface ReportRetryOptions {
  ctx: Pick<BotContext, 'store' | 'logger' | 'knowledge'>;
  /** One poster per platform with an operators' channel; reports of others are left alone. */
  posters: Partial<Record<Platform, ReportPoster>>;
  /**
   * Only reports at least this old: a younger one may still be on its way through the
   * request that stored it (the claim would stop a double post anyway; this saves the try).
   */
  minAgeMs?: number;
  /** Reports per pass, newest first. */
  batch?: number;
  /** How long `stop` waits for a post in flight (default 3 s). */
  stopWaitMs?: number;
}

export interface RetryPass {
  posted: number;
  failed: number;
}

export interface ReportRetry {
  /** One pass over the unposted reports. Never throws. */
  run(now?: number): Promise<RetryPass>;
  /** A pass now, then one every `intervalMs` (the timer does not keep the process alive). */
  start(intervalMs: number): void;
  /**
   * No new pass, and no new post in the running one; waits for the post in flight, at most
   * `stopWaitMs` (a platform that hangs must not hold shutdown up; a post cut short stays
   * unposted, and its claim expires for the next try).
   */
  stop(): Promise<void>;
}

const MIN_AGE_MS = 60_000;
/**
 * Reports older than this are not tried again (they stay listed by `npm run reports`): one
 * that can never be posted (its Slack workspace removed the app) must not be tried, and
 * logged, every five minutes for ever.
 */
const MAX_AGE_MS = 7 * 24 * 60 * 60_000;
const STOP_WAIT_MS = 3_000;
const BATCH = 50;

/**
 * Reports whose post to the operators' channel failed (Discord or Slack down, a missing
 * permission, the process killed between storing and posting) stay stored, unposted. This
 * tries them again until they are posted, exactly once across replicas: each post goes
 * through `deliverReport`, which claims the report first.
 */
export function createReportRetry(options: ReportRetryOptions): ReportRetry {
  const { ctx, posters } = options;
  const minAgeMs = options.minAgeMs ?? MIN_AGE_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RetryPass> | undefined;
  let stopped = false;

  async function pass(now: number): Promise<RetryPass> {
    const result: RetryPass = { posted: 0, failed: 0 };
    const store = ctx.store;
    if (!store) return result;
    let due: Report[];
    try {
      // Newest first: reports that keep failing must not hold back ones that can be posted.
      due = await store.listReports({
        unposted: true,
        createdBefore: new Date(now - minAgeMs),
        createdAfter: new Date(now - MAX_AGE_MS),
        limit: options.batch ?? BATCH,
      });
    } catch (err) {
      ctx.logger.warn({ err }, 'could not list the reports still to post');
      return result;
    }
    for (const report of due) {
      if (stopped) break;
      const post = posters[report.platform];
      if (!post) continue;
      const knowledge = ctx.knowledge();
      const ok = await deliverReport(ctx, report, () => post(report, knowledge));
      if (ok) result.posted += 1;
      else result.failed += 1;
    }
    if (result.posted > 0 || result.failed > 0) {
      ctx.logger.info(result, 'retried posting stored reports');
    }
    return result;
  }

  function run(now = Date.now()): Promise<RetryPass> {
    // One pass at a time: a slow platform must not stack passes up.
    running ??= pass(now).finally(() => (running = undefined));
    return running;
  }

  return {
    run,
    start(intervalMs) {
      if (stopped || timer) return;
      void run();
      timer = setInterval(() => void run(), intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (!running) return;
      let waited: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise(
          (resolve) => (waited = setTimeout(resolve, options.stopWaitMs ?? STOP_WAIT_MS)),
        ),
      ]);
      clearTimeout(waited);
    },
  };
}
