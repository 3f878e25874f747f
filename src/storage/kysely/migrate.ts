import { Kysely, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { MigrationResultSet } from 'kysely/migration';
import type { KyselyStorage } from './create-kysely-storage.ts';
import type { Database } from './database.ts';
import { engineOf } from './migrations/engine-of.ts';
import { MIGRATIONS } from './migrations/registry.ts';
import type { MigrationName } from './migrations/registry.ts';

/** A storage from `createKyselyStorage`, or a bare handle (then the default schema is used). */
export type MigrationTarget = KyselyStorage | Kysely<Database>;

export interface MigrationStatus {
  readonly name: string;
  /** When it ran, or null when it is pending. */
  readonly executedAt: Date | null;
}

/**
 * Kysely looks for its bookkeeping table in every PostgreSQL schema unless told which one, and
 * would take another schema's table for ours; so on PostgreSQL the schema is always named:
 * the storage's own, or else the one unqualified names resolve to (where the tables go).
 */
async function migrationSchemaOf(db: Kysely<Database>, schema: string | undefined): Promise<string | undefined> {
  if (schema !== undefined || engineOf(db) !== 'postgres') return schema;
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}

async function createMigrator(target: MigrationTarget): Promise<Migrator> {
  const { db, schema } = target instanceof Kysely ? { db: target, schema: undefined } : target;
  const migrationTableSchema = await migrationSchemaOf(db, schema);
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
}

function applied({ error, results = [] }: MigrationResultSet): string[] {
  if (error !== undefined) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'bookkeeping';
    throw new Error(`migration ${failed} failed`, { cause: error });
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** Runs every pending migration in order; returns the names it ran (none when up to date). */
export async function migrateToLatest(target: MigrationTarget): Promise<string[]> {
  const migrator = await createMigrator(target);
  return applied(await migrator.migrateToLatest());
}

/** Migrates up (or down, where a migration has a down step) to the named migration. */
export async function migrateTo(target: MigrationTarget, name: MigrationName): Promise<string[]> {
  const migrator = await createMigrator(target);
  return applied(await migrator.migrateTo(name));
}

export async function listMigrations(target: MigrationTarget): Promise<MigrationStatus[]> {
  const migrator = await createMigrator(target);
  const migrations = await migrator.getMigrations();
  return migrations.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
