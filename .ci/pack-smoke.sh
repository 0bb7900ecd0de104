#!/usr/bin/env bash
# The package as a stranger gets it: `npm pack`, install the tarball with production
# dependencies only into an empty folder, then run the `vllm-bot` bin from there:
# `ask` answers, `start` runs against a local fake Slack (tests/e2e/start-check.mjs), and
# LOG_PRETTY without pino-pretty is reported by the configuration check.
#
# Offline: the versions come from this repository's lock file and the tarballs from the npm
# cache that `npm ci` filled (.ci/consumer-lock.mjs). better-sqlite3's native addon is not
# compiled again (about 90 s): it is copied from this checkout's node_modules, built by
# `npm ci` for the same Node. PACK_SMOKE_COMPILE=1 compiles it as a real install would.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -f "$root/dist/src/cli/bin.js" ] || (cd "$root" && npm run build --silent)

echo "== npm pack"
tarball="$(cd "$root" && npm pack --silent --pack-destination "$work" | tail -1)"
tar -tzf "$work/$tarball" > "$work/contents"
for f in package/dist/src/cli/bin.js package/dist/src/main.js package/dist/commands/deploy.js \
  package/data/providers/deepseek.yaml package/data/translations/providers/de.po package/data/ui.yaml package/scripts/healthcheck.mjs package/README.md package/LICENSE; do
  grep -qx "$f" "$work/contents" || { echo "the tarball lacks $f"; exit 1; }
done
if grep -q '^package/\(src\|tests\|bench\)/' "$work/contents"; then
  echo "the tarball ships sources or tests"; exit 1
fi

echo "== install $tarball with --omit=dev into an empty folder"
app="$work/app"
mkdir "$app"
node "$root/.ci/consumer-lock.mjs" "$root" "$work/$tarball" "$app"
started=$SECONDS
if [ "${PACK_SMOKE_COMPILE:-0}" = 1 ]; then
  (cd "$app" && npm ci --omit=dev --offline --no-audit --no-fund --loglevel=error)
else
  (cd "$app" && npm ci --omit=dev --offline --ignore-scripts --no-audit --no-fund --loglevel=error)
  addon=node_modules/better-sqlite3/build/Release/better_sqlite3.node
  mkdir -p "$app/$(dirname "$addon")"
  cp "$root/$addon" "$app/$addon"
fi
echo "installed in $((SECONDS - started)) s"
pkg="$app/node_modules/vllm-status-bot"
bin="$app/node_modules/.bin/vllm-bot"
test ! -e "$app/node_modules/typescript" || { echo "dev dependencies were installed"; exit 1; }
test ! -e "$app/node_modules/pino-pretty" || { echo "pino-pretty was installed"; exit 1; }

echo "== vllm-bot ask deepseek (from the empty folder: data comes from the package)"
out="$(cd "$app" && env -i PATH="$PATH" HOME="$HOME" "$bin" ask deepseek)"
echo "$out" | head -1
grep -q "DeepSeek" <<<"$out" || { echo "no answer about DeepSeek"; exit 1; }
(cd "$app" && env -i PATH="$PATH" HOME="$HOME" "$bin" ask deepseek --json) |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{if(JSON.parse(s).kind!=="provider")process.exit(1)})'

echo "== vllm-bot data-check"
(cd "$app" && env -i PATH="$PATH" HOME="$HOME" "$bin" data-check > /dev/null)

echo "== LOG_PRETTY=1 without pino-pretty: refused by the configuration check"
set +e
out="$(cd "$app" && env -i PATH="$PATH" HOME="$HOME" LOG_PRETTY=1 SLACK_BOT_TOKEN=xoxb-1 \
  SLACK_SIGNING_SECRET=s "$bin" start 2>&1)"
code=$?
set -e
[ "$code" -eq 1 ] || { echo "expected exit 1, got $code: $out"; exit 1; }
grep -q "LOG_PRETTY: pino-pretty is not installed" <<<"$out" || { echo "$out"; exit 1; }

echo "== vllm-bot start against a local fake Slack: ready, healthy, reloads, stops"
(cd "$app" && env -i PATH="$PATH" HOME="$HOME" NODE_ENV=production \
  node "$root/tests/e2e/start-check.mjs" "$pkg" "$bin" start)
echo "pack smoke test passed"
