import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * An id for this process as the owner of claims (pin updates, report posts): host and pid for
 * the operator reading the table, plus randomness so a restarted process with the same pid
 * is a different owner.
 */
export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}
