/**
 * Summarises a V8 .cpuprofile (from `bench/run.ts --cpu-prof`): where the sampled time went,
 * by package or project file and by function, self and total (inclusive).
 *   node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25] [after-ms=0]
 *   node --import tsx bench/profile-summary.ts <ours.cpuprofile> --vs <floor.cpuprofile> [top]
 * `after-ms` skips the samples of the first milliseconds (start-up, module loading). `--vs`
 * puts two profiles of the same load side by side (bench/run.ts --cpu-prof profiles each
 * process over the same 16-in-flight requests), sorted by what the first spends more.
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

interface Summary {
  total: number;
  byPlace: Map<string, number>;
  byFn: Map<string, number>;
  inclusive: Map<string, number>;
}

function summarise(file: string, afterMs: number): Summary {
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
  const out: Summary = { total, byPlace: new Map(), byFn: new Map(), inclusive: new Map() };
  const add = (map: Map<string, number>, key: string, ms: number) =>
    map.set(key, (map.get(key) ?? 0) + ms);
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    add(out.byFn, label(node), ms);
    add(
      out.byPlace,
      node.callFrame.url ? where(node.callFrame.url) : node.callFrame.functionName,
      ms,
    );
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = label(byId.get(cur)!);
      if (seen.has(key)) continue;
      seen.add(key);
      add(out.inclusive, key, ms);
    }
  }
  return out;
}

const write = (line: string) => process.stdout.write(`${line}\n`);

function showOne(file: string, top: number, afterMs: number): void {
  const s = summarise(file, afterMs);
  const show = (title: string, map: Map<string, number>) => {
    write(`\n${title}`);
    for (const [key, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      write(
        `${ms.toFixed(0).padStart(7)} ms ${((ms / s.total) * 100).toFixed(1).padStart(5)} %  ${key}`,
      );
    }
  };
  write(`${file}: ${s.total.toFixed(0)} ms sampled after ${afterMs} ms`);
  show('self time by package / file', s.byPlace);
  show('self time by function', s.byFn);
  show('total (inclusive) time by function', s.inclusive);
}

function showBoth(ours: string, floor: string, top: number): void {
  const a = summarise(ours, 0);
  const b = summarise(floor, 0);
  const busy = (s: Summary) => s.total - (s.byPlace.get('(idle)') ?? 0);
  write(`busy: ${busy(a).toFixed(0)} ms (${ours}) vs ${busy(b).toFixed(0)} ms (${floor})`);
  const show = (title: string, x: Map<string, number>, y: Map<string, number>) => {
    write(`\n${title}: first, second, difference (ms)`);
    const keys = new Set([...x.keys(), ...y.keys()]);
    const rows = [...keys].map((k) => [k, x.get(k) ?? 0, y.get(k) ?? 0] as const);
    rows.sort((r, q) => q[1] - q[2] - (r[1] - r[2]));
    for (const [key, p, q] of rows.filter((r) => r[0] !== '(idle)').slice(0, top)) {
      write(
        `${p.toFixed(0).padStart(7)} ${q.toFixed(0).padStart(7)} ${(p - q).toFixed(0).padStart(7)}  ${key}`,
      );
    }
  };
  show('self time by package / file', a.byPlace, b.byPlace);
  show('self time by function', a.byFn, b.byFn);
  show('total (inclusive) time by function', a.inclusive, b.inclusive);
}

const args = process.argv.slice(2);
const vs = args.indexOf('--vs');
if (vs === 1 && args[0] && args[2]) {
  showBoth(args[0], args[2], Number(args[3] ?? 25));
} else if (args[0] && vs === -1) {
  showOne(args[0], Number(args[1] ?? 25), Number(args[2] ?? 0));
} else {
  process.stderr.write(
    'usage: profile-summary.ts <file.cpuprofile> [top] [after-ms]\n' +
      '       profile-summary.ts <ours.cpuprofile> --vs <floor.cpuprofile> [top]\n',
  );
  process.exit(2);
}
