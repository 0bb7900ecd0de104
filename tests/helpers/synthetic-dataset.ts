/**
 * A synthetic dataset N times the shipped one, for the benchmark (start-up, matching) and the
 * matcher tests that must hold at that size. Everything that knows how a dataset is laid out
 * on disk lives in this file alone: when the layout changes, only `writeDataset` and
 * `loadSynthetic` change.
 *
 * Built from the shipped dataset as the core loads it (`loadKnowledge().providers`): copy 0 of
 * each provider is the original, every further copy gets an invented name and invented aliases
 * (same count and similar lengths as the original's), its texts with the original name replaced
 * by the new one, and a translation of every text in every supported locale (PO files), so the
 * size grows in both providers and translations.
 */
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { datasetPaths } from '../../src/core/dataset-load.js';
import type { Provider } from '../../src/core/dataset-schema.js';
import type { Knowledge } from '../../src/core/knowledge.js';
import { loadKnowledge } from '../../src/core/load-knowledge.js';
import { FALLBACK_LOCALE, SUPPORTED_LOCALES } from '../../src/core/locales.js';
import { compact } from '../../src/core/normalize.js';
import { DEFAULT_DATA_DIR } from '../../src/core/paths.js';
import type { PoUnit } from '../../src/core/po-file.js';
import { formatPo } from '../../src/core/po-tools.js';
import { providerUnits } from '../../src/core/text-units.js';
import { lookup } from '../../src/core/translations.js';
import { mulberry32 } from './seeded-random.js';

export interface SyntheticDataset {
  /** What to pass as DATA_DIR (the bot) or to `loadSynthetic` (in process). */
  path: string;
  providers: number;
  locales: number;
  /** Bytes on disk. */
  bytes: number;
  /** Names of the invented providers, for matching queries. */
  inventedNames: string[];
}

export interface SyntheticOptions {
  /** How many times the shipped provider count (default 10). */
  factor?: number;
  /** At least this many providers (default 950: 10× a dataset of 95). */
  minProviders?: number;
}

const SYLLABLES = [
  'ka',
  'ro',
  'mi',
  'tes',
  'lu',
  'van',
  'dor',
  'qi',
  'zen',
  'pa',
  'shi',
  'nor',
  'el',
  'bra',
  'tu',
  'gon',
  'ix',
  'sa',
  'mer',
  'yo',
  'fal',
  'ce',
  'dun',
  'ora',
  'vik',
  'hal',
  'ne',
  'jun',
];
const SUFFIXES = ['', '', ' AI', ' Labs', ' Cloud', ' Inference', ' Systems'];

/** Invents names that no provider has claimed yet (the loader rejects shared names). */
function nameMaker(taken: Set<string>) {
  const random = mulberry32(0x5eed5);
  const word = (length: number) => {
    let w = '';
    while (w.length < length) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    return w;
  };
  return (like: string, suffixes = false): string => {
    // Short names run out of syllable pairs: past a few tries, a number tells them apart.
    for (let tries = 0; ; tries++) {
      const base = word(Math.max(3, Math.min(14, compact(like).length)));
      const name =
        base[0]!.toUpperCase() +
        base.slice(1) +
        (tries >= 5 ? String(tries) : '') +
        (suffixes ? SUFFIXES[Math.floor(random() * SUFFIXES.length)]! : '');
      const key = compact(name);
      if (key && !taken.has(key)) {
        taken.add(key);
        return name;
      }
    }
  };
}

/** English texts of a provider with `from` replaced by `to` (a copy's invented name). */
function renamed(p: Provider, id: string, name: string, aliases: string[]): Provider {
  const swap = (t: string) => t.split(p.name).join(name);
  return {
    id,
    name,
    kind: p.kind,
    aliases,
    reviewed: p.reviewed,
    findings: p.findings.map((f) => ({
      status: f.status,
      ...(f.subject ? { subject: swap(f.subject) } : {}),
      summary: swap(f.summary),
      details: swap(f.details),
      sources: f.sources,
    })),
  };
}

