/**
 * Variables the deployment files set that this branch's EnvSchema does not know yet: they
 * arrive with the branches built alongside it (the database store: DATABASE_URL, STATE_DIR
 * and the key that encrypts Slack tokens at rest; Discord over HTTP interactions:
 * DISCORD_PUBLIC_KEY, DISCORD_HTTP_PORT). Once EnvSchema has them, empty this list: the test
 * below fails while a name is listed here that EnvSchema already knows, so it cannot go stale.
 */
export const PENDING_ENV = [
  'DATABASE_URL',
  'STATE_DIR',
  'STATE_ENCRYPTION_KEY',
  'DISCORD_PUBLIC_KEY',
  'DISCORD_HTTP_PORT',
] as const;
