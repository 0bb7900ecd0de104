import { describe, expect, it } from 'vitest';
import { newOwnerId } from '../../src/store/index.js';

describe('newOwnerId', () => {
  it('names this process and differs on every call', () => {
    const a = newOwnerId();
    const b = newOwnerId();
    expect(a).toContain(`:${process.pid}:`);
    expect(a).not.toBe(b);
  });
});
