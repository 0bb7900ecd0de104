import type { Logger } from 'pino';
import type { Answer } from '../core/answer-schema.js';
import type { Knowledge } from '../core/knowledge.js';
import { resolveLocale } from '../core/locale-resolve.js';
import { answerForPin, updatedNote } from '../core/pinned-answer.js';
import type { Pin, Platform, Store } from '../store/index.js';

/** One pinned answer as it should look now. */
export interface PinnedAnswer {
  pin: Pin;
  answer: Answer;
  knowledge: Knowledge;
}

/** What a platform says about a pinned message. */
export type Seen =
  { kind: 'shown'; hash: string; message: unknown } | { kind: 'gone'; reason: string };

/**
 * The platform half of keeping pins true (src/discord/pin-editor.ts, src/slack/pin-editor.ts).
 * Errors other than "gone" are thrown: the updater gives the claim back and tries later.
 */
export interface PinEditor {
  /** Hash of the answer as this platform renders it, without the "updated" line. */
  hashOf(target: PinnedAnswer): string;
  /** Fetches the message: the hash of what it shows, or why it is gone (deleted, unpinned). */
  look(pin: Pin): Promise<Seen>;
  /** Edits the message to show `target`, with `note` ("Updated …") and no mentions. */
  edit(
    target: PinnedAnswer,
    note: string,
    seen: Extract<Seen, { kind: 'shown' }>,
  ): Promise<'edited' | Extract<Seen, { kind: 'gone' }>>;
}

export interface PinUpdaterOptions {
  store: Store;
  knowledge: () => Knowledge;
  editors: Partial<Record<Platform, PinEditor>>;
  logger: Logger;
  /** This process as the owner of claims (store `newOwnerId()`). */
  owner: string;
  /** How long a claim is held: longer than one edit including its 429 waits. */
  leaseMs: number;
  /** Pause between two pins, so a batch never bursts into the platforms' rate limits. */
  gapMs: number;
  /** When an edit failed (network, 5xx), the next try; default one minute. */
  retryMs?: number;
  now?: () => Date;
}

export interface PassSummary {
  checked: number;
  edited: number;
  /** Claimed and found already showing the answer (a crash after the edit, another replica). */
  alreadyShown: number;
  forgotten: number;
  /** Claimed by another process (or a dead one whose lease has not run out). */
  busy: number;
  failed: number;
}

