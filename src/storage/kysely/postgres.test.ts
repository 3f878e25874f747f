import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { runStorageContract } from '../contract.ts';
import { createKyselyStorage } from './create-kysely-storage.ts';
import { MIGRATIONS } from './migrations/registry.ts';
import { migrateToLatest } from './migrate.ts';
import { runMigrationSuite } from './migration-suite.ts';
import { runNeutralCeremoniesMigrationSuite } from './neutral-ceremonies-migration-suite.ts';
import { testServiceSettings } from '../../config/test-services.ts';

const url = testServiceSettings().databaseUrl ?? undefined;
const required = testServiceSettings().required;

/** A store confined to a fresh random schema, dropped on cleanup; not yet migrated. */
async function openPostgres(databaseUrl: string) {
  const schema = `sigil_test_${randomBytes(6).toString('hex')}`;
  const storage = createKyselyStorage({ kind: 'postgres', url: databaseUrl, schema });
  await sql`create schema ${sql.id(schema)}`.execute(storage.db);
  return {
    schema,
    storage,
    cleanup: async () => {
      try {
        await sql`drop schema ${sql.id(schema)} cascade`.execute(storage.db);
      } finally {
        await storage.close();
      }
    },
  };
}

if (url === undefined || url === '') {
  if (required) {
    it('postgres storage', () => assert.fail('TEST_REQUIRE_SERVICES=1 but TEST_DATABASE_URL is not set'));
  } else {
    describe('postgres storage', { skip: 'TEST_DATABASE_URL not set' }, () => {
      it('runs the storage contract and the migration suite on PostgreSQL');
    });
  }
} else {
  const databaseUrl = url;

  runStorageContract('kysely storage on PostgreSQL (fresh schema)', async () => {
    const { storage, cleanup } = await openPostgres(databaseUrl);
    await migrateToLatest(storage);
    return { storage, cleanup, executeRaw: (statement) => sql.raw(statement).execute(storage.db) };
  });

  runMigrationSuite('kysely migrations on PostgreSQL', () => openPostgres(databaseUrl));
  runNeutralCeremoniesMigrationSuite('migration 0008 on PostgreSQL filled through the Duo schema', () => openPostgres(databaseUrl));

  describe('kysely storage on PostgreSQL: connection settings', () => {
    it('puts the schema on the search path and reads int8 as numbers without touching pg’s global parsers', async () => {
      const { schema, storage, cleanup } = await openPostgres(databaseUrl);
      try {
        const { rows } = await sql<{ schema: string; big: number }>`select current_schema() as schema, 9007199254740991::int8 as big`.execute(storage.db);
        assert.deepEqual(rows, [{ schema, big: Number.MAX_SAFE_INTEGER }]);
        await assert.rejects(sql`select 9007199254740992::int8 as big`.execute(storage.db), RangeError);
        assert.equal(pg.types.getTypeParser(20)('5'), '5');
      } finally {
        await cleanup();
      }
    });

    it('without a schema option, migrates the search path’s schema even when another schema has Kysely’s tables', async () => {
      const decoy = await openPostgres(databaseUrl);
      await sql`create table ${sql.id(decoy.schema, 'kysely_migration')} (name text primary key, timestamp text)`.execute(decoy.storage.db);
      const target = await openPostgres(databaseUrl);
      const viaUrl = new URL(databaseUrl);
      viaUrl.searchParams.set('options', `-c search_path=${target.schema}`);
      const storage = createKyselyStorage({ kind: 'postgres', url: viaUrl.href });
      try {
        assert.deepEqual(await migrateToLatest(storage), Object.keys(MIGRATIONS));
        assert.deepEqual(await migrateToLatest(storage), []);
        const { rows } = await sql<{ n: number }>`select count(*) as n from pg_tables where schemaname = ${target.schema}`.execute(storage.db);
        assert.ok((rows[0]?.n ?? 0) >= 9);
      } finally {
        await storage.close();
        await target.cleanup();
        await decoy.cleanup();
      }
    });

    it('refuses TRUNCATE on the audit table', async () => {
      const { storage, cleanup } = await openPostgres(databaseUrl);
      try {
        await migrateToLatest(storage);
        await assert.rejects(sql`truncate audit_events`.execute(storage.db), /append-only/);
      } finally {
        await cleanup();
      }
    });
  });
}
