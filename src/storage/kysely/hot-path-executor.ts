import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './database.ts';
import type { OpenedSqliteDatabase } from './sqlite-database.ts';
import type { UnitOfWorkScope } from './unit-of-work-scope.ts';

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
   * SQLite only: runs `work` as one transaction (`BEGIN IMMEDIATE` … `COMMIT`, or `ROLLBACK` when
   * it throws) on the connection, once no other transaction holds it. Every query made from
   * inside `work` — hot-path or not, through any repository of the store — runs in that
   * transaction at once, so the unit can never wait for a write queued behind itself. Inside an
   * open unit, `work` joins it. (PostgreSQL opens a Kysely transaction on a pooled connection.)
   */
  unitOfWork?<T>(work: () => Promise<T>): Promise<T>;
  /** Writes what is queued and waits for it; later calls are refused. Before the database closes. */
  close(): Promise<void>;
}

export function kyselyHotPathExecutor(db: Kysely<Database>): HotPathExecutor {
  return { batchesWrites: false, execute: (query) => db.executeQuery(query), close: async () => {} };
}

interface QueuedWrite {
  readonly query: CompiledQuery;
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
 * A hot-path query awaited inside a Kysely transaction would wait for the very transaction that
 * waits for it: transactions are opened with `unitOfWork`, and a query made inside one runs on
 * its connection at once (`scope`), never queued.
 */
export function sqliteHotPathExecutor(db: Kysely<Database>, sqlite: OpenedSqliteDatabase, scope: UnitOfWorkScope, maxBatch = 500): HotPathExecutor {
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
        outcomes.push({ ok: true, result: run(write.query) });
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

  const enqueue = (query: CompiledQuery): Promise<QueryResult<never>> =>
    new Promise((resolve, reject) => {
      pending.push({ query, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });

  const refusedAfterClose = (): Promise<never> => Promise.reject(new Error('storage is closed'));

  /** Inside a unit of work: on the connection, in its transaction, now. */
  const runInUnit = <R>(query: CompiledQuery<R>): Promise<QueryResult<R>> => {
    try {
      const statement = sqlite.prepare(query.sql);
      if (statement.reader) return Promise.resolve({ rows: statement.all(query.parameters) as R[] });
      const { changes, lastInsertRowid } = statement.run(query.parameters);
      return Promise.resolve({ rows: [], numAffectedRows: BigInt(changes ?? 0), insertId: lastInsertRowid === undefined ? undefined : BigInt(lastInsertRowid) });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  return {
    batchesWrites: true,
    execute<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
      if (closed) return refusedAfterClose();
      if (scope.inside()) return runInUnit(query);
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
    async unitOfWork<T>(work: () => Promise<T>): Promise<T> {
      if (scope.inside()) return work();
      if (closed) return refusedAfterClose();
      return db.connection().execute(async () => {
        sqlite.exec('BEGIN IMMEDIATE');
        try {
          const result = await scope.run(work);
          sqlite.exec('COMMIT');
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
          throw error;
        }
      });
    },
    async close(): Promise<void> {
      closed = true;
      while (pending.length > 0) flush();
      await Promise.all([...deferred]);
    },
  };
}