/**
 * Every text of `copy` in every locale: the original's translation (or its English) with the
 * name swapped, tied to the copy's English, so the synthetic dataset is fully translated.
 */
function translationsOf(
  knowledge: Knowledge,
  original: Provider,
  copy: Provider,
  out: Map<string, PoUnit[]>,
): void {
  const from = providerUnits(original);
  providerUnits(copy).forEach((unit, i) => {
    const source = from[i]!;
    for (const locale of SUPPORTED_LOCALES) {
      if (locale === FALLBACK_LOCALE) continue;
      const text = lookup(knowledge.translations, locale, source.context, source.english).text;
      const list = out.get(locale) ?? [];
      list.push({
        context: unit.context,
        english: unit.english,
        text: text.split(original.name).join(copy.name),
        fuzzy: false,
      });
      out.set(locale, list);
    }
  });
}

/** Providers (and their translations) for a dataset about `factor` times the shipped one. */
export function syntheticProviders(
  knowledge: Knowledge,
  options: SyntheticOptions = {},
): { providers: Provider[]; invented: string[]; po: Map<string, PoUnit[]> } {
  const shipped = knowledge.providers;
  const target = Math.max(shipped.length * (options.factor ?? 10), options.minProviders ?? 950);
  const taken = new Set<string>();
  for (const p of shipped) {
    const names = [p.id, p.name, ...p.aliases, ...p.findings.flatMap((f) => f.aliases ?? [])];
    for (const n of names) taken.add(compact(n));
  }
  const invent = nameMaker(taken);
  const po = new Map<string, PoUnit[]>();
  const providers: Provider[] = [];
  for (const p of shipped) {
    providers.push(p);
    translationsOf(knowledge, p, p, po);
  }
  const invented: string[] = [];
  for (let i = shipped.length; i < target; i++) {
    const original = shipped[i % shipped.length]!;
    const k = Math.floor(i / shipped.length);
    const name = invent(original.name, true);
    invented.push(name);
    const id = `${original.id}-s${k}`.slice(-40).replace(/^-+/, '');
    const copy = renamed(
      original,
      id,
      name,
      original.aliases.map((a) => invent(a)),
    );
    // Finding aliases are model names of the original: the copy gets none.
    providers.push(copy);
    translationsOf(knowledge, original, copy, po);
  }
  return { providers, invented, po };
}

// ------------------------------------------------------------------------ the on-disk layout

/** Writes the dataset folder as the loader reads it; returns the path DATA_DIR takes. */
function writeDataset(dir: string, providers: Provider[], po: Map<string, PoUnit[]>): string {
  const paths = datasetPaths(dir);
  mkdirSync(paths.providers, { recursive: true });
  mkdirSync(paths.translations, { recursive: true });
  for (const p of providers) {
    writeFileSync(join(paths.providers, `${p.id}.yaml`), stringify(p));
  }
  for (const [locale, units] of po) {
    writeFileSync(join(paths.translations, `${locale}.po`), formatPo(locale, units));
  }
  const shipped = datasetPaths(DEFAULT_DATA_DIR);
  cpSync(shipped.ui, paths.ui);
  cpSync(shipped.uiTranslations, paths.uiTranslations, { recursive: true });
  cpSync(shipped.unlisted, paths.unlisted);
  return dir;
}

/** The synthetic dataset at `path`, loaded in this process as the bot loads it. */
export function loadSynthetic(path: string): Knowledge {
  return loadKnowledge({ dataDir: path });
}

/** Bytes of every file under `dir`. */
function sizeOf(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

/** Writes a synthetic dataset into `dir` (created if missing). */
export function writeSyntheticDataset(
  dir: string,
  options: SyntheticOptions = {},
): SyntheticDataset {
  const shipped = loadKnowledge();
  const { providers, invented, po } = syntheticProviders(shipped, options);
  const path = writeDataset(join(dir, 'data'), providers, po);
  return {
    path,
    providers: providers.length,
    locales: SUPPORTED_LOCALES.length,
    bytes: sizeOf(path),
    inventedNames: invented,
  };
}
