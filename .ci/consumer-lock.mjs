// Writes package.json and package-lock.json for an empty folder that depends on the packed
// tarball, pinning every dependency to the versions of this repository's lock file, so
// `npm ci --offline` can install the tarball from the npm cache that `npm ci` filled.
//   usage: node .ci/consumer-lock.mjs <repo> <tarball> <folder>
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const [repo, tarball, folder] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8'));
const spec = `file:${relative(folder, tarball)}`;

const packages = {
  '': { dependencies: { [pkg.name]: spec } },
  [`node_modules/${pkg.name}`]: {
    version: pkg.version,
    resolved: spec,
    license: pkg.license,
    dependencies: pkg.dependencies,
    bin: pkg.bin,
    engines: pkg.engines,
  },
};
// This repository's lock omits registry URLs (omit-lockfile-registry-resolved); without them
// npm would ask the registry for metadata instead of reading the cache by integrity.
function registryUrl(path, entry) {
  const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const base = name.split('/').pop();
  return `https://registry.npmjs.org/${name}/-/${base}-${entry.version}.tgz`;
}
for (const [path, entry] of Object.entries(lock.packages)) {
  if (path === '' || entry.dev || entry.link) continue;
  packages[path] = { resolved: registryUrl(path, entry), ...entry };
}
writeFileSync(
  join(folder, 'package.json'),
  JSON.stringify({ name: 'pack-smoke', private: true, dependencies: { [pkg.name]: spec } }),
);
writeFileSync(
  join(folder, 'package-lock.json'),
  JSON.stringify({ name: 'pack-smoke', lockfileVersion: 3, requires: true, packages }, null, 2),
);
