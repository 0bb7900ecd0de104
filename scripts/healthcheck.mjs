// The container health check: healthy only while the bot is ready (every platform connected,
// dataset loaded). Docker's HEALTHCHECK and Kubernetes exec probes run it; exits 0 or 1.
// Plain JavaScript, no dependency: it must start fast and run in the production image.
const port = process.env.HEALTH_PORT;
if (!port) {
  process.stderr.write('healthcheck: HEALTH_PORT is not set, so there is no health server\n');
  process.exit(1);
}
// A wildcard bind address is reachable on loopback; a specific one only on itself.
const bound = process.env.HEALTH_HOST?.trim();
const host = !bound || bound === '0.0.0.0' || bound === '::' ? '127.0.0.1' : bound;
const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/readyz`;

try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  const body = await res.text();
  if (res.ok) process.exit(0);
  process.stderr.write(`healthcheck: not ready (${res.status}) ${body}`);
} catch (error) {
  process.stderr.write(`healthcheck: no answer from ${url}: ${error.message}\n`);
}
process.exit(1);
