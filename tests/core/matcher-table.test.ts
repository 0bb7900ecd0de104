import { describe, expect, it } from 'vitest';
import { createMatcher, type MatchResult } from '../../src/core/matcher.js';
import { realKnowledge } from '../helpers/context.js';

/**
 * Query → expected outcome. A provider id means "answers with exactly that provider";
 * `?id` means "not confident, but suggests id first"; `?` means "no confident answer"
 * (suggestions or nothing); `-` means "nothing found"; `*` means "the overview".
 */
const TABLE: [string, string][] = [
  // The seed's five, by name, case, spacing and punctuation.
  ['deepseek', 'deepseek'],
  ['DeepSeek', 'deepseek'],
  ['DEEPSEEK', 'deepseek'],
  ['Deep Seek', 'deepseek'],
  ['deep-seek', 'deepseek'],
  ['deep.seek', 'deepseek'],
  ['  deepseek  ', 'deepseek'],
  ['ＤｅｅｐＳｅｅｋ', 'deepseek'],
  ['anthropic', 'anthropic'],
  ['Claude', 'anthropic'],
  ['openai', 'openai'],
  ['Open AI', 'openai'],
  ['ChatGPT', 'openai'],
  ['chat gpt', 'openai'],
  ['minimax', 'minimax'],
  ['Mini-Max', 'minimax'],
  ['kimi', 'moonshot'],
  ['Moonshot AI', 'moonshot'],
  // Model and product names.
  ['gpt-4o', 'openai'],
  ['GPT 4o', 'openai'],
  ['o3', 'openai'],
  ['o1', 'openai'],
  ['gpt-oss-120b', 'openai'],
  ['sonnet', 'anthropic'],
  ['Opus', 'anthropic'],
  ['claude code', 'anthropic'],
  ['claude-3-opus', 'anthropic'],
  ['r1', 'deepseek'],
  ['DeepSeek-R1', 'deepseek'],
  ['deepseek v3.2', 'deepseek'],
  ['k2', 'moonshot'],
  ['Kimi K2', 'moonshot'],
  ['m1', 'minimax'],
  ['MiniMax-M1', 'minimax'],
  ['hailuo', 'minimax'],
  ['llama', 'meta'],
  ['llama 4 maverick', 'meta'],
  ['mixtral', 'mistral'],
  ['le chat', 'mistral'],
  ['rufus', 'amazon'],
  ['Amazon Rufus', 'amazon'],
  ['sagemaker', 'amazon'],
  ['gemini', 'google'],
  ['gemma 4', 'google'],
  ['vertex ai', 'google'],
  ['qwen', 'alibaba'],
  ['QwQ', 'alibaba'],
  ['glm', 'zhipu'],
  ['ChatGLM', 'zhipu'],
  ['z.ai', 'zhipu'],
  ['grok', 'xai'],
  ['ernie', 'baidu'],
  ['nemotron', 'nvidia'],
  ['NIM', 'nvidia'],
  ['azure', 'microsoft'],
  ['copilot', 'microsoft'],
  ['watsonx', 'ibm'],
  ['chatbot arena', 'lmsys'],
  ['aibrix', 'bytedance'],
  ['arctic inference', 'snowflake'],
  ['TGI', 'hugging-face'],
  ['ray serve', 'anyscale'],
  ['solar', 'upstage'],
  // Other scripts.
  ['深度求索', 'deepseek'],
  ['月之暗面', 'moonshot'],
  ['稀宇科技', 'minimax'],
  ['海螺', 'minimax'],
  ['通义千问', 'alibaba'],
  ['通義千問', 'alibaba'],
  ['阿里云', 'alibaba'],
  ['豆包', 'bytedance'],
  ['字节跳动', 'bytedance'],
  ['混元', 'tencent'],
  ['腾讯', 'tencent'],
  ['智谱', 'zhipu'],
  ['文心一言', 'baidu'],
  ['百度', 'baidu'],
  ['삼성', 'samsung'],
  ['업스테이지', 'upstage'],
  ['道客', 'daocloud'],
  // Typos of one or two characters in names of five letters or more.
  ['deepsek', 'deepseek'],
  ['deepseak', 'deepseek'],
  ['deepsk', 'deepseek'],
  ['antropic', 'anthropic'],
  ['anthopic', 'anthropic'],
  ['antrpic', 'anthropic'],
  ['minimaxx', 'minimax'],
  ['minmax', 'minimax'],
  ['opnai', 'openai'],
  ['openia', 'openai'],
  ['mistal', 'mistral'],
  ['mistrall', 'mistral'],
  ['goggle', 'google'],
  ['gemni', 'google'],
  ['nvdia', 'nvidia'],
  ['nvidea', 'nvidia'],
  ['microsft', 'microsoft'],
  ['linkdin', 'linkedin'],
  ['snowflak', 'snowflake'],
  ['bytedanse', 'bytedance'],
  ['hugingface', 'hugging-face'],
  ['databriks', 'databricks'],
  ['tencet', 'tencent'],
  ['alibba', 'alibaba'],
  ['cohre', 'cohere'],
  ['samsng', 'samsung'],
  ['robox', 'roblox'],
  ['firewoks', 'fireworks-ai'],
  ['claud', 'anthropic'],
  // Names inside a question, in several languages.
  ['does deepseek use vllm?', 'deepseek'],
  ['Nutzt DeepSeek vLLM?', 'deepseek'],
  ['¿Usa Mistral vLLM en producción?', 'mistral'],
  ['est-ce que Kimi utilise vLLM', 'moonshot'],
  ['深度求索用vLLM吗', 'deepseek'],
  ['通义千问是否使用vLLM', 'alibaba'],
  ['gemini 2.5 pro', 'google'],
  ['deepseek vs openai', '?deepseek'],
  // Honest "nothing found" providers are still found.
  ['xai', 'xai'],
  ['together ai', 'together-ai'],
  ['fireworks', 'fireworks-ai'],
  ['character.ai', 'character-ai'],
  ['thinking machines', 'thinking-machines'],
  // Noise never gets a confident answer.
  ['hello', '?'],
  ['hallo', '?'],
  ['a', '-'],
  ['x', '-'],
  ['ai', '-'],
  ['xyz', '?'],
  ['?', '-'],
  ['???', '-'],
  ['🙂', '-'],
  ['🙂🙂🙂', '-'],
  ['qwerty', '?'],
  ['asdf', '?'],
  ['lorem ipsum', '?'],
  ['banana', '?'],
  ['python', '?'],
  ['vllm', '?'],
  ['@everyone', '?'],
  ['<!channel>', '?'],
  ['<@123456789012345678>', '-'],
  ['x'.repeat(5000), '-'],
  ['deepseek '.repeat(600), 'deepseek'],
  ['\u200b\u200d\u2060', '-'],
  ['‮kees peed', '?'],
  // Empty means the overview.
  ['', '*'],
  ['   ', '*'],
];

