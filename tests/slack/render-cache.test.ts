import { describe, expect, it } from 'vitest';
import { createKnowledge } from '../../src/core/knowledge.js';
import { ACTION_MINE } from '../../src/slack/action-ids.js';
import { renderAnswer } from '../../src/slack/render.js';
import { realKnowledge } from '../helpers/context.js';

/**
 * renderAnswer keeps the rendering of a provider answer or the overview with the answer object
 * the core hands out (render.ts). What is kept must be exactly what a fresh rendering gives,
 * per surface and per catalog, and must not be writable by one request for the next.
 */
describe('Slack answer rendering, kept per answer', () => {
  const k = realKnowledge();
  const deepseek = k.ask('deepseek', 'de');
  const overview = k.ask('', 'ja');

  it('gives the same message as a fresh knowledge renders, for each surface', () => {
    const fresh = createKnowledge(
      {
        dataset: { version: k.version, providers: [...k.providers], unlisted: [] },
        translations: k.translations,
        hash: k.hash,
      },
      k.catalog,
    );
    for (const surface of ['private', 'shared', 'shared-unpinnable'] as const) {
      const first = renderAnswer(deepseek, k.catalog, surface);
      const again = renderAnswer(deepseek, k.catalog, surface);
      expect(again).toEqual(first);
      expect(renderAnswer(fresh.ask('deepseek', 'de'), fresh.catalog, surface)).toEqual(first);
      expect(renderAnswer(fresh.ask('', 'ja'), fresh.catalog, surface)).toEqual(
        renderAnswer(overview, k.catalog, surface),
      );
    }
  });

  it('keeps the surfaces apart: Share on private answers, Pin on shared ones', () => {
    const ids = (surface: 'private' | 'shared') =>
      renderAnswer(deepseek, k.catalog, surface)
        .blocks.flatMap((b) => (b.type === 'actions' ? b.elements : []))
        .map((e) => e.action_id);
    expect(ids('private')).toEqual(['vllm_share']);
    expect(ids('shared')).toEqual(['vllm_pin', ACTION_MINE]);
    // Asked in the other order, still apart.
    expect(ids('private')).toEqual(['vllm_share']);
  });

  it('renders again for another catalog (a reloaded dataset)', () => {
    const de = new Map(k.catalog.translations.de);
    de.set('button.share', {
      source: k.catalog.english['button.share'],
      text: 'Teilen (neu)',
      fuzzy: false,
    });
    const other = { ...k.catalog, translations: { ...k.catalog.translations, de } };
    const labels = renderAnswer(deepseek, other, 'private').blocks.flatMap((b) =>
      b.type === 'actions' ? b.elements.map((e) => e.text.text) : [],
    );
    expect(labels).toEqual(['Teilen (neu)']);
  });

  it('hands out frozen blocks, so no request can change what the next one sends', () => {
    const message = renderAnswer(deepseek, k.catalog, 'private');
    expect(() => message.blocks.push({ type: 'divider' })).toThrow(TypeError);
    const first = message.blocks[0]!;
    expect(() => Object.assign(first, { type: 'divider' })).toThrow(TypeError);
    // The top level is the caller's own.
    message.text = 'changed';
    expect(renderAnswer(deepseek, k.catalog, 'private').text).not.toBe('changed');
  });

  it('builds the "not found" buttons once per list and locale, and gets them right', () => {
    const missA = k.ask('zzqxv-nothing', 'fr');
    const missB = k.ask('qqzzx-other', 'fr');
    const missJa = k.ask('zzqxv-nothing', 'ja');
    const rows = (a: typeof missA) =>
      renderAnswer(a, k.catalog).blocks.filter((b) => b.type === 'actions');
    expect(rows(missA)).toEqual(rows(missB));
    expect(rows(missA).length).toBeGreaterThan(0);
    const refs = (a: typeof missA) =>
      rows(a).flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.value) : []));
    expect(refs(missA).every((v) => v?.includes('"l":"fr"'))).toBe(true);
    expect(refs(missJa).every((v) => v?.includes('"l":"ja"'))).toBe(true);
    // The query is in each message's own text, never in what is kept.
    expect(JSON.stringify(renderAnswer(missB, k.catalog))).toContain('qqzzx-other');
    expect(JSON.stringify(renderAnswer(missA, k.catalog))).not.toContain('qqzzx-other');
  });
});
