import { DomainError } from '../../core/errors.ts';

/** Seconds a client is told to wait after the database failed it (`Retry-After`). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** Socket failures: the server is gone, refused, or unreachable. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs that say "the database cannot serve this now", not "this request is wrong":
 * class 08 (connection exception), 57014 query_canceled (our statement_timeout), 57P01–57P05
 * (admin shutdown, crash shutdown, cannot connect now, database dropped, idle session timeout),
 * 53300 too_many_connections, 25P03 idle_in_transaction_session_timeout.
 */
const UNAVAILABLE_STATES = new Set(['57014', '57P01', '57P02', '57P03', '57P04', '57P05', '53300', '25P03']);

/**
 * pg reports its own client-side failures only as message text (no code); each is kept in a
 * test (postgres-unavailable.test.ts) so a pg upgrade that rewords one fails loudly.
 */
export const PG_CLIENT_MESSAGES: readonly string[] = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];

/** Whether the failure was the connection's (the client must be discarded), not the statement's. */
export function isConnectionFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  return PG_CLIENT_MESSAGES.includes(error.message);
}

/** Whether `error` means the database is unreachable, stalled or refusing work for now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return isConnectionFailure(error) || (typeof code === 'string' && UNAVAILABLE_STATES.has(code));
}

/**
 * The DomainError a request sees when the database failed it: `service_unavailable` with
 * `Retry-After`. A write whose outcome is unknown (sent, then timed out) is reported the same
 * way: as a failure the client may retry.
 */
export function databaseUnavailable(detail: string, cause?: unknown): DomainError {
  const reason = cause instanceof Error ? `: ${cause.message}` : '';
  return new DomainError('service_unavailable', {
    detail: `postgres ${detail}${reason}`,
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    ...(cause === undefined ? {} : { cause }),
  });
}