function describeResult(r: MatchResult): string {
  switch (r.kind) {
    case 'provider':
      return r.provider.id;
    case 'ambiguous':
      return `?${r.candidates.map((c) => c.id).join(',')}`;
    case 'not-found':
      return '-';
    case 'overview':
      return '*';
  }
}

describe('matcher table', () => {
  const matcher = createMatcher(realKnowledge().providers);

  it('has at least 100 rows', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(100);
  });

  it.each(TABLE)('%j → %s', (query, expected) => {
    const result = matcher.match(query);
    const got = describeResult(result);
    if (expected === '?') {
      expect(result.kind, got).not.toBe('provider');
      expect(result.kind, got).not.toBe('overview');
    } else if (expected.startsWith('?')) {
      expect(result.kind, got).toBe('ambiguous');
      expect(got.slice(1).split(',')[0]).toBe(expected.slice(1));
    } else {
      expect(got).toBe(expected);
    }
  });

  it('answers the same way every time (the memo changes nothing)', () => {
    for (const [query] of TABLE.slice(80, 110)) {
      expect(describeResult(matcher.match(query))).toBe(describeResult(matcher.match(query)));
    }
  });
});

describe('rank (autocomplete)', () => {
  const matcher = createMatcher(realKnowledge().providers);

  it('lists every provider alphabetically for an empty query', () => {
    const all = matcher.rank('', 100).map((p) => p.name);
    expect(all).toHaveLength(realKnowledge().providers.length);
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it.each([
    ['deepsek', 'deepseek'],
    ['deep', 'deepseek'],
    ['cla', 'anthropic'],
    ['gpt-4o', 'openai'],
    ['月之', 'moonshot'],
  ])('puts %j first as %s', (query, id) => {
    expect(matcher.rank(query, 25)[0]?.id).toBe(id);
  });

  it('never returns more than asked', () => {
    expect(matcher.rank('a', 25).length).toBeLessThanOrEqual(25);
    expect(matcher.rank('', 3)).toHaveLength(3);
  });
});
