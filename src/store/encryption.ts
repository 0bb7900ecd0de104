import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { StoreConfigError, StoreDecryptError } from './errors.js';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FORMAT = 'v1';

/**
 * Reads a 32-byte key written as 64 hex characters or as base64 (standard or URL-safe).
 * Returns an error message instead of throwing, so the config loader can list it.
 */
export function decodeEncryptionKey(text: string): Buffer | string {
  const value = text.trim();
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    const key = Buffer.from(value, 'base64');
    if (key.length === KEY_BYTES) return key;
  }
  return 'must be 32 bytes written as 64 hex characters or base64 (e.g. `openssl rand -base64 32`)';
}

export function parseEncryptionKey(key: string | Buffer): Buffer {
  if (Buffer.isBuffer(key)) {
    if (key.length !== KEY_BYTES) {
      throw new StoreConfigError('STATE_ENCRYPTION_KEY: the key must be 32 bytes');
    }
    return key;
  }
  const decoded = decodeEncryptionKey(key);
  if (typeof decoded === 'string') throw new StoreConfigError(`STATE_ENCRYPTION_KEY: ${decoded}`);
  return decoded;
}

/**
 * AES-256-GCM with a random 96-bit IV per value. `context` (the row's key) is bound in as
 * additional data, so a sealed value copied into another row does not open.
 */
export function seal(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, iv, tag, body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.');
}

export function unseal(key: Buffer, sealed: string, context: string): string {
  const [format, iv, tag, body] = sealed.split('.');
  if (format !== FORMAT || iv === undefined || tag === undefined || body === undefined) {
    throw new StoreDecryptError(`Stored value for ${context} is not in a format this bot can read`);
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    // GCM authentication failed: never hand back bytes decrypted with the wrong key.
    throw new StoreDecryptError(
      `Cannot decrypt the stored value for ${context}: STATE_ENCRYPTION_KEY is not the key it was saved with (or the row was altered)`,
    );
  }
}
