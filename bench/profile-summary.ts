/**
 * Summarises a V8 .cpuprofile (from `bench/run.ts --cpu-prof`): where the sampled time went,
 * by package or project file and by function, self and total (inclusive).
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [after-ms=0]
 * `after-ms` skips the samples of the first milliseconds (start-up, module loading).
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

function where(url: string): string {
  if (!url) return '(native/v8)';
  const path = url.replace(/^file:\/\//, '');
  const pkg = path.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  if (path.startsWith('node:')) return path;
  const project = path.match(/\/(src|bench|tests)\/(.*)$/);
  return project ? `${project[1]}/${project[2]}` : path;
}

const [file, topArg, afterArg] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [top] [after-ms]\n');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const afterMs = Number(afterArg ?? 0);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map<number, number>();
let t = 0;
let total = 0;
for (const [i, id] of profile.samples.entries()) {
  t += profile.timeDeltas[i]! / 1000;
  if (t < afterMs) continue;
  const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]!) / 1000;
  self.set(id, (self.get(id) ?? 0) + ms);
  total += ms;
}

const label = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const selfByFn = new Map<string, number>();
const selfByPlace = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, ms] of self) {
  const node = byId.get(id)!;
  selfByFn.set(label(node), (selfByFn.get(label(node)) ?? 0) + ms);
  const place = node.callFrame.url ? where(node.callFrame.url) : node.callFrame.functionName;
  selfByPlace.set(place, (selfByPlace.get(place) ?? 0) + ms);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const key = label(byId.get(cur)!);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + ms);
  }
}

const show = (title: string, map: Map<string, number>) => {
  process.stdout.write(`\n${title}\n`);
  for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    process.stdout.write(
      `${ms.toFixed(0).padStart(7)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${key}\n`,
    );
  }
};
process.stdout.write(`${file}: ${total.toFixed(0)} ms sampled after ${afterMs} ms\n`);
show('self time by package / file', selfByPlace);
show('self time by function', selfByFn);
show('total (inclusive) time by function', inclusive);
