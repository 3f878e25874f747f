import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { runStorageContract } from '../contract.ts';
import { createFixtures } from '../contract/fixtures.ts';
import { createKyselyStorage } from './create-kysely-storage.ts';
import { migrateToLatest } from './migrate.ts';
import { runMigrationSuite } from './migration-suite.ts';
import { runNeutralCeremoniesMigrationSuite } from './neutral-ceremonies-migration-suite.ts';
import { openSqliteDatabase, rowBuilder } from './sqlite-database.ts';

/** A store on a file in a fresh temporary directory, not yet migrated. */
async function openSqliteFile(options: { exclusive?: boolean } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'sigil-sqlite-'));
  const file = join(dir, 'sigil.db');
  const storage = createKyselyStorage({ kind: 'sqlite', file, ...options });
  return {
    file,
    storage,
    cleanup: async () => {
      await storage.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

runStorageContract('kysely storage on SQLite (temporary file)', async () => {
  const { storage, cleanup } = await openSqliteFile();
  await migrateToLatest(storage);
  return { storage, cleanup, executeRaw: (statement) => sql.raw(statement).execute(storage.db) };
});

// Held exclusively (the server's default), rows are named by generated builders: the same contract.
runStorageContract('kysely storage on SQLite (temporary file, held exclusively)', async () => {
  const { storage, cleanup } = await openSqliteFile({ exclusive: true });
  await migrateToLatest(storage);
  return { storage, cleanup, executeRaw: (statement) => sql.raw(statement).execute(storage.db) };
});

runMigrationSuite('kysely migrations on SQLite', () => openSqliteFile());
runNeutralCeremoniesMigrationSuite('migration 0008 on SQLite filled through the Duo schema', () => openSqliteFile());

describe('kysely storage on SQLite: engine settings', () => {
  it('opens in WAL mode with synchronous=NORMAL, a busy timeout and foreign keys on', async () => {
    const { storage, cleanup } = await openSqliteFile();
    try {
      const pragma = async (name: string) => {
        const { rows } = await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(storage.db);
        return { ...rows[0] };
      };
      assert.deepEqual(await pragma('journal_mode'), { journal_mode: 'wal' });
      assert.deepEqual(await pragma('synchronous'), { synchronous: 1 });
      assert.deepEqual(await pragma('busy_timeout'), { timeout: 5000 });
      assert.deepEqual(await pragma('foreign_keys'), { foreign_keys: 1 });
    } finally {
      await cleanup();
    }
  });

  it('keeps rows across a close and reopen of the file', async () => {
    const first = await openSqliteFile();
    const fixtures = createFixtures('sqlite-reopen');
    const tenant = fixtures.tenant();
    await migrateToLatest(first.storage);
    await first.storage.tenants.create(tenant);
    await first.storage.close();
    const reopened = createKyselyStorage({ kind: 'sqlite', file: first.file });
    try {
      assert.deepEqual(await migrateToLatest(reopened), []);
      assert.deepEqual(await reopened.tenants.getById(tenant.id), tenant);
    } finally {
      await reopened.close();
      await first.cleanup();
    }
  });

  it('refuses a user whose tenant does not exist (foreign keys are enforced)', async () => {
    const { storage, cleanup } = await openSqliteFile();
    try {
      await migrateToLatest(storage);
      await assert.rejects(storage.users.create(createFixtures('sqlite-fk').user('no-such-tenant')), /FOREIGN KEY/);
    } finally {
      await cleanup();
    }
  });

  it('works in memory too', async () => {
    const storage = createKyselyStorage({ kind: 'sqlite', file: ':memory:' });
    try {
      await migrateToLatest(storage);
      await storage.ping();
    } finally {
      await storage.close();
    }
  });
});

describe('SQLite rows after a schema change', () => {
  async function seeded(exclusive: boolean) {
    const opened = await openSqliteFile({ exclusive });
    await migrateToLatest(opened.storage);
    const fixtures = createFixtures(`schema-change-${exclusive}`);
    const tenant = fixtures.tenant();
    const user = fixtures.user(tenant.id);
    const credential = fixtures.credential(tenant.id, user.id);
    await opened.storage.tenants.create(tenant);
    await opened.storage.users.create(user);
    await opened.storage.credentials.create(credential);
    const read = () => opened.storage.credentials.getWithOwner(tenant.id, credential.credentialId);
    assert.deepEqual(await read(), { credential, owner: user });
    return { ...opened, read, expected: { credential, owner: user } };
  }

  it('held exclusively: names rows anew after its own DDL adds a column', async () => {
    const { storage, read, expected, cleanup } = await seeded(true);
    try {
      await sql`alter table credentials add column nickname text default 'phone'`.execute(storage.db);
      assert.deepEqual(await read(), expected);
    } finally {
      await cleanup();
    }
  });

  it('shared with other processes: rows stay right when another connection adds a column', async () => {
    const { file, read, expected, cleanup } = await seeded(false);
    try {
      const other = new DatabaseSync(file);
      other.exec(`alter table credentials add column nickname text default 'phone'`);
      other.close();
      assert.deepEqual(await read(), expected);
    } finally {
      await cleanup();
    }
  });

  it('names rows anew when a cached statement comes back with another width', () => {
    const sqlite = openSqliteDatabase(':memory:', { exclusive: true });
    try {
      sqlite.exec('create table t (a integer, b integer)');
      sqlite.exec('insert into t values (1, 2)');
      const query = 'select * from t';
      assert.deepEqual({ ...(sqlite.prepare(query).all([])[0] as object) }, { a: 1, b: 2 });
      // Behind the statement cache's back: SQLite re-prepares the cached statement with three columns.
      sqlite.exec('alter table t add column c integer default 3');
      assert.deepEqual({ ...(sqlite.prepare(query).all([])[0] as object) }, { a: 1, b: 2, c: 3 });
    } finally {
      sqlite.close();
    }
  });
});

describe('rowBuilder', () => {
  it('maps values to names in order, a repeated name keeping its last value', () => {
    assert.deepEqual(rowBuilder(['a', 'b', 'a'])([1, 'two', 3]), { a: 3, b: 'two' });
  });

  it('takes names that are not identifiers as plain keys, never as code', () => {
    const names = ['owner_id', 'with space', 'quote"d', "apos'", 'back\\slash', '} ; throw 1; {', 'line\nbreak', '0'];
    const row = rowBuilder(names)(names.map((_, i) => i));
    assert.deepEqual(Object.keys(row).sort(), [...names].sort());
    names.forEach((name, i) => assert.equal(row[name], i));
  });

  it('keeps a __proto__ column as data, not as the prototype', () => {
    const row = rowBuilder(['id', '__proto__'])([1, { polluted: true }]);
    assert.equal(Object.getPrototypeOf(row), Object.prototype);
    assert.deepEqual(Object.getOwnPropertyDescriptor(row, '__proto__')?.value, { polluted: true });
    assert.equal((row as { polluted?: unknown }).polluted, undefined);
  });

  it('falls back to a loop in a process that forbids code generation from strings', () => {
    const script = `import { rowBuilder } from ${JSON.stringify(new URL('./sqlite-database.ts', import.meta.url).href)};
      const row = rowBuilder(['a', 'b'])([1, 2]);
      process.stdout.write(JSON.stringify(row));`;
    const output = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script], { encoding: 'utf8' });
    assert.equal(output, '{"a":1,"b":2}');
  });
});
