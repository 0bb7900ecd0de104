/**
 * Floor "same reply" over HTTP interactions: verify the signature, then answer each `/vllm`
 * with the very response body our bot returned for the same options and locale (captured by
 * the benchmark; serialized once at start, as our bot would serve a cached answer).
 */
import { replies } from './child.js';
import { serveInteractions } from './discord-http.js';

const bodies = new Map([...replies()].map(([key, body]) => [key, JSON.stringify(body)]));

serveInteractions((command) => {
  const option = (name: string) => command.data?.options?.find((o) => o.name === name)?.value;
  const key = JSON.stringify([
    command.locale,
    option('provider') ?? '',
    option('language') ?? null,
    option('private') ?? false,
  ]);
  return (
    bodies.get(key) ??
    JSON.stringify({ type: 4, data: { content: `no captured reply for ${key}` } })
  );
});
