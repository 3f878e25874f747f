import { Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { MigrationResultSet } from 'kysely/migration';
import type { KyselyStorage } from './create-kysely-storage.ts';
import type { Database } from './database.ts';
import { MIGRATIONS } from './migrations/registry.ts';
import type { MigrationName } from './migrations/registry.ts';

/** A storage from `createKyselyStorage`, or a bare handle (then the default schema is used). */
export type MigrationTarget = KyselyStorage | Kysely<Database>;

export interface MigrationStatus {
  readonly name: string;
  /** When it ran, or null when it is pending. */
  readonly executedAt: Date | null;
}

function createMigrator(target: MigrationTarget): Migrator {
  const { db, schema } = target instanceof Kysely ? { db: target, schema: undefined } : target;
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...MIGRATIONS }) },
    // Kysely looks for its bookkeeping table in every schema unless told which one, so a
    // storage confined to a schema must name it (otherwise another schema's table would do).
    ...(schema === undefined ? {} : { migrationTableSchema: schema }),
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
  return applied(await createMigrator(target).migrateToLatest());
}

/** Migrates up (or down, where a migration has a down step) to the named migration. */
export async function migrateTo(target: MigrationTarget, name: MigrationName): Promise<string[]> {
  return applied(await createMigrator(target).migrateTo(name));
}

export async function listMigrations(target: MigrationTarget): Promise<MigrationStatus[]> {
  const migrations = await createMigrator(target).getMigrations();
  return migrations.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
