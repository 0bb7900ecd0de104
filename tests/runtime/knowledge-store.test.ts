import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/runtime/knowledge-store.js';
import { createTestContext } from '../helpers/context.js';
import { copyOfShippedData, tempFile } from '../helpers/dataset-fixture.js';

let store: KnowledgeStore | undefined;
afterEach(() => store?.close());

function setup() {
  const dataDir = copyOfShippedData();
  const { ctx, logs } = createTestContext();
  store = createKnowledgeStore({ dataDir }, ctx.logger);
  const file = join(dataDir, 'providers', 'deepseek.yaml');
  return { dataDir, file, logs, store };
}

function renamed(file: string, name: string): string {
  return readFileSync(file, 'utf8').replace(/^name: .*$/m, `name: ${name}`);
}

async function waitFor(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const deepseekName = (s: KnowledgeStore) =>
  s.current().providers.find((p) => p.id === 'deepseek')?.name;

describe('live dataset', () => {
  it('swaps in a valid edit and logs the new version', () => {
    const { file, logs, store } = setup();
    const before = store.current().version;
    writeFileSync(file, renamed(file, 'DeepSeek Next'));
    const result = store.reload('test');
    expect(result).toMatchObject({ ok: true, changed: true });
    expect(deepseekName(store)).toBe('DeepSeek Next');
    expect(store.current().version).not.toBe(before);
    expect(
      logs.some((l) => l.msg === 'dataset loaded' && l.version === store.current().version),
    ).toBe(true);
  });

  it.each([
    ['a YAML syntax error', 'id: deepseek\nname: [broken\n'],
    ['a truncated file', 'id: deepseek\nname: DeepSeek\nfindings:\n  - status: fo'],
    ['an empty file', ''],
    ['a schema violation', 'id: deepseek\nname: DeepSeek\n'],
  ])('rejects %s and keeps serving the last good data', (_name, content) => {
    const { file, logs, store } = setup();
    const before = store.current();
    writeFileSync(file, content);
    const result = store.reload('test');
    expect(result.ok).toBe(false);
    expect(store.current()).toBe(before);
    expect(store.current().ask('deepseek', 'en-US').kind).toBe('provider');
    const rejected = logs.find((l) => l.msg?.toString().startsWith('dataset reload rejected'));
    expect(JSON.stringify(rejected?.problems)).toContain('deepseek.yaml');
  });

  it('keeps serving when the providers folder is deleted', () => {
    const { dataDir, store } = setup();
    rmSync(join(dataDir, 'providers'), { recursive: true });
    expect(store.reload('test')).toMatchObject({
      ok: false,
      error: expect.stringContaining('no provider files') as unknown,
    });
    expect(store.current().providers.length).toBeGreaterThan(90);
  });

  it('reloads by itself when a file in the dataset folder changes', async () => {
    const { file, store } = setup();
    store.watch();
    writeFileSync(file, renamed(file, 'DeepSeek Watched'));
    await waitFor(() => deepseekName(store) === 'DeepSeek Watched');
  });
});

describe('the deprecated single JSON file', () => {
  it('is still read and watched when PROVIDERS_FILE names one', async () => {
    const legacy = (name: string) => ({
      providers: [
        {
          id: 'alpha',
          name,
          aliases: [],
          reviewed: '2026-01-01',
          findings: [
            {
              status: 'production',
              summary: { 'en-US': 's' },
              details: { 'en-US': 'd' },
              sources: [{ title: 'T', url: 'https://example.com/', publisher: 'P' }],
            },
          ],
        },
      ],
    });
    const file = tempFile(legacy('Alpha'));
    const { ctx } = createTestContext();
    store = createKnowledgeStore({ providersFile: file }, ctx.logger);
    expect(store.current().ask('alpha', 'en-US').kind).toBe('provider');
    store.watch();
    writeFileSync(file, JSON.stringify(legacy('Alpha Two')));
    await waitFor(() => store!.current().providers[0]?.name === 'Alpha Two');
  });
});

describe('store hooks', () => {
  it('tells about every accepted and every rejected load', () => {
    const dataDir = copyOfShippedData();
    const file = join(dataDir, 'providers', 'deepseek.yaml');
    const { ctx } = createTestContext();
    const seen: string[] = [];
    store = createKnowledgeStore({ dataDir }, ctx.logger, {
      onSwap: () => seen.push('swap'),
      onReject: () => seen.push('reject'),
    });
    writeFileSync(file, renamed(file, 'Two'));
    store.reload('test');
    writeFileSync(file, '{');
    store.reload('test');
    expect(seen).toEqual(['swap', 'swap', 'reject']);
  });
});
