import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PROVIDERS_FILE } from '../../src/core/paths.js';
import { createKnowledgeStore, type KnowledgeStore } from '../../src/runtime/knowledge-store.js';
import { createTestContext } from '../helpers/context.js';
import { tempFile } from '../helpers/dataset-fixture.js';

let store: KnowledgeStore | undefined;
afterEach(() => store?.close());

function setup() {
  const file = tempFile('');
  copyFileSync(DEFAULT_PROVIDERS_FILE, file);
  const { ctx, logs } = createTestContext();
  store = createKnowledgeStore({ providersFile: file }, ctx.logger);
  return { file, logs, store };
}

function withVersion(version: string): string {
  const data = JSON.parse(readFileSync(DEFAULT_PROVIDERS_FILE, 'utf8')) as { version: string };
  return JSON.stringify({ ...data, version });
}

async function waitFor(check: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live dataset', () => {
  it('swaps in a valid new file and logs its version', () => {
    const { file, logs, store } = setup();
    writeFileSync(file, withVersion('next'));
    const result = store.reload('test');
    expect(result.ok).toBe(true);
    expect(store.current().version).toBe('next');
    expect(logs.some((l) => l.msg === 'dataset loaded' && l.version === 'next')).toBe(true);
  });

  it.each([
    ['invalid JSON', '{"version": "x", "providers": [}'],
    ['a truncated file', withVersion('cut').slice(0, 500)],
    ['an empty file', ''],
    ['a schema violation', JSON.stringify({ version: 'v', providers: [{ id: 'x' }] })],
  ])('rejects %s and keeps serving the last good data', (_name, content) => {
    const { file, logs, store } = setup();
    const before = store.current();
    writeFileSync(file, content);
    const result = store.reload('test');
    expect(result.ok).toBe(false);
    expect(store.current()).toBe(before);
    expect(store.current().ask('deepseek', 'en-US').kind).toBe('provider');
    const rejected = logs.find((l) => l.msg?.toString().startsWith('dataset reload rejected'));
    expect(JSON.stringify(rejected?.problems)).toContain('providers.json');
  });

  it('keeps serving when the file is deleted', () => {
    const { file, store } = setup();
    rmSync(file);
    expect(store.reload('test')).toMatchObject({
      ok: false,
      error: expect.stringContaining('ENOENT') as unknown,
    });
    expect(store.current().providers.length).toBeGreaterThan(30);
  });

  it('reloads by itself when the watched file changes', async () => {
    const { file, store } = setup();
    store.watch();
    writeFileSync(file, withVersion('watched'));
    await waitFor(() => store.current().version === 'watched');
  });
});

describe('store hooks', () => {
  it('tells about every accepted and every rejected load', () => {
    const file = tempFile('');
    copyFileSync(DEFAULT_PROVIDERS_FILE, file);
    const { ctx } = createTestContext();
    const seen: string[] = [];
    store = createKnowledgeStore({ providersFile: file }, ctx.logger, {
      onSwap: (k) => seen.push(`swap ${k.version}`),
      onReject: () => seen.push('reject'),
    });
    writeFileSync(file, withVersion('two'));
    store.reload('test');
    writeFileSync(file, '{');
    store.reload('test');
    expect(seen).toEqual(['swap 2026-11-26', 'swap two', 'reject']);
  });
});
