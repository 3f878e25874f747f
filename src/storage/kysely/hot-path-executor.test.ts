import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Kysely, sql, type CompiledQuery } from 'kysely';
import type { Database } from './database.ts';
import { sqliteHotPathExecutor, type HotPathExecutor } from './hot-path-executor.ts';
import { openSqliteDatabase, type OpenedSqliteDatabase } from './sqlite-database.ts';
import { TransactionalSqliteDialect } from './transactional-sqlite-dialect.ts';
import { createUnitOfWorkScope } from './unit-of-work-scope.ts';

interface Tables {
  parent: { id: number };
  child: { id: number; parent_id: number; name: string };
}

/** Settles a promise into a value the assertions can compare, without throwing. */
const settle = <T>(promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; message: string }> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, message: (error as Error).message }),
  );

describe('SQLite hot-path executor', () => {
  let sqlite: OpenedSqliteDatabase;
  let db: Kysely<Tables>;
  let hot: HotPathExecutor;
  let transactionControl: string[];

  beforeEach(async () => {
    const opened = openSqliteDatabase(':memory:');
    transactionControl = [];
    // Record the executor's transaction control, so a test can count its commits.
    sqlite = Object.create(opened, {
      exec: { value: (text: string) => (transactionControl.push(text), opened.exec(text)) },
      inTransaction: { get: () => opened.inTransaction },
    }) as OpenedSqliteDatabase;
    const scope = createUnitOfWorkScope();
    db = new Kysely<Tables>({ dialect: new TransactionalSqliteDialect({ database: opened }, scope) });
    await sql`create table parent (id integer primary key)`.execute(db);
    await sql`create table child (id integer primary key, parent_id integer not null references parent (id) deferrable initially deferred, name text not null unique)`.execute(db);
    await db.insertInto('parent').values({ id: 1 }).execute();
    hot = sqliteHotPathExecutor(db as unknown as Kysely<Database>, sqlite, scope);
  });
  afterEach(() => db.destroy());

  const insertChild = (id: number, name: string, parentId = 1) => hot.execute(db.insertInto('child').values({ id, parent_id: parentId, name }).compile());
  // node:sqlite rows have a null prototype: copy them into plain objects for deepEqual.
  const children = async () => (await hot.execute(db.selectFrom('child').select(['id', 'name']).orderBy('id').compile())).rows.map((row) => ({ ...row }));

  it('writes everything handed over in one turn in one transaction, and a failed statement fails only its caller', async () => {
    const results = await Promise.all([settle(insertChild(1, 'a')), settle(insertChild(2, 'a')), settle(insertChild(3, 'c'))]);
    assert.deepEqual(results, [
      { ok: true, value: { rows: [], numAffectedRows: 1n, insertId: 1n } },
      { ok: false, message: 'UNIQUE constraint failed: child.name' },
      { ok: true, value: { rows: [], numAffectedRows: 1n, insertId: 3n } },
    ]);
    assert.deepEqual(transactionControl, ['BEGIN IMMEDIATE', 'COMMIT']);
    assert.deepEqual(await children(), [
      { id: 1, name: 'a' },
      { id: 3, name: 'c' },
    ]);
  });

  it('fails every caller of a batch whose COMMIT fails, stores none of it and leaves no transaction open', async () => {
    // A deferred foreign key is checked at COMMIT: the third write makes the whole batch fail there.
    const results = await Promise.all([settle(insertChild(1, 'a')), settle(insertChild(2, 'b')), settle(insertChild(3, 'c', 99))]);
    assert.deepEqual(results, Array(3).fill({ ok: false, message: 'FOREIGN KEY constraint failed' }));
    assert.deepEqual(transactionControl, ['BEGIN IMMEDIATE', 'COMMIT', 'ROLLBACK']);
    assert.equal(sqlite.inTransaction, false);
    assert.deepEqual(await children(), []);
    assert.deepEqual(await settle(insertChild(4, 'd')), { ok: true, value: { rows: [], numAffectedRows: 1n, insertId: 4n } });
  });

  it('reports affected rows of updates, zero when the WHERE clause matches nothing', async () => {
    await insertChild(1, 'a');
    const rename = (from: string, to: string) => hot.execute(db.updateTable('child').set({ name: to }).where('name', '=', from).compile());
    assert.equal((await rename('a', 'b')).numAffectedRows, 1n);
    assert.equal((await rename('a', 'c')).numAffectedRows, 0n);
  });

  it('never shows a read what an open Kysely transaction has not committed', async () => {
    let readDuringTransaction: Promise<unknown> | undefined;
    let settledEarly = false;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('child').values({ id: 1, parent_id: 1, name: 'in-transaction' }).execute();
      readDuringTransaction = children().then((rows) => ((settledEarly = true), rows));
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(settledEarly, false, 'the read waits for the transaction');
    });
    assert.deepEqual(await readDuringTransaction, [{ id: 1, name: 'in-transaction' }]);
  });

  it('does not read a rolled-back transaction’s rows, and its writes wait for it without being rolled back with it', async () => {
    let read: Promise<unknown> | undefined;
    let write: Promise<unknown> | undefined;
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('child').values({ id: 1, parent_id: 1, name: 'rolled-back' }).execute();
        read = children();
        write = insertChild(2, 'queued');
        await new Promise((resolve) => setImmediate(resolve));
        throw new Error('abandon the transaction');
      }),
      /abandon the transaction/,
    );
    assert.deepEqual(await read, []);
    assert.equal(((await write) as { numAffectedRows: bigint }).numAffectedRows, 1n);
    assert.deepEqual(await children(), [{ id: 2, name: 'queued' }]);
  });

  it('leaves a write that returns rows to Kysely, rows included', async () => {
    const result = await hot.execute(db.insertInto('child').values({ id: 7, parent_id: 1, name: 'returned' }).returning(['id', 'name']).compile());
    assert.deepEqual(result.rows.map((row) => ({ ...row })), [{ id: 7, name: 'returned' }]);
    assert.deepEqual(transactionControl, []);
  });

  const unitOfWork = <T>(work: () => Promise<T>): Promise<T> => (hot.unitOfWork as NonNullable<HotPathExecutor['unitOfWork']>)(work);

  it('runs a unit of work as one transaction, in which its hot-path and Kysely queries run at once', async () => {
    const seen = await unitOfWork(async () => {
      await insertChild(1, 'hot');
      // Through the store's own Kysely handle, not a transaction object: it must not wait for the unit.
      await db.insertInto('child').values({ id: 2, parent_id: 1, name: 'kysely' }).execute();
      return children();
    });
    assert.deepEqual(seen, [{ id: 1, name: 'hot' }, { id: 2, name: 'kysely' }]);
    assert.deepEqual(transactionControl, ['BEGIN IMMEDIATE', 'SAVEPOINT unit_of_work', 'RELEASE unit_of_work', 'COMMIT']);
    assert.deepEqual(await children(), [{ id: 1, name: 'hot' }, { id: 2, name: 'kysely' }]);
  });

  it('rolls a unit of work back whole when it throws, hot-path writes included, and rethrows', async () => {
    const failure = new Error('abandon the unit');
    await assert.rejects(
      unitOfWork(async () => {
        await insertChild(1, 'hot');
        await db.insertInto('child').values({ id: 2, parent_id: 1, name: 'kysely' }).execute();
        await unitOfWork(async () => insertChild(3, 'joined'));
        throw failure;
      }),
      (error) => error === failure,
    );
    assert.deepEqual(transactionControl, ['BEGIN IMMEDIATE', 'SAVEPOINT unit_of_work', 'ROLLBACK TO unit_of_work', 'RELEASE unit_of_work', 'COMMIT']);
    assert.deepEqual(await children(), []);
  });

  it('commits the units and writes of one turn together; a unit that throws is undone alone', async () => {
    const results = await Promise.all([
      settle(unitOfWork(async () => (await insertChild(1, 'unit-a')).numAffectedRows)),
      settle(insertChild(2, 'plain')),
      settle(
        unitOfWork(async () => {
          await insertChild(3, 'undone');
          throw new Error('unit b fails');
        }),
      ),
      // A statement failing inside a unit fails that unit (its work lets the error through).
      settle(unitOfWork(async () => insertChild(4, 'plain'))),
      settle(unitOfWork(async () => (await insertChild(5, 'unit-c')).numAffectedRows)),
    ]);
    assert.deepEqual(
      results.map((r) => (r.ok ? (typeof r.value === 'bigint' ? r.value : (r.value as { numAffectedRows: bigint }).numAffectedRows) : r.message)),
      [1n, 1n, 'unit b fails', 'UNIQUE constraint failed: child.name', 1n],
    );
    assert.deepEqual(transactionControl.filter((t) => t === 'BEGIN IMMEDIATE' || t === 'COMMIT'), ['BEGIN IMMEDIATE', 'COMMIT']);
    assert.deepEqual(await children(), [{ id: 1, name: 'unit-a' }, { id: 2, name: 'plain' }, { id: 5, name: 'unit-c' }]);
  });

  // A compare-and-set on the child's name, and a child written only when it matched.
  const rename = (id: number, from: string, to: string) => db.updateTable('child').set({ name: to }).where('id', '=', id).where('name', '=', from).compile();
  const writeIfChanged = (first: CompiledQuery, then: CompiledQuery) => (hot.writeIfChanged as NonNullable<HotPathExecutor['writeIfChanged']>)(first, then);
  const insertQuery = (id: number, name: string) => db.insertInto('child').values({ id, parent_id: 1, name }).compile();

  it('writes the second of a pair only when the first changed a row, with the writes of its turn in one commit', async () => {
    await insertChild(1, 'a');
    transactionControl.length = 0;
    const results = await Promise.all([settle(writeIfChanged(rename(1, 'a', 'b'), insertQuery(2, 'audit-1'))), settle(writeIfChanged(rename(1, 'a', 'c'), insertQuery(3, 'audit-2'))), settle(insertChild(4, 'plain'))]);
    assert.deepEqual(results.map((r) => (r.ok ? (typeof r.value === 'boolean' ? r.value : 'write') : r.message)), [true, false, 'write']);
    assert.deepEqual(transactionControl, ['BEGIN IMMEDIATE', 'SAVEPOINT write_pair', 'RELEASE write_pair', 'SAVEPOINT write_pair', 'RELEASE write_pair', 'COMMIT']);
    assert.deepEqual(await children(), [{ id: 1, name: 'b' }, { id: 2, name: 'audit-1' }, { id: 4, name: 'plain' }]);
  });

  it('undoes the first of a pair when the second fails, and fails only that caller', async () => {
    await insertChild(1, 'a');
    await insertChild(2, 'taken');
    const results = await Promise.all([settle(writeIfChanged(rename(1, 'a', 'b'), insertQuery(3, 'taken'))), settle(insertChild(4, 'plain'))]);
    assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.message)), ['UNIQUE constraint failed: child.name', 'ok']);
    assert.deepEqual(await children(), [{ id: 1, name: 'a' }, { id: 2, name: 'taken' }, { id: 4, name: 'plain' }]);
  });

  it('refuses a pair whose first write changes more than one row, and keeps none of it', async () => {
    await insertChild(1, 'a');
    await insertChild(2, 'b');
    const widen = db.updateTable('child').set({ name: sql`name || '!'` }).compile();
    const result = await settle(writeIfChanged(widen, insertQuery(3, 'audit')));
    assert.deepEqual(result, { ok: false, message: 'the first write of a pair changed 2 rows; it must change at most one' });
    assert.deepEqual(await children(), [{ id: 1, name: 'a' }, { id: 2, name: 'b' }]);
  });

  it('runs a pair inside an open unit at once, undone with the unit', async () => {
    await insertChild(1, 'a');
    const failure = new Error('abandon the unit');
    let ran: boolean | undefined;
    await assert.rejects(
      unitOfWork(async () => {
        ran = await writeIfChanged(rename(1, 'a', 'b'), insertQuery(2, 'audit'));
        assert.deepEqual(await children(), [{ id: 1, name: 'b' }, { id: 2, name: 'audit' }]);
        throw failure;
      }),
      (error) => error === failure,
    );
    assert.equal(ran, true);
    assert.deepEqual(await children(), [{ id: 1, name: 'a' }]);
  });

  it('keeps others out of an open unit: their reads wait for its commit, their writes are written after it', async () => {
    let opened!: () => void;
    let release!: () => void;
    const isOpen = new Promise<void>((resolve) => (opened = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const unit = unitOfWork(async () => {
      await insertChild(1, 'in-unit');
      opened();
      await released;
      // Had the outside read not waited, it would have seen the row before this change.
      await db.updateTable('child').set({ name: 'committed' }).where('id', '=', 1).execute();
    });
    await isOpen;
    // From the test's own context, as a concurrent request would call.
    const read = children();
    const write = insertChild(2, 'queued');
    const otherUnit = unitOfWork(async () => insertChild(3, 'next-unit'));
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await unit;
    assert.deepEqual(await read, [{ id: 1, name: 'committed' }]);
    await Promise.all([write, otherUnit]);
    assert.deepEqual(await children(), [{ id: 1, name: 'committed' }, { id: 2, name: 'queued' }, { id: 3, name: 'next-unit' }]);
  });

  it('writes on close what was handed over in the same turn, then refuses', async () => {
    // No await between the write and close(): only close() itself can have written it.
    const queued = settle(insertChild(3, 'queued'));
    await hot.close();
    // As storage.close() does next: a write left for a later turn would now fail.
    await db.destroy();
    assert.deepEqual(await queued, { ok: true, value: { rows: [], numAffectedRows: 1n, insertId: 3n } });
    await assert.rejects(insertChild(4, 'late'), /storage is closed/);
    await assert.rejects(children(), /storage is closed/);
  });

  it('on close, waits for a batch held behind an open transaction', async () => {
    let held: Promise<unknown> | undefined;
    let closing: Promise<void> | undefined;
    let closed = false;
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('child').values({ id: 1, parent_id: 1, name: 'in-transaction' }).execute();
      held = insertChild(2, 'held');
      closing = hot.close().then(() => {
        closed = true;
      });
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(closed, false, 'close() waits for the batch, which waits for this transaction');
    });
    await closing;
    assert.equal(((await held) as { numAffectedRows: bigint }).numAffectedRows, 1n);
    assert.deepEqual((await db.selectFrom('child').select('name').orderBy('id').execute()).map((r) => r.name), ['in-transaction', 'held']);
  });

  it('rejects a queued write, without an uncaught exception, when the database closes under it', async () => {
    const write = settle(insertChild(1, 'orphan'));
    await db.destroy();
    const outcome = await write;
    assert.equal(outcome.ok, false);
    assert.match((outcome as { message: string }).message, /not open/);
    // afterEach destroys again: harmless.
  });
});
