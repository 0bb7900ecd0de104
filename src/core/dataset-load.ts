import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ProviderSchema, UnlistedSchema, type Dataset, type Provider } from './dataset-schema.js';
import { DataFileError, DatasetError, displayPath, formatPath } from './load-errors.js';
import { FALLBACK_LOCALE, SUPPORTED_LOCALES } from './locales.js';
import { compact } from './normalize.js';
import { createInterner, parsePo, PoSyntaxError } from './po-file.js';
import type { TranslationSet } from './translations.js';
import { parseYamlFile, type YamlFile } from './yaml-file.js';

export interface LoadedDataset {
  dataset: Dataset;
  translations: TranslationSet;
  /** Short content hash of every file read, so operators can tell two deployments apart. */
  hash: string;
}

/** Where each part of a dataset lives under its folder (data/ by default). */
export function datasetPaths(dir: string) {
  return {
    providers: join(dir, 'providers'),
    translations: join(dir, 'translations', 'providers'),
    ui: join(dir, 'ui.yaml'),
    unlisted: join(dir, 'unlisted.yaml'),
    uiTranslations: join(dir, 'translations', 'ui'),
  };
}

interface ParsedProvider {
  file: string;
  yaml: YamlFile;
  provider?: Provider;
  problems: string[];
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new DataFileError(displayPath(file), [`cannot read the file (${code})`]);
  }
}

function parseProvider(file: string, text: string): ParsedProvider {
  const yaml = parseYamlFile(text);
  if (yaml.errors.length > 0) return { file, yaml, problems: yaml.errors };
  const raw = yaml.value as { id?: unknown } | null;
  const id = typeof raw?.id === 'string' ? raw.id : basename(file, '.yaml');
  const result = ProviderSchema.safeParse(raw);
  const problems = result.success
    ? []
    : result.error.issues.map(
        (issue) =>
          `${yaml.locate(issue.path)}: (${id}) ${formatPath(issue.path)}: ${issue.message}`,
      );
  if (result.success && result.data.id !== basename(file, '.yaml')) {
    problems.push(
      `${yaml.locate(['id'])}: (${id}) id: must match the file name (${basename(file)})`,
    );
  }
  return { file, yaml, provider: result.success ? result.data : undefined, problems };
}

/** Names people type for this provider, each with where it is written. */
function namesOf(provider: Provider): { name: string; path: PropertyKey[] }[] {
  return [
    { name: provider.id, path: ['id'] },
    { name: provider.name, path: ['name'] },
    ...provider.aliases.map((name, i) => ({ name, path: ['aliases', i] })),
    ...provider.findings.flatMap((f, fi) =>
      (f.aliases ?? []).map((name, i) => ({ name, path: ['findings', fi, 'aliases', i] })),
    ),
  ];
}

/** Rules a schema cannot state: no name that two providers claim, however it is spelled. */
function claimProblems(parsed: readonly ParsedProvider[]): Map<ParsedProvider, string[]> {
  const claimedBy = new Map<string, string>();
  const out = new Map<ParsedProvider, string[]>();
  for (const entry of parsed) {
    const provider = entry.provider;
    if (!provider) continue;
    const own = new Set<string>();
    for (const { name, path } of namesOf(provider)) {
      const key = compact(name);
      if (!key || own.has(key)) continue;
      own.add(key);
      const owner = claimedBy.get(key);
      if (owner) {
        const list = out.get(entry) ?? [];
        list.push(
          `${entry.yaml.locate(path)}: (${provider.id}) ${formatPath(path)}: "${name}" is already claimed by "${owner}"`,
        );
        out.set(entry, list);
      } else {
        claimedBy.set(key, provider.id);
      }
    }
  }
  return out;
}

function listFiles(dir: string, extension: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension))
    .sort()
    .map((name) => join(dir, name));
}

/** Reads `<dir>/<locale>.po` for every supported locale that has one. */
export function loadPoFolder(
  dir: string,
  hash: (text: string) => void,
  errors: DataFileError[],
): TranslationSet {
  const set: TranslationSet = {};
  const intern = createInterner();
  for (const locale of SUPPORTED_LOCALES) {
    if (locale === FALLBACK_LOCALE) continue;
    const file = join(dir, `${locale}.po`);
    if (!existsSync(file)) continue;
    const text = readText(file);
    hash(text);
    try {
      set[locale] = parsePo(text, intern);
    } catch (error) {
      if (!(error instanceof PoSyntaxError)) throw error;
      errors.push(new DataFileError(displayPath(file), [error.message]));
    }
  }
  return set;
}

function loadUnlisted(
  file: string,
  hash: (text: string) => void,
  errors: DataFileError[],
): string[] {
  if (!existsSync(file)) return [];
  const text = readText(file);
  hash(text);
  const yaml = parseYamlFile(text);
  const result = UnlistedSchema.safeParse(yaml.value);
  if (yaml.errors.length === 0 && result.success) return result.data.names;
  const problems =
    yaml.errors.length > 0
      ? yaml.errors
      : result.error!.issues.map(
          (i) => `${yaml.locate(i.path)}: ${formatPath(i.path)}: ${i.message}`,
        );
  errors.push(new DataFileError(displayPath(file), problems));
  return [];
}

function deriveVersion(providers: readonly Provider[], hash: string): string {
  const newest = providers.reduce((max, p) => (p.reviewed > max ? p.reviewed : max), '');
  return `${newest}+${hash.slice(0, 8)}`;
}

/**
 * Loads data/providers/*.yaml and their translations. Throws a DatasetError listing every
 * problem in every file, each as `file:line:column: (provider id) path: message`.
 */
export function loadDatasetDir(dir: string): LoadedDataset {
  const paths = datasetPaths(dir);
  const digest = createHash('sha256');
  const files = listFiles(paths.providers, '.yaml');
  if (files.length === 0) {
    throw new DataFileError(displayPath(paths.providers), ['no provider files (*.yaml) found']);
  }
  const parsed = files.map((file) => {
    const text = readText(file);
    digest.update(basename(file)).update(text);
    return parseProvider(file, text);
  });
  const claims = claimProblems(parsed);
  const errors: DataFileError[] = [];
  for (const entry of parsed) {
    const problems = [...entry.problems, ...(claims.get(entry) ?? [])];
    if (problems.length > 0) errors.push(new DataFileError(displayPath(entry.file), problems));
  }
  const translations = loadPoFolder(paths.translations, (t) => digest.update(t), errors);
  const unlisted = loadUnlisted(paths.unlisted, (t) => digest.update(t), errors);
  if (errors.length > 0) throw new DatasetError(errors);

  const providers = parsed.map((p) => p.provider!);
  const hash = digest.digest('hex').slice(0, 12);
  return {
    dataset: { version: deriveVersion(providers, hash), providers, unlisted },
    translations,
    hash,
  };
}
