import { loadKnowledge } from '../src/core/load-knowledge.js';
import { renderAnswer } from '../src/discord/render.js';
import { renderAnswer as slackRender } from '../src/slack/render.js';
import { WORKLOAD } from './workload.js';
import { parseLanguage } from '../src/discord/language-option.js';
const k = loadKnowledge();
const byKind = new Map<string, { n: number; ask: number; render: number; slack: number; json: number }>();
for (let pass = 0; pass < 3; pass++) {
  for (const [kk] of byKind) byKind.set(kk, { n: 0, ask: 0, render: 0, slack: 0, json: 0 });
  for (const a of WORKLOAD) {
    let t = performance.now();
    const ans = k.ask(a.query, a.locale);
    const tAsk = performance.now() - t;
    t = performance.now();
    const m = renderAnswer(ans, { catalog: k.catalog, private: a.private });
    const tRender = performance.now() - t;
    t = performance.now();
    slackRender(ans, k.catalog, 'private');
    const tSlack = performance.now() - t;
    t = performance.now();
    JSON.stringify(m);
    const tJson = performance.now() - t;
    const e = byKind.get(ans.kind) ?? { n: 0, ask: 0, render: 0, slack: 0, json: 0 };
    e.n++; e.ask += tAsk; e.render += tRender; e.slack += tSlack; e.json += tJson;
    byKind.set(ans.kind, e);
  }
}
for (const [kind, e] of byKind) console.log(kind.padEnd(10), e.n, 'ask', (e.ask / e.n * 1000).toFixed(1), 'µs render', (e.render / e.n * 1000).toFixed(1), 'µs slack', (e.slack / e.n * 1000).toFixed(1), 'json', (e.json/e.n*1000).toFixed(1));
let t = performance.now();
for (let i = 0; i < 10000; i++) parseLanguage(k.catalog, 'Deutsch');
console.log('parseLanguage Deutsch', ((performance.now() - t) / 10).toFixed(1), 'µs');
t = performance.now();
for (let i = 0; i < 10000; i++) parseLanguage(k.catalog, 'klingon');
console.log('parseLanguage klingon', ((performance.now() - t) / 10).toFixed(1), 'µs');
