import { describe, expect, it } from 'vitest';
import {
  PIN_ID,
  mineId,
  parseButtonId,
  parseReportModalId,
  pickId,
  pinId,
  reportId,
  reportModalId,
  shareId,
} from '../../src/discord/custom-ids.js';
import { SUPPORTED_LOCALES } from '../../src/core/locales.js';

describe('button custom ids', () => {
  it('round-trip every action in every locale', () => {
    for (const locale of SUPPORTED_LOCALES) {
      expect(parseButtonId(pickId(locale, true, 'red-hat'))).toEqual({
        action: 'pick',
        locale,
        private: true,
        providerId: 'red-hat',
      });
      expect(parseButtonId(pickId(locale, false, 'xai'))).toEqual({
        action: 'pick',
        locale,
        private: false,
        providerId: 'xai',
      });
      expect(parseButtonId(shareId(locale, 'deepseek'))).toEqual({
        action: 'share',
        locale,
        providerId: 'deepseek',
      });
      expect(parseButtonId(shareId(locale, undefined))).toEqual({
        action: 'share',
        locale,
        providerId: undefined,
      });
    }
    expect(parseButtonId(PIN_ID)).toEqual({ action: 'pin' });
  });

  it('say which answer a Pin button is on (provider, language, leading finding; * = overview)', () => {
    expect(parseButtonId(pinId('de', 'deepseek', 2))).toEqual({
      action: 'pin',
      shows: { locale: 'de', lead: 2, providerId: 'deepseek' },
    });
    expect(pinId('uk', undefined)).toBe('vllm:pin:uk:0:*');
    expect(parseButtonId(pinId('uk', undefined))).toEqual({
      action: 'pin',
      shows: { locale: 'uk', lead: 0, providerId: '*' },
    });
    for (const id of ['vllm:pin:de:x:deepseek', 'vllm:pin:xx:0:deepseek', 'vllm:pin:de:0:Deep']) {
      expect(parseButtonId(id), id).toBeUndefined();
    }
  });

  it('stay within 100 characters for the longest provider id', () => {
    expect(pickId('es-419', true, 'a'.repeat(40)).length).toBeLessThanOrEqual(100);
    expect(() => pickId('es-419', true, 'a'.repeat(100))).toThrow(/custom_id/);
  });

  it('reject ids this bot did not make', () => {
    for (const id of [
      '',
      'other:pin',
      'vllm:pick:xx:p:deepseek',
      'vllm:pick:de:q:deepseek',
      'vllm:pick:de:p:Deep Seek',
      'vllm:share:de',
      'vllm:pin:extra',
      'vllm:nope:de',
    ]) {
      expect(parseButtonId(id), id).toBeUndefined();
    }
  });
});

describe('report and In-my-language ids', () => {
  it('round-trip, with a query that holds colons', () => {
    const ref = { locale: 'de' as const, providerId: 'deepseek', query: 'deep:seek v3' };
    expect(parseButtonId(reportId(ref))).toEqual({ action: 'report', ...ref });
    expect(parseReportModalId(reportModalId(ref))).toEqual(ref);
    expect(parseButtonId(mineId('deepseek'))).toEqual({ action: 'mine', providerId: 'deepseek' });
    expect(parseButtonId(mineId(undefined))).toEqual({ action: 'mine', providerId: undefined });
  });

  it('cut a long query to fit 100 characters, whole characters only, on one line', () => {
    const ref = {
      locale: 'zh-TW' as const,
      providerId: 'moonshot',
      query: `月\n${'😀'.repeat(80)}`,
    };
    for (const id of [reportId(ref), reportModalId(ref)]) {
      expect(id.length).toBeLessThanOrEqual(100);
      expect(id).not.toContain('\n');
      expect(id).not.toMatch(/[\uD800-\uDBFF]$/);
    }
    const parsed = parseReportModalId(reportModalId(ref))!;
    expect(parsed.query.startsWith('月 😀')).toBe(true);
  });

  it('refuse ids this bot did not make', () => {
    expect(parseReportModalId('vllm:rmodal:xx:deepseek:q')).toBeUndefined();
    expect(parseReportModalId('vllm:rmodal:de:Deep Seek:q')).toBeUndefined();
    expect(parseReportModalId('other:rmodal:de:deepseek:q')).toBeUndefined();
    expect(parseButtonId('vllm:mine:Not An Id')).toBeUndefined();
    expect(parseButtonId('vllm:report:de')).toBeUndefined();
  });
});
