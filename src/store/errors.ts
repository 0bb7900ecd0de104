/**
 * Errors the store throws. Their messages are safe to show an operator as they are: no stack
 * needed to understand them and never a database password.
 */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** The database cannot be opened or reached (file not writable, server down, bad password). */
export class StoreUnavailableError extends StoreError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/** DATABASE_URL or STATE_ENCRYPTION_KEY is malformed or missing where it is needed. */
export class StoreConfigError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreConfigError';
  }
}

/** A sealed value could not be opened: wrong STATE_ENCRYPTION_KEY or tampered data. */
export class StoreDecryptError extends StoreError {
  constructor(message: string) {
    super(message);
    this.name = 'StoreDecryptError';
  }
}

/** A short, one-line reason from any thrown value (driver errors carry codes, not prose). */
export function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reasonOf(error.errors[0]);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const message = error.message.split('\n')[0] ?? '';
    if (message) return message;
    return typeof code === 'string' ? code : error.name;
  }
  return String(error);
}
