import type { CompiledQuery, QueryResult } from 'kysely';
import type { OpenedSqliteDatabase } from './sqlite-database.ts';
import type { UnitOfWorkScope } from './unit-of-work-scope.ts';

export interface QueuedWrite {
  readonly query: CompiledQuery;
  readonly resolve: (result: QueryResult<never>) => void;
  readonly reject: (error: unknown) => void;
}

export interface QueuedUnit {
  readonly work: () => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/** Two writes as one: `then` runs only when `first` changed exactly one row; both or neither. */
export interface QueuedPair {
  readonly first: CompiledQuery;
  readonly then: CompiledQuery;
  readonly resolve: (ranThen: boolean) => void;
  readonly reject: (error: unknown) => void;
}

export type Queued = QueuedWrite | QueuedUnit | QueuedPair;
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function writeOne(sqlite: OpenedSqliteDatabase, write: QueuedWrite): Outcome {
  try {
    const { changes, lastInsertRowid } = sqlite.prepare(write.query.sql).run(write.query.parameters);
    return { ok: true, value: { rows: [], numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid) } };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Undoes a savepoint's writes and leaves it, unless a failure already ended the transaction. */
function undoSavepoint(sqlite: OpenedSqliteDatabase, name: string): void {
  if (!sqlite.inTransaction) return;
  sqlite.exec(`ROLLBACK TO ${name}`);
  sqlite.exec(`RELEASE ${name}`);
}

/**
 * A pair in its own savepoint, synchronously: when `then` fails after `first` changed its row,
 * the savepoint undoes `first` too. Used for a login's counter move and its audit row, which
 * must be stored together or not at all, without the asynchronous machinery of a unit of work.
 */
export function runPair(sqlite: OpenedSqliteDatabase, first: CompiledQuery, then: CompiledQuery): boolean {
  sqlite.exec('SAVEPOINT write_pair');
  try {
    const { changes } = sqlite.prepare(first.sql).run(first.parameters);
    // A pair is for a write of one row (a compare-and-set by key): more is a caller's mistake.
    if (changes > 1) throw new Error(`the first write of a pair changed ${changes} rows; it must change at most one`);
    const changed = changes === 1;
    if (changed) sqlite.prepare(then.sql).run(then.parameters);
    sqlite.exec('RELEASE write_pair');
    return changed;
  } catch (error) {
    undoSavepoint(sqlite, 'write_pair');
    throw error;
  }
}

function pairOne(sqlite: OpenedSqliteDatabase, pair: QueuedPair): Outcome {
  try {
    return { ok: true, value: runPair(sqlite, pair.first, pair.then) };
  } catch (error) {
    return { ok: false, error };
  }
}

async function unitOne(sqlite: OpenedSqliteDatabase, scope: UnitOfWorkScope, unit: QueuedUnit): Promise<Outcome> {
  sqlite.exec('SAVEPOINT unit_of_work');
  try {
    const value = await scope.run(unit.work);
    sqlite.exec('RELEASE unit_of_work');
    return { ok: true, value };
  } catch (error) {
    undoSavepoint(sqlite, 'unit_of_work');
    return { ok: false, error };
  }
}

/**
 * Writes a batch in one transaction: each write on its own (SQLite undoes a failed statement and
 * keeps the transaction), each pair and each unit of work in its own savepoint, undone whole when
 * it fails. Every caller settles only after `COMMIT`; if the transaction itself fails, all fail.
 * Synchronous unless the batch holds units of work, which are awaited one after another (the
 * caller then holds Kysely's connection, so nobody else's query runs meanwhile).
 */
export function writeBatch(sqlite: OpenedSqliteDatabase, scope: UnitOfWorkScope, batch: readonly Queued[]): void | Promise<void> {
  const failAll = (error: unknown): void => batch.forEach((w) => w.reject(error));
  try {
    sqlite.exec('BEGIN IMMEDIATE');
  } catch (error) {
    failAll(error);
    return;
  }
  const outcomes: Outcome[] = [];
  const record = (outcome: Outcome): boolean => {
    // Some failures (a full disk, say) end the whole transaction, not just the statement.
    if (!outcome.ok && !sqlite.inTransaction) {
      failAll(outcome.error);
      return false;
    }
    outcomes.push(outcome);
    return true;
  };
  const commit = (): void => {
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
    batch.forEach((item, i) => {
      const outcome = outcomes[i] as Outcome;
      if (outcome.ok) (item.resolve as (value: unknown) => void)(outcome.value);
      else item.reject(outcome.error);
    });
  };
  const from = (start: number): void | Promise<void> => {
    for (let i = start; i < batch.length; i++) {
      const item = batch[i] as Queued;
      if ('work' in item) return unitOne(sqlite, scope, item).then((outcome) => (record(outcome) ? from(i + 1) : undefined));
      if (!record('first' in item ? pairOne(sqlite, item) : writeOne(sqlite, item))) return;
    }
    commit();
  };
  return from(0);
}

