import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
const edit = (id, fn) => {
  const file = `data/providers/${id}.yaml`;
  const doc = parseDocument(readFileSync(file, 'utf8'));
  fn(doc);
  writeFileSync(file, doc.toString({ lineWidth: 100 }));
};
const move = (doc, names, finding) => {
  const aliases = doc.get('aliases');
  const keep = aliases.items.filter((n) => !names.includes(n.value));
  aliases.items = keep;
  const f = doc.getIn(['findings', finding]);
  f.set('aliases', doc.createNode(names));
  // put aliases right after subject/status
  const pairs = f.items; const i = pairs.findIndex((p) => p.key.value === 'aliases'); const [p] = pairs.splice(i, 1);
  const at = pairs.findIndex((p) => p.key.value === 'summary'); pairs.splice(at, 0, p);
};
const drop = (doc, names) => { const a = doc.get('aliases'); a.items = a.items.filter((n) => !names.includes(n.value)); };
const add = (doc, names) => { for (const n of names) doc.get('aliases').add(n); };
edit('openai', (d) => move(d, ['gpt-oss', 'gpt-oss-20b', 'gpt-oss-120b'], 1));
edit('alibaba', (d) => { move(d, ['qwq', 'qwen3', 'qwen3-next', 'qwen3.5'], 1); move(d, ['bladellm', 'funmodel', 'alibaba pai'], 2); });
edit('deepseek', (d) => move(d, ['deepseek-r1', 'r1', 'deepseek-r1-0528', 'deepseek-v3', 'deepseek-v3.1', 'deepseek-v3.2', 'deepseek-v3.2-exp', 'deepseek-v4', 'deepseek-v2', 'deepseek-coder', 'janus-pro'], 1));
edit('moonshot', (d) => move(d, ['kimi k2', 'k2', 'kimi-k2-instruct', 'kimi-k2-base', 'kimi-k2-thinking', 'kimi k2.5', 'kimi k3'], 1));
edit('minimax', (d) => { drop(d, ['m1', 'm2']); move(d, ['minimax-m1', 'minimax-m2', 'minimax-m2.1', 'minimax-m2.5', 'minimax-m2.7', 'minimax m3', 'minimax-text-01', 'minimax-vl-01'], 1); });
edit('mistral', (d) => move(d, ['mixtral', 'pixtral', 'voxtral', 'codestral', 'magistral', 'devstral'], 1));
edit('zhipu', (d) => move(d, ['glm-4.5', 'glm-4.5v', 'glm-4.7', 'glm-5', 'glm-5.2'], 1));
edit('tencent', (d) => move(d, ['hunyuan-a13b', 'hy3'], 1));
edit('google', (d) => move(d, ['gemma', 'gemma 3', 'gemma 4'], 1));
edit('hugging-face', (d) => drop(d, ['tgi', 'text-generation-inference']));
edit('nvidia', (d) => add(d, ['dynamo']));
edit('red-hat', (d) => add(d, ['neural magic']));
edit('baidu', (d) => {
  d.get('findings').add(d.createNode({
    status: 'contributor',
    subject: 'vLLM-Kunlun hardware plugin',
    aliases: ['kunlun', 'kunlunxin', '昆仑芯', 'vllm-kunlun'],
    summary: 'Baidu publishes vLLM-Kunlun, a community-maintained plugin that runs vLLM on Kunlun XPU accelerators.',
    details: 'Baidu\'s vLLM-Kunlun repository, first released in December 2025, describes itself as a community-maintained hardware plugin designed to run vLLM on the Kunlun XPU, and thanks the KunLunXin team for XPU resources. This is a contribution to the vLLM ecosystem; it does not say which engine serves ERNIE in production.',
    sources: [{ title: 'vLLM-Kunlun README', url: 'https://github.com/baidu/vLLM-Kunlun/blob/main/README.md', publisher: 'Baidu', date: '2025-12', primary: true }],
  }));
  const f0 = d.getIn(['findings', 0]);
  if (!f0.get('subject')) { f0.set('subject', 'ERNIE serving'); const pairs = f0.items; const [p] = pairs.splice(pairs.length - 1, 1); pairs.splice(1, 0, p); }
  d.set('reviewed', '2026-12-06');
});
for (const id of ['openai','alibaba','deepseek','moonshot','minimax','mistral','zhipu','tencent','google','hugging-face','nvidia','red-hat']) edit(id, (d) => d.set('reviewed', '2026-12-06'));
console.log('ok');
