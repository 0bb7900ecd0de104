import { loadKnowledge } from '../src/core/load-knowledge.js';
const k = loadKnowledge();
for (const q of process.argv.slice(2)) {
  const a = k.ask(q, 'en-US');
  console.log(JSON.stringify(q), '→', a.kind, a.kind === 'provider' ? a.provider.id + ' [' + a.findings[0]!.status + ']' : a.kind === 'ambiguous' ? a.suggestions.map(s=>s.id).join(',') : '');
}
