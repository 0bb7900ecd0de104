import { describe, expect, it } from 'vitest';
import { decodeRef, encodeRef, pickActionId, ACTION_PICK } from '../../src/slack/action-ids.js';

describe('button values', () => {
  it('round-trip a provider and the overview', () => {
    expect(decodeRef(encodeRef({ kind: 'provider', id: 'deepseek', locale: 'de' }))).toEqual({
      kind: 'provider',
      id: 'deepseek',
      locale: 'de',
    });
    expect(decodeRef(encodeRef({ kind: 'overview', locale: 'zh-TW' }))).toEqual({
      kind: 'overview',
      locale: 'zh-TW',
    });
  });

  it.each([
    undefined,
    '',
    'deepseek',
    '{',
    '{"k":"p","id":"x","l":"xx"}',
    '{"k":"z","l":"de"}',
    'null',
  ])('rejects %j', (value) => {
    expect(decodeRef(value)).toBeUndefined();
  });

  it('names one pick action per provider, all matched by the listener', () => {
    expect(pickActionId('openai')).toBe('vllm_pick:openai');
    expect(ACTION_PICK.test(pickActionId('openai'))).toBe(true);
    expect(ACTION_PICK.test('vllm_share')).toBe(false);
  });
});
