import type { PostgresPool } from 'kysely';
import pg from 'pg';
import type { Logger } from '../../core/ports.ts';
import { guardPostgresPool } from './guard-postgres-pool.ts';

export interface PostgresPoolOptions {
  readonly url: string;
  /** Schema to put first on each connection's search path (tests isolate themselves this way). */
  readonly schema?: string;
  readonly maxConnections?: number;
  /** Bound on connecting, and on waiting for a free connection (default 2000 ms). */
  readonly connectTimeoutMs?: number;
  /** `statement_timeout`, and how long a statement may go unanswered (default 5000 ms; 0: unbounded). */
  readonly statementTimeoutMs?: number;
  /** Callers that may wait for a busy pool before being refused at once (default 200). */
  readonly maxWaiting?: number;
  /** Hears of every connection the database or the network closed under the pool. */
  readonly logger?: Logger;
  /** See `PoolGuardOptions.namedStatements`. */
  readonly namedStatements?: ReadonlyMap<string, string>;
}

/**
 * Extra time the client waits beyond `statement_timeout` before giving up on an answer: a slow
 * statement is cancelled by the server (the connection stays usable); only a server or network
 * that does not answer at all reaches the client-side timeout (the connection is replaced).
 */
const ANSWER_MARGIN_MS = 250;

const INT8_OID = 20;
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * int8 (timestamps in ms, counters) arrives as text; within the safe-integer range it becomes a
 * number, and beyond it the query fails rather than silently losing precision.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError('int8 value outside the safe integer range');
  return value;
}

/**
 * A pool whose type parsing is its own (pg's global parsers are left untouched), bounded in
 * time and queue, and which survives the database closing its connections (a restart, a
 * failover, `pg_terminate_backend`): an idle client's error is logged and counted and the pool
 * replaces the client on next use, instead of an unhandled `error` ending the process.
 */
export function createPostgresPool(options: PostgresPoolOptions): PostgresPool {
  if (options.schema !== undefined && !IDENTIFIER.test(options.schema)) {
    throw new Error('postgres schema must be a lower-case SQL identifier');
  }
  const getTypeParser: typeof pg.types.getTypeParser = (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format);
  const statementTimeoutMs = options.statementTimeoutMs ?? 5000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    types: { getTypeParser },
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2000,
    // Startup parameters, so they hold whatever `options` the URL carries.
    ...(statementTimeoutMs === 0
      ? {}
      : {
          statement_timeout: statementTimeoutMs,
          // A node cut off mid-transaction must not hold row locks against the others for long.
          idle_in_transaction_session_timeout: statementTimeoutMs,
          query_timeout: statementTimeoutMs + ANSWER_MARGIN_MS,
        }),
    keepAlive: true,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  let connectionErrors = 0;
  const report = (state: string) => (error: Error): void => {
    connectionErrors += 1;
    options.logger?.warn({ err: error.message, connectionErrors }, `postgres: ${state} connection failed; it will be replaced`);
  };
  pool.on('error', report('idle'));
  return guardPostgresPool(pool, {
    maxWaiting: options.maxWaiting ?? 200,
    onClientError: report('checked-out'),
    ...(options.namedStatements === undefined ? {} : { namedStatements: options.namedStatements }),
  });
}
