#!/usr/bin/env bash
# No Docker engine runs in CI, so this replays the Dockerfile's steps outside Docker:
# the build stage's install and build, then the runtime stage's production-only install,
# and starts the image's CMD to prove it runs without dev dependencies.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== image build stage"
mkdir -p "$work/build" "$work/runtime"
cp "$root"/package.json "$root"/package-lock.json "$root"/tsconfig.json "$root"/tsconfig.build.json "$work/build/"
cp -r "$root/src" "$root/commands" "$root/data" "$work/build/"
(cd "$work/build" && npm ci --no-audit --no-fund --loglevel=error && npm run build --silent)

echo "== image runtime stage"
cp "$root"/package.json "$root"/package-lock.json "$work/runtime/"
(cd "$work/runtime" && NODE_ENV=production npm ci --omit=dev --no-audit --no-fund --loglevel=error)
cp -r "$work/build/dist" "$root/data" "$root/scripts" "$work/runtime/"
test ! -e "$work/runtime/node_modules/typescript" || { echo "dev dependencies leaked into the runtime stage"; exit 1; }

echo "== image CMD without configuration: must explain and exit non-zero"
set +e
out="$(cd "$work/runtime" && env -i PATH="$PATH" HOME="$HOME" NODE_ENV=production node dist/src/main.js 2>&1)"
code=$?
set -e
echo "$out" | head -3
[ "$code" -ne 0 ] || { echo "expected a non-zero exit"; exit 1; }
grep -q "DISCORD_TOKEN" <<<"$out" || { echo "expected the message naming the variables"; exit 1; }

echo "== npm start on the production-only install: no compiler needed"
set +e
out="$(cd "$work/runtime" && env -i PATH="$PATH" HOME="$HOME" NODE_ENV=production npm start 2>&1)"
code=$?
set -e
[ "$code" -ne 0 ] || { echo "expected a non-zero exit"; exit 1; }
grep -q "No chat platform is configured" <<<"$out" || { echo "$out"; exit 1; }
if grep -q "tsc: not found" <<<"$out"; then echo "npm start needs the compiler"; exit 1; fi

echo "== image CMD with a platform: ready, healthy, stops cleanly on SIGTERM"
(cd "$work/runtime" && env -i PATH="$PATH" HOME="$HOME" NODE_ENV=production \
  node "$root/tests/e2e/start-check.mjs" "$work/runtime" node dist/src/main.js)
echo "image smoke test passed"
