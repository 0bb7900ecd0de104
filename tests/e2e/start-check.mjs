// Starts the bot as an operator would (Slack HTTP mode against a tiny local Slack API),
// waits until /readyz is 200, runs the Docker HEALTHCHECK command, reloads the dataset on SIGHUP
// (a good file is taken, a broken one refused), then sends SIGTERM twice
// (as `npm start` does) and expects exit 0 within 10 s with no secret in the output.
// Plain JavaScript so it also runs in the image's production-only install.
//   usage: node tests/e2e/start-check.mjs <cwd> <command> [args...]
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [cwd, command, ...args] = process.argv.slice(2);
if (!cwd || !command) {
  console.error('usage: node start-check.mjs <cwd> <command> [args...]');
  process.exit(2);
}

const BOT_TOKEN = 'xoxb-start-check-0000000000-secret';
const SIGNING_SECRET = 'start-check-signing-secret-123456';

function listen(server) {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(server.address().port)),
  );
}

async function freePort() {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const slackApi = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        ok: true,
        url: 'https://example.slack.com/',
        team: 'T',
        user: 'bot',
        team_id: 'T1',
        user_id: 'U1',
        bot_id: 'B1',
      }),
    );
  });
});
const apiPort = await listen(slackApi);
// A copy of the dataset the check can rewrite, to see SIGHUP reloads from outside, and a
// state folder of its own.
const work = mkdtempSync(join(tmpdir(), 'start-check-'));
const dataDir = join(work, 'data');
cpSync(join(cwd, 'data'), dataDir, { recursive: true });
const providerFile = join(dataDir, 'providers', 'deepseek.yaml');
const original = readFileSync(providerFile, 'utf8');
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
const slackPort = await freePort();
const healthPort = await freePort();

const child = spawn(command, args, {
  cwd,
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `http://127.0.0.1:${apiPort}/api/`,
    SLACK_PORT: String(slackPort),
    HEALTH_PORT: String(healthPort),
    LOG_LEVEL: 'debug',
    DATA_DIR: dataDir,
    STATE_DIR: join(work, 'state'),
    WATCH_PROVIDERS_FILE: '0',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (d) => (output += d));
child.stderr.on('data', (d) => (output += d));
const exited = new Promise((resolve) =>
  child.on('exit', (code, signal) => resolve({ code, signal })),
);

function fail(message) {
  console.error(`start check failed: ${message}\n--- bot output ---\n${output}`);
  child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
  process.exit(1);
}

const base = `http://127.0.0.1:${healthPort}`;
const deadline = Date.now() + 30_000;
let ready = false;
while (!ready && Date.now() < deadline) {
  ready = await fetch(`${base}/readyz`).then(
    (r) => r.status === 200,
    () => false,
  );
  if (!ready) await new Promise((r) => setTimeout(r, 100));
}
if (!ready) fail('/readyz never answered 200');

// The HEALTHCHECK command of the Dockerfile, run as Docker would.
const probe = spawn(process.execPath, ['scripts/healthcheck.mjs'], {
  cwd,
  env: { PATH: process.env.PATH, HEALTH_PORT: String(healthPort) },
  stdio: 'ignore',
});
const probeCode = await new Promise((resolve) => probe.on('exit', resolve));
if (probeCode !== 0) fail(`the health check command exited ${probeCode}`);

const metrics = await (await fetch(`${base}/metrics`)).text();
if (!metrics.includes('vllm_bot_dataset_info{')) fail('/metrics lacks vllm_bot_dataset_info');

async function metricsText() {
  return (await fetch(`${base}/metrics`)).text();
}

async function waitForMetric(fragment, what) {
  const until = Date.now() + 5_000;
  while (!(await metricsText()).includes(fragment)) {
    if (Date.now() > until) fail(`no ${what} after SIGHUP`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const versionNow = async () =>
  /vllm_bot_dataset_info\{version="([^"]+)"/.exec(await metricsText())?.[1];
const first = await versionNow();
writeFileSync(providerFile, original.replace(/^name: .*$/m, 'name: DeepSeek Start Check'));
child.kill('SIGHUP');
await waitForMetric('vllm_bot_dataset_reloads_total{result="loaded"} 2', 'new dataset version');
const second = await versionNow();
if (!second || second === first) fail(`the dataset version did not change (${first})`);
writeFileSync(providerFile, 'id: deepseek\nname: [broken\n');
child.kill('SIGHUP');
await waitForMetric('vllm_bot_dataset_reloads_total{result="rejected"} 1', 'rejected reload');
if ((await versionNow()) !== second) fail('a rejected file replaced the last good data');

const stopAt = Date.now();
child.kill('SIGTERM');
child.kill('SIGTERM');
const timer = setTimeout(() => fail('did not exit within 10 s of SIGTERM'), 10_000);
const { code, signal } = await exited;
clearTimeout(timer);
slackApi.close();
if (code !== 0) fail(`exit code ${code} (signal ${signal})`);
if (output.includes(BOT_TOKEN) || output.includes(SIGNING_SECRET))
  fail('a secret appeared in the output');
if (!output.includes('"stopped"')) fail('no "stopped" log line');
rmSync(work, { recursive: true, force: true });
console.log(`start check passed: ready, healthy, stopped with exit 0 in ${Date.now() - stopAt} ms`);
