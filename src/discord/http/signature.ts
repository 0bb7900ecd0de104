import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * Discord signs every HTTP interaction with the application's Ed25519 key: the signature
 * (`X-Signature-Ed25519`, hex) covers the timestamp header followed by the raw body. Node's
 * own crypto checks it; no library needed.
 */

/** Older than this is a replay (Discord's own guidance and the Slack convention). */
export const MAX_AGE_SECONDS = 5 * 60;
/** A little clock skew is tolerated; a timestamp far in the future is not. */
export const MAX_FUTURE_SECONDS = 60;

const PUBLIC_KEY = /^[0-9a-f]{64}$/i;
const SIGNATURE = /^[0-9a-f]{128}$/i;
const TIMESTAMP = /^\d{1,12}$/;

export type SignatureProblem =
  | 'missing-signature'
  | 'missing-timestamp'
  | 'malformed-signature'
  | 'malformed-timestamp'
  | 'stale-timestamp'
  | 'future-timestamp'
  | 'bad-signature';

export type SignatureCheck = { ok: true } | { ok: false; problem: SignatureProblem };

/** The application's public key (64 hex characters, Developer Portal → General Information). */
export function discordPublicKey(hex: string): KeyObject {
  if (!PUBLIC_KEY.test(hex)) throw new Error('a Discord public key is 64 hexadecimal characters');
  const x = Buffer.from(hex, 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? undefined : value;
}

/** Checks one request; `nowSeconds` is injectable so the age rules can be tested exactly. */
export function checkSignature(
  key: KeyObject,
  headers: IncomingHttpHeaders,
  rawBody: Buffer,
  nowSeconds = Date.now() / 1000,
): SignatureCheck {
  const signature = header(headers['x-signature-ed25519']);
  const timestamp = header(headers['x-signature-timestamp']);
  if (!signature) return { ok: false, problem: 'missing-signature' };
  if (!timestamp) return { ok: false, problem: 'missing-timestamp' };
  if (!SIGNATURE.test(signature)) return { ok: false, problem: 'malformed-signature' };
  if (!TIMESTAMP.test(timestamp)) return { ok: false, problem: 'malformed-timestamp' };
  const age = nowSeconds - Number(timestamp);
  if (age > MAX_AGE_SECONDS) return { ok: false, problem: 'stale-timestamp' };
  if (age < -MAX_FUTURE_SECONDS) return { ok: false, problem: 'future-timestamp' };
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]);
  const valid = verify(null, signed, key, Buffer.from(signature, 'hex'));
  return valid ? { ok: true } : { ok: false, problem: 'bad-signature' };
}
