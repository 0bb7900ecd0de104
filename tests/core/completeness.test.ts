import { describe, expect, it } from 'vitest';
import { auditDataset } from '../../src/core/dataset-audit.js';
import { datasetPaths, loadDatasetDir } from '../../src/core/dataset-load.js';
import { loadCatalog } from '../../src/core/i18n.js';
import { DEFAULT_DATA_DIR } from '../../src/core/paths.js';
import { STRONG_STATUSES } from '../../src/core/status.js';
import { dataset, provider } from '../helpers/dataset-fixture.js';

const loaded = loadDatasetDir(DEFAULT_DATA_DIR);
const data = loaded.dataset;
const paths = datasetPaths(DEFAULT_DATA_DIR);
const catalog = loadCatalog(paths.ui, paths.uiTranslations);
const today = new Date().toISOString().slice(0, 10);
const status = (id: string) => data.providers.find((p) => p.id === id)?.findings[0]?.status;

describe('the shipped dataset is release-ready', () => {
  const audit = auditDataset(data, loaded.translations, catalog, today);

  it('has no problems', () => {
    expect(audit.problems).toEqual([]);
  });

  it('is translated into every locale, nothing missing or stale (data:check --strict)', () => {
    expect(audit.gaps).toEqual([]);
  });

  it('covers at least 95 providers', () => {
    expect(data.providers.length).toBeGreaterThanOrEqual(95);
  });

  it('every provider has https sources', () => {
    for (const p of data.providers) {
      const urls = p.findings.flatMap((f) => f.sources.map((s) => s.url));
      expect(urls.length, p.id).toBeGreaterThan(0);
      for (const url of urls) expect(new URL(url).protocol, url).toBe('https:');
    }
  });

  it('no green headline rests on secondary sources alone without saying so', () => {
    const bare = data.providers.filter((p) => {
      const head = p.findings[0]!;
      return STRONG_STATUSES.has(head.status) && !head.sources.some((s) => s.primary);
    });
    // These are shown with a "secondary sources only" qualifier in every locale.
    expect(bare.map((p) => p.id).sort()).toEqual(['ibm']);
  });
});

describe('statuses are what the checked facts support', () => {
  it('corrects the seed where the checked facts disagree', () => {
    expect(status('deepseek')).toBe('fork');
    expect(status('moonshot')).toBe('past');
    expect(status('minimax')).toBe('no-evidence');
    expect(status('anthropic')).toBe('no-evidence');
    expect(status('openai')).toBe('no-evidence');
    const deepseekSources = data.providers
      .find((p) => p.id === 'deepseek')!
      .findings.flatMap((f) => f.sources);
    expect(deepseekSources.some((s) => s.url.includes('ainews.com'))).toBe(false);
  });

  // research/facts-more.md: the first finding of each of its 60 organisations.
  const FACTS_MORE: Record<string, string> = Object.fromEntries(
    (
      'perplexity other-stack,cloudflare past,groq other-stack,cerebras other-stack,' +
      'sambanova other-stack,baseten other-stack,replicate offers,modal offers,runpod offers,' +
      'lambda no-evidence,nebius no-evidence,crusoe contributor,deepinfra no-evidence,' +
      'coreweave contributor,oracle offers,predibase other-stack,openrouter no-evidence,' +
      'lepton-ai no-evidence,octoai no-evidence,amd contributor,intel contributor,' +
      'arm contributor,huawei contributor,cambricon contributor,moore-threads fork,' +
      'rebellions contributor,tenstorrent contributor,llm-d offers,kserve offers,' +
      'skypilot offers,bentoml offers,docker offers,unsloth offers,ollama other-stack,' +
      'lm-studio other-stack,mozilla other-stack,inferact contributor,embedded-llm contributor,' +
      'lmcache contributor,squeezebits contributor,xiaomi no-evidence,stepfun no-evidence,' +
      'meituan other-stack,ant-group contributor,shanghai-ai-lab other-stack,01-ai no-evidence,' +
      'baichuan no-evidence,lg-ai-research no-evidence,naver no-evidence,tii no-evidence,' +
      'ai21 no-evidence,liquid-ai no-evidence,allen-ai no-evidence,nous-research no-evidence,' +
      'poolside no-evidence,skywork no-evidence,uber production,pinterest production,' +
      'salesforce no-evidence,stripe no-evidence'
    )
      .split(',')
      .map((row) => row.split(' ') as [string, string]),
  );

  it('lists all 60 organisations of the second research round', () => {
    expect(Object.keys(FACTS_MORE)).toHaveLength(60);
  });

  it.each(Object.entries(FACTS_MORE))('%s: %s', (id, expected) => {
    expect(status(id)).toBe(expected);
  });

  it('gives engines and local tools entries of their own', () => {
    const kind = (id: string) => data.providers.find((p) => p.id === id)?.kind;
    expect(['sglang', 'llama-cpp', 'tgi'].map(kind)).toEqual(['engine', 'engine', 'engine']);
    expect(['ollama', 'lm-studio'].map(kind)).toEqual(['tool', 'tool']);
  });
});

describe('audit', () => {
  it('flags a source dated in the future', () => {
    const future = provider('alpha');
    future.findings[0]!.sources[0]!.date = '2999-01-01';
    const { dataset: d, translations } = dataset([future]);
    expect(auditDataset(d, translations, catalog, today).problems).toContain(
      'alpha: date 2999-01-01 is in the future',
    );
  });

  it('counts an untranslated English-only provider as gaps, not problems', () => {
    const { dataset: d, translations } = dataset([provider('alpha')]);
    const audit = auditDataset(d, translations, catalog, today);
    expect(audit.problems).toEqual([]);
    expect(audit.gaps).toContainEqual({
      locale: 'de',
      context: 'alpha/0/summary',
      state: 'missing',
    });
  });
});
