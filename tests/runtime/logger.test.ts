import { describe, expect, it } from 'vitest';
import { scrub } from '../../src/runtime/logger.js';
import { createTestContext } from '../helpers/context.js';

describe('logger redaction', () => {
  it('redacts secret fields, secrets inside text, and interaction tokens in URLs', () => {
    const secret = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.discord-bot-token';
    const { ctx, rawLogs } = createTestContext({ secrets: [secret] });
    ctx.logger.info({ config: { discord: { token: secret } } }, 'config');
    ctx.logger.info(
      { token: 'interaction-token', headers: { authorization: `Bot ${secret}` } },
      'request',
    );
    ctx.logger.error(
      {
        err: new Error(
          `401 on https://discord.com/api/v10/webhooks/123/${'a'.repeat(60)}/messages/@original with ${secret}`,
        ),
      },
      'failed',
    );
    ctx.logger.warn(`slack said invalid_auth for xoxb-1234567890-abcdef and xapp-1-A111-222`);
    const text = rawLogs.join('');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('interaction-token');
    expect(text).not.toContain('a'.repeat(60));
    expect(text).not.toContain('xoxb-1234567890');
    expect(text).not.toContain('xapp-1-A111');
    expect(text.match(/\[Redacted\]/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('scrub leaves ordinary text alone', () => {
    expect(scrub('answered deepseek in 3 ms', ['secret-value'])).toBe('answered deepseek in 3 ms');
  });

  it('logs one line per request with platform, outcome, provider, locale and ms, and the query only at debug', () => {
    const { ctx, logs } = createTestContext();
    ctx.record({
      platform: 'cli',
      outcome: 'found',
      providerId: 'deepseek',
      locale: 'de',
      query: 'deepsek',
      startedAt: performance.now(),
    });
    const info = logs.filter((l) => l.msg === 'answered');
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({
      platform: 'cli',
      outcome: 'found',
      provider: 'deepseek',
      locale: 'de',
    });
    expect(typeof info[0]!.ms).toBe('number');
    expect(info[0]).not.toHaveProperty('query');
    expect(logs.find((l) => l.msg === 'query')).toMatchObject({ level: 20, query: 'deepsek' });
  });
});
