// Runs the commands the README shows, as shown, so they cannot go stale:
//   <!-- readme-check: example -->      a block "$ command" + output lines: each shown line
//                                       (except "…") must appear in the real output
//   <!-- readme-check: json -->         each command's stdout must parse as JSON
//   <!-- readme-check: quick-start -->  each line runs in order (bash, from the repo root) and
//                                       must exit 0; a trailing "# comment" is documentation
// It also keeps the README at most 200 lines.
//   usage: node .ci/readme-check.mjs [example|json|quick-start ...]   (default: all three)
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
// The README is what a newcomer reads first: the rest belongs in docs/.
const MAX_README_LINES = 200;
const wanted = process.argv.slice(2);
const kinds = wanted.length > 0 ? wanted : ['example', 'json', 'quick-start'];

/** The fenced block right after each `<!-- readme-check: kind -->` marker, as lines. */
function blocks(kind) {
  const marker = new RegExp(
    `<!-- readme-check: ${kind} -->\\s*\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``,
    'g',
  );
  const found = [...readme.matchAll(marker)].map((m) => m[1].split('\n'));
  if (found.length === 0) fail(`README.md has no "readme-check: ${kind}" block`);
  return found;
}

function fail(message) {
  console.error(`readme check failed: ${message}`);
  process.exit(1);
}

const capture = (command) =>
  execFileSync('bash', ['-c', command], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });

const lineCount = readme.trimEnd().split('\n').length;
if (lineCount > MAX_README_LINES) {
  fail(
    `README.md has ${lineCount} lines; keep it to ${MAX_README_LINES} and move the rest to docs/`,
  );
}

for (const kind of kinds) {
  for (const lines of blocks(kind)) {
    if (kind === 'example') {
      const [first, ...shown] = lines;
      if (!first?.startsWith('$ ')) fail(`an example block must start with "$ ": ${first}`);
      const command = first.slice(2);
      console.log(`== README example: ${command}`);
      const output = capture(command);
      for (const line of shown.filter((l) => l.trim() !== '…' && l.trim() !== '')) {
        if (!output.includes(line)) fail(`"${command}" no longer prints: ${line}`);
      }
    } else if (kind === 'json') {
      for (const command of lines.filter((l) => l.trim())) {
        console.log(`== README JSON: ${command}`);
        try {
          JSON.parse(capture(command));
        } catch (error) {
          fail(`"${command}" did not print pure JSON: ${error.message}`);
        }
      }
    } else if (kind === 'quick-start') {
      for (const line of lines) {
        const command = line.replace(/\s+#.*$/, '').trim();
        if (!command) continue;
        console.log(`== README quick start: ${command}`);
        const r = spawnSync('bash', ['-c', command], { cwd: root, stdio: 'inherit' });
        if (r.status !== 0) fail(`"${command}" exited ${r.status ?? r.signal}`);
      }
    } else {
      fail(`unknown kind ${kind}`);
    }
  }
}
console.log(`README commands work as shown (${kinds.join(', ')})`);
