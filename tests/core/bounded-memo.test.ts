import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../src/core/bounded-memo.js';

describe('boundedMemo', () => {
  it('makes a value once per key and forgets the oldest past its limit', () => {
    const memo = boundedMemo<string>(3);
    let made = 0;
    const get = (key: string) => memo.get(key, () => `${key}-${++made}`);

    expect(get('a')).toBe('a-1');
    expect(get('a')).toBe('a-1');
    get('b');
    get('c');
    expect(memo.size).toBe(3);

    get('d'); // a, the oldest, goes
    expect(memo.size).toBe(3);
    expect(get('b')).toBe('b-2');
    expect(get('a')).toBe('a-5');
    expect(made).toBe(5);
  });

  it('stays at its limit however many keys pass through', () => {
    const memo = boundedMemo<number>(100);
    for (let i = 0; i < 10_000; i++) memo.get(`k${i}`, () => i);
    expect(memo.size).toBe(100);
    expect(memo.get('k9999', () => -1)).toBe(9999);
    expect(memo.get('k0', () => -1)).toBe(-1);
  });
});
