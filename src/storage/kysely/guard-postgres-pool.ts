import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { databaseUnavailable, isConnectionFailure, isDatabaseUnavailable } from './postgres-unavailable.ts';

export interface PoolGuardOptions {
  /** Callers that may wait for a connection while every one is busy; past it, refused at once. */
  readonly maxWaiting: number;
  /** Told about each connection failure of a checked-out client (the pool reports idle ones). */
  readonly onClientError?: (error: Error) => void;
  /**
   * Statements sent as named prepared statements, by their exact text: each connection parses
   * and plans them once and then only binds and executes. For statements of fixed text and
   * result shape on the hot path only (every named statement stays prepared on its connection).
   */
  readonly namedStatements?: ReadonlyMap<string, string>;
}

/**
 * The pool as Kysely sees it, made to fail fast and heal:
 * - a caller finds the wait queue full → `service_unavailable` at once, so a stall cannot pile
 *   up unbounded work (pg's own `connectionTimeoutMillis` bounds each wait);
 * - connecting fails or times out → `service_unavailable`;
 * - a statement fails for a reason that is the database's, not the statement's (connection lost,
 *   no answer within `query_timeout`, statement_timeout, shutdown) → `service_unavailable`; when
 *   the connection itself failed the client is destroyed on release, never reused, so the next
 *   request gets a fresh connection once the database is back;
 * - a checked-out client whose socket dies between statements would emit an unhandled `error`
 *   (pg-pool listens only while a client is idle): it is listened to, and marked broken.
 * Every other error (constraint violations, …) passes through unchanged.
 */
export function guardPostgresPool(pool: pg.Pool, options: PoolGuardOptions): PostgresPool {
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let broken = false;
    const onError = (error: Error): void => {
      broken = true;
      options.onClientError?.(error);
    };
    // Listened to while checked out; removed on release, when the pool's own listener takes over.
    client.on('error', onError);
    const query = async (sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<unknown>> => {
      if (broken) throw databaseUnavailable('connection was lost');
      try {
        const name = options.namedStatements?.get(sql);
        const result = name === undefined ? await client.query(sql, parameters as unknown[]) : await client.query({ name, text: sql, values: parameters as unknown[] });
        return result as unknown as PostgresQueryResult<unknown>;
      } catch (error) {
        if (!isDatabaseUnavailable(error)) throw error;
        if (isConnectionFailure(error)) broken = true;
        throw databaseUnavailable('statement failed', error);
      }
    };
    const { processID } = client as { processID?: number };
    return {
      // Kysely cancels a statement by its backend's pid (abortable queries) when it knows it.
      ...(processID === undefined ? {} : { processID }),
      query: query as PostgresPoolClient['query'],
      release(destroy?: boolean) {
        client.off('error', onError);
        client.release(destroy === true || broken);
      },
    };
  };

  return {
    options: pool.options,
    async connect(): Promise<PostgresPoolClient> {
      const busy = pool.idleCount === 0 && pool.totalCount >= (pool.options.max ?? 10);
      if (busy && pool.waitingCount >= options.maxWaiting) throw databaseUnavailable(`wait queue full (${options.maxWaiting} waiting)`);
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw databaseUnavailable('connect failed', error);
      }
      return wrap(client);
    },
    end: () => pool.end(),
  };
}
