import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetPaths } from '../core/dataset-load.js';
import { DEFAULT_DATA_DIR } from '../core/paths.js';

const USAGE = `Usage: npm run data:new -- <id> [--name "Display Name"]

Writes data/providers/<id>.yaml, a provider skeleton to fill in (see CONTRIBUTING.md).
<id>: lowercase letters, digits and single hyphens, e.g. "acme-ai".`;

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function skeleton(id: string, name: string, today: string): string {
  return `# yaml-language-server: $schema=../provider.schema.json
# Fill in every TODO, then run: npm run data:check
# Statuses: production, fork, past, offers, recommends, contributor, no-evidence, other-stack
# (see docs/dataset.md). The first finding answers for the provider's own production service.
id: ${id}
name: ${JSON.stringify(name)}
kind: provider # provider | engine | tool
aliases: [] # other names people type: products, models, other scripts
reviewed: ${today}
findings:
  - status: no-evidence
    summary: TODO one sentence, in your own words, saying no more than the sources do.
    details: >-
      TODO a short paragraph (two to four sentences): what the sources say, and what they
      do not.
    sources:
      - title: TODO the page title as published
        url: https://example.com/TODO
        publisher: TODO who published it
        # date: 2026-01-31 # when it was published (YYYY-MM-DD, YYYY-MM or YYYY); omit if undated
        primary: true # true only if the organisation itself or the vLLM project says it
`;
}

function main(argv: string[]): number {
  const [id, flag, name] = argv;
  if (!id || !ID.test(id) || id.length > 40 || (flag !== undefined && flag !== '--name')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const dataDir = process.env.DATA_DIR || DEFAULT_DATA_DIR;
  const file = join(datasetPaths(dataDir).providers, `${id}.yaml`);
  if (existsSync(file)) {
    process.stderr.write(`${file} already exists: edit it instead.\n`);
    return 1;
  }
  const today = new Date().toISOString().slice(0, 10);
  writeFileSync(file, skeleton(id, name ?? id, today));
  process.stdout.write(
    `Wrote ${file}.\nFill in the TODOs, then run \`npm run data:check\`; translators take it from there (CONTRIBUTING.md).\n`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
