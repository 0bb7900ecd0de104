/**
 * A synthetic dataset N times the shipped one, for start-up and matching benchmarks. Everything
 * that knows how a dataset is laid out on disk lives in this file alone: when the layout
 * changes, only `writeDataset` and `loadSynthetic` change.
 *
 * Built from the shipped dataset as the core loads it (`loadKnowledge().providers`): copy 0 of
 * each provider is the original, every further copy gets an invented name and invented aliases
 * (same count and similar lengths as the original's), its texts with the original name replaced
 * by the new one, and every text in every supported locale (missing ones are filled from the
 * fallback text), so the size grows in both providers and translations.
 */
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '../src/core/dataset-schema.js';
import type { Knowledge } from '../src/core/knowledge.js';
import { loadKnowledge } from '../src/core/load-knowledge.js';
import { FALLBACK_LOCALE, SUPPORTED_LOCALES } from '../src/core/locales.js';
import { compact } from '../src/core/normalize.js';

export interface SyntheticDataset {
  /** What to pass as PROVIDERS_FILE (the bot) or to `loadSynthetic` (in process). */
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

/** Deterministic: every run, and the bot and the in-process benchmark, see the same data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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

type Texts = Partial<Record<(typeof SUPPORTED_LOCALES)[number], string>>;

function everyLocale(texts: Texts, from: string, to: string): Texts {
  const fallback = texts[FALLBACK_LOCALE]!;
  const out: Texts = {};
  for (const locale of SUPPORTED_LOCALES) {
    out[locale] = (texts[locale] ?? fallback).split(from).join(to);
  }
  return out;
}

function copyOf(p: Provider, k: number, name: string, aliases: string[]): Provider {
  const rename = (t: Texts) => everyLocale(t, p.name, name);
  return {
    id: `${p.id}-s${k}`.slice(-40).replace(/^-+/, ''),
    name,
    aliases,
    reviewed: p.reviewed,
    findings: p.findings.map((f) => ({
      status: f.status,
      ...(f.subject ? { subject: rename(f.subject) } : {}),
      summary: rename(f.summary),
      details: rename(f.details),
      asOf: f.asOf,
      sources: f.sources,
    })),
  };
}

/** Providers for a dataset about `factor` times the shipped one. */
export function syntheticProviders(
  knowledge: Knowledge,
  options: SyntheticOptions = {},
): { providers: Provider[]; invented: string[] } {
  const shipped = knowledge.providers;
  const target = Math.max(shipped.length * (options.factor ?? 10), options.minProviders ?? 950);
  const taken = new Set<string>();
  for (const p of shipped) for (const n of [p.id, p.name, ...p.aliases]) taken.add(compact(n));
  const invent = nameMaker(taken);
  const providers: Provider[] = shipped.map((p) => ({
    ...p,
    findings: p.findings.map((f) => ({
      ...f,
      ...(f.subject ? { subject: everyLocale(f.subject, '', '') } : {}),
      summary: everyLocale(f.summary, '', ''),
      details: everyLocale(f.details, '', ''),
    })),
  }));
  const invented: string[] = [];
  for (let i = shipped.length; i < target; i++) {
    const original = shipped[i % shipped.length]!;
    const k = Math.floor(i / shipped.length);
    const name = invent(original.name, true);
    invented.push(name);
    providers.push(
      copyOf(
        original,
        k,
        name,
        original.aliases.map((a) => invent(a)),
      ),
    );
  }
  return { providers, invented };
}

// ------------------------------------------------------------------------ the on-disk layout

/** Writes the dataset as the loader reads it; returns the path PROVIDERS_FILE takes. */
function writeDataset(dir: string, version: string, providers: Provider[]): string {
  const file = join(dir, 'providers.json');
  writeFileSync(file, JSON.stringify({ version, providers }, null, 2));
  return file;
}

/** The synthetic dataset at `path`, loaded in this process as the bot loads it. */
export function loadSynthetic(path: string): Knowledge {
  return loadKnowledge({ providersFile: path });
}

/** Writes a synthetic dataset into `dir` (created if missing). */
export function writeSyntheticDataset(
  dir: string,
  options: SyntheticOptions = {},
): SyntheticDataset {
  mkdirSync(dir, { recursive: true });
  const shipped = loadKnowledge();
  const { providers, invented } = syntheticProviders(shipped, options);
  const path = writeDataset(dir, `${shipped.version}-synthetic`, providers);
  return {
    path,
    providers: providers.length,
    locales: SUPPORTED_LOCALES.length,
    bytes: statSync(path).size,
    inventedNames: invented,
  };
}
