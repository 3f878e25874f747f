import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config/schema.ts';
import type { Logger } from '../core/ports.ts';
import { createKyselyStorage } from './kysely/create-kysely-storage.ts';
import type { KyselyStorage, KyselyStorageOptions } from './kysely/create-kysely-storage.ts';
import { migrateToLatest } from './kysely/migrate.ts';

export const SQLITE_FILE_NAME = 'sigil.db';

type StorageConfig = Pick<
  Config,
  'dataDir' | 'databaseUrl' | 'sqliteExclusiveLock' | 'databaseConnectTimeoutSeconds' | 'databaseStatementTimeoutSeconds' | 'databasePoolSize' | 'databasePoolQueue'
>;

export function storageOptionsOf(config: StorageConfig, logger?: Logger): KyselyStorageOptions {
  if (config.databaseUrl === null) return { kind: 'sqlite', file: join(config.dataDir, SQLITE_FILE_NAME), exclusive: config.sqliteExclusiveLock };
  return {
    kind: 'postgres',
    url: config.databaseUrl,
    maxConnections: config.databasePoolSize,
    maxWaiting: config.databasePoolQueue,
    connectTimeoutMs: config.databaseConnectTimeoutSeconds * 1000,
    statementTimeoutMs: config.databaseStatementTimeoutSeconds * 1000,
    ...(logger ? { logger } : {}),
  };
}

/**
 * PostgreSQL when DATABASE_URL is set, otherwise SQLite in DATA_DIR; migrated to the latest
 * version before it is returned, so every entry point (server, CLI, tests) sees one schema.
 */
export async function openStorage(config: StorageConfig, logger?: Logger): Promise<KyselyStorage> {
  const options = storageOptionsOf(config, logger);
  if (options.kind === 'sqlite') await mkdir(config.dataDir, { recursive: true });
  // Migrations may legitimately run longer than one request's statement bound: on PostgreSQL they
  // run on a connection of their own without it, and serving starts on the bounded pool after.
  const migrating = options.kind === 'postgres' ? createKyselyStorage({ ...options, statementTimeoutMs: 0, maxConnections: 1 }) : null;
  const storage = migrating ?? createKyselyStorage(options);
  try {
    const applied = await migrateToLatest(storage);
    if (applied.length > 0) logger?.info({ migrations: applied, engine: options.kind }, 'applied database migrations');
  } catch (error) {
    await storage.close();
    throw error;
  }
  if (migrating === null) return storage;
  await migrating.close();
  return createKyselyStorage(options);
}
