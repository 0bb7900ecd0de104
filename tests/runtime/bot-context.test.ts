import { describe, expect, it } from 'vitest';
import { ShuttingDownError } from '../../src/runtime/bot-context.js';
import { createTestContext } from '../helpers/context.js';

const later = <T>(ms: number, value: T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('draining on shutdown', () => {
  it('waits for requests in flight, then refuses new ones', async () => {
    const { ctx } = createTestContext();
    let finished = false;
    const slow = ctx.track(async () => {
      await later(150, null);
      finished = true;
    });
    expect(ctx.inFlight()).toBe(1);
    const drained = await ctx.drain(2_000);
    expect(finished).toBe(true);
    expect(drained.unfinished).toBe(0);
    await slow;
    expect(ctx.accepting()).toBe(false);
    await expect(ctx.track(() => Promise.resolve('new'))).rejects.toBeInstanceOf(ShuttingDownError);
  });

  it('gives up after its timeout and reports what is still running', async () => {
    const { ctx } = createTestContext();
    void ctx.track(() => later(1_000, null));
    const started = Date.now();
    const drained = await ctx.drain(100);
    expect(Date.now() - started).toBeLessThan(800);
    expect(drained.unfinished).toBe(1);
  });

  it('forgets failed requests too', async () => {
    const { ctx } = createTestContext();
    await expect(ctx.track(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(ctx.inFlight()).toBe(0);
  });
});
