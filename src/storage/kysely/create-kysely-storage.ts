import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Storage } from '../../core/ports.ts';
import { createAccountRepository } from './account-repository.ts';
import { createApiKeyRepository } from './api-key-repository.ts';
import { createAppSigningKeyRepository } from './app-signing-key-repository.ts';
import { createProfileRepository } from './profile-repository.ts';
import { createAuditRepository } from './audit-repository.ts';
import { createCredentialRepository } from './credential-repository.ts';
import { createDuoStorage } from './create-duo-storage.ts';
import type { Database } from './database.ts';
import { createPostgresPool } from './postgres-pool.ts';
import { createRevokedTokenRepository } from './revoked-token-repository.ts';
import { createExternalIdentityRepository } from './external-identity-repository.ts';
import { createSigningKeyRepository } from './signing-key-repository.ts';
import { createTenantRepository } from './tenant-repository.ts';
import { createUserRepository } from './user-repository.ts';
import { kyselyHotPathExecutor, sqliteHotPathExecutor, type HotPathExecutor } from './hot-path-executor.ts';
import { openSqliteDatabase } from './sqlite-database.ts';
import { TransactionalSqliteDialect } from './transactional-sqlite-dialect.ts';

export type KyselyStorageOptions =
  | {
      readonly kind: 'sqlite';
      /** A file path, or `':memory:'`. */
      readonly file: string;
      readonly busyTimeoutMs?: number;
      /** See `SqliteDatabaseOptions.exclusive`. */
      readonly exclusive?: boolean;
    }
  | {
      readonly kind: 'postgres';
      readonly url: string;
      /** Schema for Sigil's tables (and the migration bookkeeping); default: the search path's first. */
      readonly schema?: string;
      readonly maxConnections?: number;
    };

/** The storage port plus what migrations and tests need: the engine, the handle, the schema. */
export interface KyselyStorage extends Storage {
  readonly kind: KyselyStorageOptions['kind'];
  readonly db: Kysely<Database>;
  readonly schema: string | undefined;
}

function open(options: KyselyStorageOptions): { db: Kysely<Database>; hot: HotPathExecutor } {
  if (options.kind === 'sqlite') {
    const { busyTimeoutMs, exclusive } = options;
    const sqlite = openSqliteDatabase(options.file, { ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }), ...(exclusive === undefined ? {} : { exclusive }) });
    const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: sqlite }) });
    return { db, hot: sqliteHotPathExecutor(db, sqlite) };
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPostgresPool(options) }) });
  return { db, hot: kyselyHotPathExecutor(db) };
}

/**
 * One implementation of the storage port for SQLite and PostgreSQL. The database is opened
 * here but not migrated: call `migrateToLatest` (migrate.ts) before first use.
 */
export function createKyselyStorage(options: KyselyStorageOptions): KyselyStorage {
  const { db, hot } = open(options);
  return {
    kind: options.kind,
    db,
    schema: options.kind === 'postgres' ? options.schema : undefined,
    tenants: createTenantRepository(db),
    users: createUserRepository(db, hot),
    credentials: createCredentialRepository(db, hot),
    apiKeys: createApiKeyRepository(db),
    signingKeys: createSigningKeyRepository(db),
    audit: createAuditRepository(db, hot),
    revokedTokens: createRevokedTokenRepository(db),
    externalIdentities: createExternalIdentityRepository(db),
    duo: createDuoStorage(db),
    profiles: createProfileRepository(db),
    accounts: createAccountRepository(db),
    appSigningKeys: createAppSigningKeyRepository(db),
    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },
    async close(): Promise<void> {
      // Writes handed over just before closing are written (or fail) before the connection goes.
      await hot.close();
      await db.destroy();
    },
  };
}
