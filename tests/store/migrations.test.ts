import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/migrations/index.js';
import { useBackends } from './backends.js';
import { captureLogger } from './capture-logger.js';

const backends = useBackends();
const ALL = ['001_initial', '002_pin_lead'];

function appliedBy(logger: ReturnType<typeof captureLogger>): string[] {
  const ready = logger.lines.find((l) => l.msg === 'state database ready');
  return (ready?.obj as { migrationsApplied?: string[] } | undefined)?.migrationsApplied ?? [];
}

describe.each(backends)('migrations on $name', (backend) => {
  it('apply once, and reopening keeps the data and applies nothing', async () => {
    const url = await backend.freshUrl();
    const first = captureLogger();
    const store = await backend.open({ url, logger: first });
    expect(Object.keys(MIGRATIONS)).toEqual(ALL);
    expect(appliedBy(first)).toEqual(ALL);
    await store.recordMiss('kept');
    await store.close();

    const second = captureLogger();
    const reopened = await backend.open({ url, logger: second });
    expect(second.lines.some((l) => l.msg === 'state database ready')).toBe(true);
    expect(appliedBy(second)).toEqual([]);
    expect((await reopened.topMisses()).map((m) => m.query)).toEqual(['kept']);
  });

  it('are applied exactly once when three replicas start at once', async () => {
    const url = await backend.freshUrl();
    const loggers = [captureLogger(), captureLogger(), captureLogger()];
    const stores = await Promise.all(loggers.map((logger) => backend.open({ url, logger })));
    expect(loggers.map(appliedBy).flat()).toEqual(ALL);
    await stores[0]!.recordMiss('seen');
    expect((await stores[2]!.topMisses()).map((m) => m.query)).toEqual(['seen']);
    await Promise.all(stores.map((s) => s.ping()));
  });
});
