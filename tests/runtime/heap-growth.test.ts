import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/runtime/config.js';

const MODULE = pathToFileURL(
  fileURLToPath(new URL('../../src/runtime/heap-growth.ts', import.meta.url)),
);

/**
 * Runs limitHeapGrowth(percent) in a fresh node, keeps 200,000 objects, forces two full
 * collections and returns the growth factors V8 reports setting its next limits with
 * (--trace-gc-verbose: "Limit: … (2.0)" on Node 20, "factor 2.0 …" on newer V8).
 */
function factorsAfter(percent: number): string[] {
  const script = `
    const { limitHeapGrowth } = await import(${JSON.stringify(MODULE.href)});
    limitHeapGrowth(${percent});
    const keep = [];
    for (let i = 0; i < 2e5; i++) keep.push({ i, s: 'x' + i });
    globalThis.gc(); globalThis.gc();
    console.log('kept', keep.length);`;
  const run = spawnSync(
    process.execPath,
    ['--trace-gc-verbose', '--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8', timeout: 20_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('kept 200000');
  const limits = [...run.stdout.matchAll(/\] Limit: .*\((\d+\.\d)\)$/gm)].map((m) => m[1]!);
  const factors = [...run.stdout.matchAll(/\] factor (\d+\.\d) /g)].map((m) => m[1]!);
  return limits.length > 0 ? limits : factors;
}

describe('heap growth', () => {
  it('makes V8 collect once the heap is the given percent past the live heap', () => {
    const factors = factorsAfter(50);
    expect(factors.length).toBeGreaterThan(0);
    expect(new Set(factors)).toEqual(new Set(['1.5']));
  });

  it('leaves the factor to V8 with 0', () => {
    const factors = factorsAfter(0);
    expect(factors.length).toBeGreaterThan(0);
    expect(factors).not.toContain('1.5');
  });

  it('defaults to 100 and refuses what is not a whole number from 0 to 1000', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(100);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    for (const bad of ['-1', '1.5', 'lots', '1001']) {
      expect(() => loadConfig({ HEAP_GROWTH_PERCENT: bad }), bad).toThrow(/HEAP_GROWTH_PERCENT/);
    }
  });
});
