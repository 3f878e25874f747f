import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './database.ts';
import type { OpenedSqliteDatabase } from './sqlite-database.ts';

/**
 * How the login path's compiled queries run (precompiled.ts). Through Kysely on PostgreSQL; on
 * SQLite, directly on the connection, because Kysely's per-query machinery (connection mutex,
 * several awaits) costs more than SQLite's own work for a keyed read, and because one commit per
 * write is what a login spends most of its storage time on.
 */
export interface HotPathExecutor {
  /**
   * Whether the writes handed over during one turn of the event loop commit together. When they
   * do, callers need no group commit of their own (the audit log's multi-row insert).
   */
  readonly batchesWrites: boolean;
  execute<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
  /**
   * With batched writes only: `first`, then `second` in the same transaction exactly when `first`
   * changed one row; both or neither. Answers with `first`'s result. (An engine without batched
   * writes does this in one statement of its own, a data-modifying CTE.)
   */
  executeIfChanged?(first: CompiledQuery, second: CompiledQuery): Promise<QueryResult<never>>;
  /** Writes what is queued and waits for it; later calls are refused. Before the database closes. */
  close(): Promise<void>;
}

export function kyselyHotPathExecutor(db: Kysely<Database>): HotPathExecutor {
  return { batchesWrites: false, execute: (query) => db.executeQuery(query), close: async () => {} };
}

interface QueuedWrite {
  readonly query: CompiledQuery;
  /** Run after `query`, in its savepoint, when `query` changed exactly one row. */
  readonly then?: CompiledQuery;
  readonly resolve: (result: QueryResult<never>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * SQLite: node:sqlite is synchronous and Kysely serializes everything on its one connection, so
 * the only state to respect is an open Kysely transaction (`BEGIN` … awaits … `COMMIT`).
 *
 * - Reads run at once when no transaction is open; otherwise they queue behind it through Kysely,
 *   so they never see another caller's uncommitted rows.
 * - Writes handed over in one turn are written in one transaction, each statement on its own
 *   (SQLite undoes a failed statement and keeps the transaction), and every caller's promise
 *   settles only after `COMMIT`: nobody is told "stored" before the row is durable, and a failed
 *   statement fails only its own caller. If the whole transaction fails, every caller fails.
 *   When a Kysely transaction is open at flush time, the batch waits for Kysely's connection.
 *
 * So a hot-path query must not be awaited inside `db.transaction()`: it would wait for the very
 * transaction that waits for it.
 */
export function sqliteHotPathExecutor(db: Kysely<Database>, sqlite: OpenedSqliteDatabase, maxBatch = 500): HotPathExecutor {
  const pending: QueuedWrite[] = [];
  let scheduled = false;

  let closed = false;
  /** Batches waiting for Kysely's connection, so close() can wait for them. */
  const deferred = new Set<Promise<void>>();

  const writeBatch = (batch: readonly QueuedWrite[]): void => {
    const failAll = (error: unknown): void => batch.forEach((w) => w.reject(error));
    try {
      sqlite.exec('BEGIN IMMEDIATE');
    } catch (error) {
      failAll(error);
      return;
    }
    const outcomes: ({ ok: true; result: QueryResult<never> } | { ok: false; error: unknown })[] = [];
    const run = (query: CompiledQuery): QueryResult<never> => {
      const { changes, lastInsertRowid } = sqlite.prepare(query.sql).run(query.parameters);
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
    };
    for (const write of batch) {
      try {
        if (write.then === undefined) {
          outcomes.push({ ok: true, result: run(write.query) });
          continue;
        }
        // A pair commits whole or not at all: the savepoint undoes the first if the second fails.
        sqlite.exec('SAVEPOINT hot_path_pair');
        try {
          const first = run(write.query);
          if (first.numAffectedRows === 1n) run(write.then);
          sqlite.exec('RELEASE hot_path_pair');
          outcomes.push({ ok: true, result: first });
        } catch (error) {
          if (sqlite.inTransaction) {
            sqlite.exec('ROLLBACK TO hot_path_pair');
            sqlite.exec('RELEASE hot_path_pair');
          }
          throw error;
        }
      } catch (error) {
        // Some failures (a full disk, say) end the whole transaction, not just the statement.
        if (!sqlite.inTransaction) {
          failAll(error);
          return;
        }
        outcomes.push({ ok: false, error });
      }
    }
    try {
      sqlite.exec('COMMIT');
    } catch (error) {
      try {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      } finally {
        failAll(error);
      }
      return;
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i] as (typeof outcomes)[number];
      if (outcome.ok) write.resolve(outcome.result);
      else write.reject(outcome.error);
    });
  };

  const flush = (): void => {
    const batch = pending.splice(0, maxBatch);
    scheduled = pending.length > 0;
    if (scheduled) setImmediate(flush);
    if (batch.length === 0) return;
    try {
      if (!sqlite.inTransaction) {
        writeBatch(batch);
        return;
      }
    } catch (error) {
      // The connection itself failed (closed under us, say): the callers hear of it, the process goes on.
      batch.forEach((w) => w.reject(error));
      return;
    }
    const waiting: Promise<void> = db
      .connection()
      .execute(async () => writeBatch(batch))
      .catch((error: unknown) => batch.forEach((w) => w.reject(error)))
      .finally(() => deferred.delete(waiting));
    deferred.add(waiting);
  };

  const enqueue = (query: CompiledQuery, then?: CompiledQuery): Promise<QueryResult<never>> =>
    new Promise((resolve, reject) => {
      pending.push(then === undefined ? { query, resolve, reject } : { query, then, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });

  const refusedAfterClose = (): Promise<never> => Promise.reject(new Error('storage is closed'));

  return {
    batchesWrites: true,
    execute<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
      if (closed) return refusedAfterClose();
      if (query.query.kind !== 'SelectQueryNode') {
        // A write that returns rows (RETURNING) would lose them here: Kysely runs it.
        if (sqlite.prepare(query.sql).reader) return db.executeQuery(query);
        return enqueue(query);
      }
      if (sqlite.inTransaction) return db.executeQuery(query);
      try {
        return Promise.resolve({ rows: sqlite.prepare(query.sql).all(query.parameters) as R[] });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
    executeIfChanged(first: CompiledQuery, second: CompiledQuery): Promise<QueryResult<never>> {
      if (closed) return refusedAfterClose();
      return enqueue(first, second);
    },
    async close(): Promise<void> {
      closed = true;
      while (pending.length > 0) flush();
      await Promise.all([...deferred]);
    },
  };
}
