import type { CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './database.ts';
import type { OpenedSqliteDatabase } from './sqlite-database.ts';
import type { UnitOfWorkScope } from './unit-of-work-scope.ts';
import { runPair, writeBatch, type Queued, type QueuedPair, type QueuedUnit, type QueuedWrite } from './sqlite-write-batch.ts';

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
   * SQLite only: runs `work` as a unit of work, committed with the writes of its turn (see below)
   * or, when it throws, undone whole (and its error rethrown). Every query made from inside
   * `work` — hot-path or not, through any repository of the store — runs in that transaction at
   * once, so a unit can never wait for a write queued behind itself. Inside an open unit, `work`
   * joins it. (PostgreSQL opens a Kysely transaction on a pooled connection instead.)
   */
  unitOfWork?<T>(work: () => Promise<T>): Promise<T>;
  /**
   * SQLite only: writes `then` only when `first` changed exactly one row, both or neither (a
   * savepoint; a `first` that changes more than one row is undone and fails the call), committed
   * with the writes of its turn like any other write; resolves to whether `then` was written. The compare-and-set of a login's counter and its audit row, without a
   * unit of work's awaits. Inside an open unit it runs there at once.
   */
  writeIfChanged?(first: CompiledQuery, then: CompiledQuery): Promise<boolean>;
  /** Writes what is queued and waits for it; later calls are refused. Before the database closes. */
  close(): Promise<void>;
}

export function kyselyHotPathExecutor(db: Kysely<Database>): HotPathExecutor {
  return { batchesWrites: false, execute: (query) => db.executeQuery(query), close: async () => {} };
}

/**
 * SQLite: node:sqlite is synchronous and one connection serves everything, so the only state to
 * respect is an open transaction (a Kysely transaction or a batch holding units of work).
 *
 * - Reads run at once when no transaction is open; otherwise they queue behind it through Kysely,
 *   so they never see another caller's uncommitted rows.
 * - Writes, pairs (`writeIfChanged`) and units of work handed over in one turn are written in one
 *   transaction, each write on its own (SQLite undoes a failed statement and keeps the
 *   transaction), each pair and each unit in its own savepoint (undone whole when it fails),
 *   and every caller's promise settles only
 *   after `COMMIT`: nobody is told "stored" before the row is durable, and a failure fails only
 *   its own caller. If the whole transaction fails, every caller fails. A batch with units, or
 *   one flushed while a transaction is open, holds Kysely's connection while it runs, so other
 *   callers' queries wait for its commit.
 * - Inside a unit, every query runs on the connection at once (`scope`), never queued: a unit
 *   cannot wait for a write queued behind itself.
 */
export function sqliteHotPathExecutor(db: Kysely<Database>, sqlite: OpenedSqliteDatabase, scope: UnitOfWorkScope, maxBatch = 500): HotPathExecutor {
  const pending: Queued[] = [];
  let scheduled = false;

  let closed = false;
  /** Batches waiting for Kysely's connection, so close() can wait for them. */
  const deferred = new Set<Promise<void>>();

  const flush = (): void => {
    const batch = pending.splice(0, maxBatch);
    scheduled = pending.length > 0;
    if (scheduled) setImmediate(flush);
    if (batch.length === 0) return;
    try {
      if (!sqlite.inTransaction && !batch.some((item) => 'work' in item)) {
        void writeBatch(sqlite, scope, batch);
        return;
      }
    } catch (error) {
      // The connection itself failed (closed under us, say): the callers hear of it, the process goes on.
      batch.forEach((w) => w.reject(error));
      return;
    }
    const waiting: Promise<void> = db
      .connection()
      .execute(async () => writeBatch(sqlite, scope, batch))
      .catch((error: unknown) => batch.forEach((w) => w.reject(error)))
      .finally(() => deferred.delete(waiting));
    deferred.add(waiting);
  };

  const enqueue = <T>(item: (resolve: (value: T) => void, reject: (error: unknown) => void) => Queued): Promise<T> =>
    new Promise((resolve, reject) => {
      pending.push(item(resolve, reject));
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });

  const refusedAfterClose = (): Promise<never> => Promise.reject(new Error('storage is closed'));

  /** Runs synchronous work on the connection now; its result or error as a settled promise. */
  const now = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };

  /** Inside a unit of work: on the connection, in its transaction, now. */
  const runInUnit = <R>(query: CompiledQuery<R>): Promise<QueryResult<R>> =>
    now(() => {
      const statement = sqlite.prepare(query.sql);
      if (statement.reader) return { rows: statement.all(query.parameters) as R[] };
      const { changes, lastInsertRowid } = statement.run(query.parameters);
      return { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) };
    });

  return {
    batchesWrites: true,
    execute<R>(query: CompiledQuery<R>): Promise<QueryResult<R>> {
      if (closed) return refusedAfterClose();
      if (scope.inside()) return runInUnit(query);
      if (query.query.kind !== 'SelectQueryNode') {
        // A write that returns rows (RETURNING) would lose them here: Kysely runs it.
        if (sqlite.prepare(query.sql).reader) return db.executeQuery(query);
        return enqueue<QueryResult<R>>((resolve, reject) => ({ query, resolve: resolve as QueuedWrite['resolve'], reject }));
      }
      if (sqlite.inTransaction) return db.executeQuery(query);
      return now(() => ({ rows: sqlite.prepare(query.sql).all(query.parameters) as R[] }));
    },
    writeIfChanged(first: CompiledQuery, then: CompiledQuery): Promise<boolean> {
      if (closed) return refusedAfterClose();
      if (scope.inside()) return now(() => runPair(sqlite, first, then));
      return enqueue<boolean>((resolve, reject) => ({ first, then, resolve, reject }) satisfies QueuedPair);
    },
    unitOfWork<T>(work: () => Promise<T>): Promise<T> {
      if (scope.inside()) return work();
      if (closed) return refusedAfterClose();
      return enqueue<T>((resolve, reject) => ({ work, resolve: resolve as QueuedUnit['resolve'], reject }));
    },
    async close(): Promise<void> {
      closed = true;
      while (pending.length > 0) flush();
      await Promise.all([...deferred]);
    },
  };
}
