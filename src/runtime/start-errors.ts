/** Why a platform did not start: the operator's next step differs for each. */
export type StartFailureReason =
  /** The network never reached the platform (DNS, refused connection, timeout): not the token. */
  | 'unreachable'
  /** The platform answered and said no (invalid token, 401, gateway close 4004). */
  | 'refused'
  /** Anything else, e.g. a port already in use. */
  | 'failed';

/** A platform start failure, with the one human sentence that explains it. */
export class PlatformStartError extends Error {
  readonly platform: string;
  readonly reason: StartFailureReason;
  readonly code: string | undefined;
  constructor(
    platform: string,
    reason: StartFailureReason,
    message: string,
    options: { cause?: unknown; code?: string } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'PlatformStartError';
    this.platform = platform;
    this.reason = reason;
    this.code = options.code;
  }
}

/** Error codes that mean the request never reached a server that could judge the token. */
const NETWORK_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
]);

/**
 * The network error code somewhere down an error's causes, e.g. "ENOTFOUND nohost.example"
 * (with the host when known). Slack's WebClient keeps the cause in `original`, fetch in `cause`.
 */
export function networkFailure(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && typeof current === 'object' && current !== null; depth++) {
    const e = current as { code?: unknown; hostname?: unknown; name?: unknown };
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) {
      return typeof e.hostname === 'string' ? `${e.code} ${e.hostname}` : e.code;
    }
    if (e.name === 'TimeoutError') return 'ETIMEDOUT';
    const next = current as { cause?: unknown; original?: unknown };
    current = next.cause ?? next.original;
  }
  return undefined;
}
