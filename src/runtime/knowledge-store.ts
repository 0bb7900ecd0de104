import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Logger } from 'pino';
import { DataFileError } from '../core/load-errors.js';
import { loadKnowledge, type KnowledgeFiles } from '../core/load-knowledge.js';
import type { Knowledge } from '../core/knowledge.js';
import { DEFAULT_DATA_DIR } from '../core/paths.js';

export type ReloadResult =
  { ok: true; changed: boolean; knowledge: Knowledge } | { ok: false; error: string };

export interface KnowledgeStore {
  current(): Knowledge;
  reload(reason: string): ReloadResult;
  watch(): void;
  close(): void;
}

/**
 * Holds the live Knowledge. A reload builds a complete new one before swapping the single
 * reference, so requests see the old data or the new, never a mix; a bad file changes nothing.
 */
export interface StoreHooks {
  /** After the first load and after every accepted reload. */
  onSwap?(knowledge: Knowledge): void;
  onReject?(error: string): void;
}

export function createKnowledgeStore(
  files: KnowledgeFiles,
  logger: Logger,
  hooks: StoreHooks = {},
): KnowledgeStore {
  let knowledge = loadKnowledge(files);
  hooks.onSwap?.(knowledge);
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;

  function reload(reason: string): ReloadResult {
    let next: Knowledge;
    try {
      next = loadKnowledge(files);
    } catch (error) {
      const message = error instanceof DataFileError ? error.message : String(error);
      logger.error(
        { reason, problems: message.split('\n') },
        'dataset reload rejected; still serving the last good data',
      );
      hooks.onReject?.(message);
      return { ok: false, error: message };
    }
    const changed = next.hash !== knowledge.hash;
    knowledge = next;
    hooks.onSwap?.(next);
    logger.info(
      { reason, version: next.version, hash: next.hash, changed, providers: next.providers.length },
      'dataset loaded',
    );
    return { ok: true, changed, knowledge: next };
  }

  /*
   * Editors save by renaming a temp file over the original, so watch folders, not files: the
   * legacy JSON file's folder, or the whole dataset folder (recursive, Linux and macOS).
   */
  function startWatching(): void {
    const legacy = files.providersFile?.endsWith('.json') ? files.providersFile : undefined;
    const target = legacy
      ? dirname(legacy)
      : (files.providersFile ?? files.dataDir ?? DEFAULT_DATA_DIR);
    const onChange = (_event: string, changed: string | null) => {
      if (legacy && changed && changed !== basename(legacy)) return;
      clearTimeout(timer);
      timer = setTimeout(() => reload('file changed'), 200);
    };
    watcher = watch(target, { recursive: !legacy }, onChange);
    watcher.on('error', (error) =>
      logger.warn({ err: error }, 'cannot watch the dataset file; SIGHUP still reloads'),
    );
  }

  return {
    current: () => knowledge,
    reload,
    watch: startWatching,
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
