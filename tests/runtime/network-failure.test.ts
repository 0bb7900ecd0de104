import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { networkFailure } from '../../src/runtime/start-errors.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('networkFailure', () => {
  it('finds ECONNREFUSED under a real fetch failure', async () => {
    const error = await fetch(`http://127.0.0.1:${await closedPort()}/`).catch((e: unknown) => e);
    expect(networkFailure(error)).toBe('ECONNREFUSED');
  });

  it('names the host of a DNS failure, also inside Slack’s `original` wrapper', () => {
    // The shape Node gives a getaddrinfo failure, wrapped as Slack's WebClient wraps it.
    const dns = Object.assign(new Error('getaddrinfo ENOTFOUND slack.example'), {
      code: 'ENOTFOUND',
      hostname: 'slack.example',
    });
    const fetchFailed = new TypeError('fetch failed', { cause: dns });
    const slack = Object.assign(new Error('A request error occurred'), {
      code: 'slack_webapi_request_error',
      original: fetchFailed,
    });
    expect(networkFailure(slack)).toBe('ENOTFOUND slack.example');
  });

  it('calls a timeout a network failure, and an answer from the platform not', () => {
    expect(networkFailure(new DOMException('timed out', 'TimeoutError'))).toBe('ETIMEDOUT');
    const refused = Object.assign(new Error('An API error occurred: invalid_auth'), {
      code: 'slack_webapi_platform_error',
    });
    expect(networkFailure(refused)).toBeUndefined();
    expect(networkFailure('not an error')).toBeUndefined();
  });
});
