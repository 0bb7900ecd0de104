import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  checkSignature,
  discordPublicKey,
  MAX_AGE_SECONDS,
  MAX_FUTURE_SECONDS,
} from '../../../src/discord/http/signature.js';

/** A test application key pair, its public half in the Developer Portal's hex form. */
function application() {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const hex = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('hex');
  return { privateKey, hex };
}

const { privateKey, hex } = application();
const key = discordPublicKey(hex);
const NOW = 1_800_000_000;
const body = Buffer.from('{"type":1,"id":"1","token":"t"}');

function headers(timestamp: number | string = NOW, payload = body, signer = privateKey) {
  const signature = sign(null, Buffer.concat([Buffer.from(String(timestamp)), payload]), signer);
  return {
    'x-signature-ed25519': signature.toString('hex'),
    'x-signature-timestamp': String(timestamp),
  };
}

describe('Discord request signatures', () => {
  it('accepts a request signed by the application key over timestamp + raw body', () => {
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(checkSignature(key, headers(), body, NOW)).toEqual({ ok: true });
    // Upper-case hex is the same key and the same signature.
    const upper = headers();
    upper['x-signature-ed25519'] = upper['x-signature-ed25519'].toUpperCase();
    expect(checkSignature(discordPublicKey(hex.toUpperCase()), upper, body, NOW).ok).toBe(true);
  });

  it('rejects a changed body, a changed timestamp and another key’s signature', () => {
    const changed = Buffer.from('{"type":1,"id":"2","token":"t"}');
    expect(checkSignature(key, headers(), changed, NOW)).toEqual({
      ok: false,
      problem: 'bad-signature',
    });
    const moved = { ...headers(), 'x-signature-timestamp': String(NOW - 1) };
    expect(checkSignature(key, moved, body, NOW)).toMatchObject({ problem: 'bad-signature' });
    const other = application();
    expect(checkSignature(key, headers(NOW, body, other.privateKey), body, NOW)).toMatchObject({
      problem: 'bad-signature',
    });
  });

  it('rejects missing headers and malformed values before any crypto', () => {
    const good = headers();
    expect(checkSignature(key, { ...good, 'x-signature-ed25519': undefined }, body, NOW)).toEqual({
      ok: false,
      problem: 'missing-signature',
    });
    expect(
      checkSignature(key, { ...good, 'x-signature-timestamp': undefined }, body, NOW),
    ).toMatchObject({ problem: 'missing-timestamp' });
    for (const signature of [
      'zz'.repeat(64),
      'ab'.repeat(63),
      `${good['x-signature-ed25519']}00`,
    ]) {
      expect(
        checkSignature(key, { ...good, 'x-signature-ed25519': signature }, body, NOW),
      ).toMatchObject({ problem: 'malformed-signature' });
    }
    for (const timestamp of ['', ' 1', '1.5', '-3', 'yesterday']) {
      const h = { ...headers(timestamp), 'x-signature-timestamp': timestamp };
      const result = checkSignature(key, h, body, NOW);
      expect(result.ok).toBe(false);
      expect(['malformed-timestamp', 'missing-timestamp']).toContain(
        (result as { problem: string }).problem,
      );
    }
  });

  it('rejects timestamps older than 5 minutes or more than a minute ahead, at the boundary', () => {
    expect(checkSignature(key, headers(NOW - MAX_AGE_SECONDS), body, NOW).ok).toBe(true);
    expect(checkSignature(key, headers(NOW - MAX_AGE_SECONDS - 1), body, NOW)).toMatchObject({
      problem: 'stale-timestamp',
    });
    expect(checkSignature(key, headers(NOW + MAX_FUTURE_SECONDS), body, NOW).ok).toBe(true);
    expect(checkSignature(key, headers(NOW + MAX_FUTURE_SECONDS + 1), body, NOW)).toMatchObject({
      problem: 'future-timestamp',
    });
    expect(MAX_AGE_SECONDS).toBe(300);
  });

  it('refuses a public key that is not 64 hex characters', () => {
    for (const bad of ['', 'ab'.repeat(31), 'ab'.repeat(33), 'g'.repeat(64)]) {
      expect(() => discordPublicKey(bad)).toThrow(/64 hexadecimal characters/);
    }
  });
});
