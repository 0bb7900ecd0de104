import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/core/paths.js';
import { useBackends } from './backends.js';

const backends = useBackends();
const CHILD = path.join(PROJECT_ROOT, 'tests', 'store', 'fixtures', 'ack-then-hang.ts');

/** Runs the child until it prints "acked", then SIGKILLs it; returns the acked pin id. */
function writeThenKill(databaseUrl: string): Promise<{ pinId: string; signal: string | null }> {
  return new Promise((resolve, reject) => {
    // node --import tsx, not the tsx binary: one process, so SIGKILL hits the writer itself.
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, databaseUrl], {
      cwd: PROJECT_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let pinId = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /acked (\S+)/.exec(out);
      if (match && !pinId) {
        pinId = match[1]!;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (!pinId) reject(new Error(`child never acked:\n${out}\n${err}`));
      else resolve({ pinId, signal });
    });
  });
}

describe.each(backends)('durability on $name', (backend) => {
  it('keeps every acknowledged write when the process is killed with SIGKILL', async () => {
    const url = await backend.freshUrl();
    const { pinId, signal } = await writeThenKill(url);
    expect(signal).toBe('SIGKILL');

    const store = await backend.open({ url });
    expect(await store.getPin(pinId)).toMatchObject({ providerId: 'deepseek', locale: 'de' });
    expect((await store.listReports()).map((r) => r.query)).toEqual(['deepsek']);
    expect((await store.topMisses()).map((m) => m.query)).toEqual(['acked-miss']);
  });
});