export interface PinUpdater {
  /** Runs a pass now, or right after the one in progress; resolves when it is done. */
  run(reason: string): Promise<PassSummary>;
  /** Stops after the pin in progress (waiting a few seconds at most) and cancels retries. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
/**
 * How long stop() waits for the pin in progress. An edit waiting out a long 429 must not hold
 * up shutdown; its claim is safe anyway (the next start finishes it without a second edit).
 */
const STOP_WAIT_MS = 3_000;

/**
 * Keeps pinned answers true: after each accepted dataset (and at start), renders every pin's
 * answer again in the pin's language and, where the hash changed, edits the message once,
 * following the claim protocol of docs/state.md ("Keeping pinned answers true"): claim →
 * re-fetch → edit unless it already shows the answer → complete. One pin at a time.
 */
export function createPinUpdater(options: PinUpdaterOptions): PinUpdater {
  const { store, editors, owner, leaseMs, gapMs } = options;
  const log = options.logger.child({ component: 'pin-updater' });
  const now = options.now ?? (() => new Date());
  const retryMs = options.retryMs ?? 60_000;
  let current: Promise<PassSummary> | undefined;
  let queued: { promise: Promise<PassSummary>; reasons: string[] } | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;

  function schedule(ms: number, reason: string): void {
    if (stopped) return;
    clearTimeout(retry);
    retry = setTimeout(() => void run(reason).catch(() => undefined), ms);
    retry.unref();
  }

  async function updateOne(
    target: PinnedAnswer,
    editor: PinEditor,
    hash: string,
    claimedTo: string,
  ): Promise<'edited' | 'alreadyShown' | 'forgotten'> {
    const { pin } = target;
    let outcome: 'edited' | 'alreadyShown' | 'forgotten' = 'alreadyShown';
    // Always look first: it tells a deleted or unpinned message, and after a crash whether
    // the edit already went through (then it is not made a second time).
    const seen = await editor.look(pin);
    if (seen.kind === 'gone') {
      await store.forgetPin(pin.id);
      log.info({ pin: pin.id, platform: pin.platform, reason: seen.reason }, 'pin forgotten');
      return 'forgotten';
    }
    if (seen.hash !== hash) {
      const locale = resolveLocale(pin.locale);
      const edited = await editor.edit(target, updatedNote(target.knowledge, locale, now()), seen);
      if (edited !== 'edited') {
        await store.forgetPin(pin.id);
        log.info({ pin: pin.id, platform: pin.platform, reason: edited.reason }, 'pin forgotten');
        return 'forgotten';
      }
      outcome = 'edited';
    }
    // Claimed towards another hash (an interrupted update the dataset has since undone): the
    // row keeps the hash the message shows again; just give the claim back.
    const done =
      claimedTo === hash
        ? await store.completePinUpdate(pin.id, hash, owner)
        : await store.releasePinUpdate(pin.id, owner);
    if (!done) log.warn({ pin: pin.id }, 'pin claim lost before completing (lease too short?)');
    return outcome;
  }

  async function pass(reasons: string[]): Promise<PassSummary> {
    const summary: PassSummary = {
      checked: 0,
      edited: 0,
      alreadyShown: 0,
      forgotten: 0,
      busy: 0,
      failed: 0,
    };
    const knowledge = options.knowledge();
    // Claims whose owner died (lease over, target recorded): they are resumed below like any
    // other pin, and because every edit is preceded by a fetch, never edited a second time.
    const interrupted = await store.pendingPinUpdates();
    if (interrupted.length > 0) {
      log.info({ pins: interrupted.length }, 'resuming interrupted pin updates');
    }
    const pins = await store.listPins();
    let nextLeaseEnd = Infinity;
    let paced = false;
    for (const pin of pins) {
      if (stopped) break;
      const editor = editors[pin.platform];
      if (!editor) continue;
      summary.checked += 1;
      const answer = answerForPin(knowledge, pin);
      if (!answer) {
        log.info({ pin: pin.id, provider: pin.providerId }, 'pinned provider left the dataset');
        continue;
      }
      const target: PinnedAnswer = { pin, answer, knowledge };
      const hash = editor.hashOf(target);
      const pending = pin.pendingUpdate;
      if (hash === pin.contentHash && !pending) continue;
      if (pending && pending.leaseUntil.getTime() > Date.now()) {
        summary.busy += 1;
        nextLeaseEnd = Math.min(nextLeaseEnd, pending.leaseUntil.getTime());
        continue;
      }
      const claimTo = hash !== pin.contentHash ? hash : pending!.toHash;
      if (!(await store.claimPinUpdate(pin.id, pin.contentHash, claimTo, owner, leaseMs))) {
        summary.busy += 1;
        continue;
      }
      if (paced) await sleep(gapMs);
      paced = true;
      try {
        summary[await updateOne(target, editor, hash, claimTo)] += 1;
      } catch (error) {
        summary.failed += 1;
        log.warn({ err: error, pin: pin.id, platform: pin.platform }, 'pin update failed');
        await store.releasePinUpdate(pin.id, owner).catch(() => undefined);
      }
    }
    if (summary.failed > 0) schedule(retryMs, 'retry after failed pin updates');
    else if (summary.busy > 0 && Number.isFinite(nextLeaseEnd)) {
      // Another process holds a claim: look again once it must have finished or died.
      schedule(Math.max(0, nextLeaseEnd - Date.now()) + 1_000, 'claims of another process ran out');
    }
    log.info({ reasons, ...summary }, 'pinned answers checked');
    return summary;
  }

  function run(reason: string): Promise<PassSummary> {
    if (stopped) return Promise.reject(new Error('the pin updater is stopped'));
    if (!current) {
      current = pass([reason])
        .catch((error: unknown) => {
          // The database is away, most likely: try again later rather than never.
          schedule(retryMs, 'retry after a failed pass');
          throw error;
        })
        .finally(() => {
          current = undefined;
        });
      return current;
    }
    // A pass is running on older data: one more follows it, for every reason that came in.
    if (queued) {
      queued.reasons.push(reason);
      return queued.promise;
    }
    const reasons = [reason];
    const promise = current
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        return run(reasons.join(', '));
      });
    queued = { promise, reasons };
    return promise;
  }

  return {
    run,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      if (current) await Promise.race([current.catch(() => undefined), sleep(STOP_WAIT_MS)]);
    },
  };
}
