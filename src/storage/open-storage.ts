import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../core/ports.ts';
import { createKyselyStorage } from './kysely/create-kysely-storage.ts';
import type { KyselyStorage, KyselyStorageOptions } from './kysely/create-kysely-storage.ts';
import { migrateToLatest } from './kysely/migrate.ts';

export const SQLITE_FILE_NAME = 'sigil.db';

export function storageOptionsOf(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'sqliteExclusiveLock'>): KyselyStorageOptions {
  return config.databaseUrl !== null
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'sqlite', file: join(config.dataDir, SQLITE_FILE_NAME), exclusive: config.sqliteExclusiveLock };
}

/**
 * PostgreSQL when DATABASE_URL is set, otherwise SQLite in DATA_DIR; migrated to the latest
 * version before it is returned, so every entry point (server, CLI, tests) sees one schema.
 */
export async function openStorage(config: Pick<Config, 'dataDir' | 'databaseUrl' | 'sqliteExclusiveLock'>, logger?: Logger): Promise<KyselyStorage> {
  const options = storageOptionsOf(config);
  if (options.kind === 'sqlite') await mkdir(config.dataDir, { recursive: true });
  const storage = createKyselyStorage(options);
  try {
    const applied = await migrateToLatest(storage);
    if (applied.length > 0) logger?.info({ migrations: applied, engine: options.kind }, 'applied database migrations');
    return storage;
  } catch (error) {
    await storage.close();
    throw error;
  }
}
