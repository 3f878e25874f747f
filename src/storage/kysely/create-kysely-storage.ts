import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Logger, Storage } from '../../core/ports.ts';
import { createAccountRepository } from './account-repository.ts';
import { createApiKeyRepository } from './api-key-repository.ts';
import { createAppSigningKeyRepository } from './app-signing-key-repository.ts';
import { createProfileRepository } from './profile-repository.ts';
import { createAaguidRuleRepository } from './aaguid-rule-repository.ts';
import { createClientDeviceRepository } from './client-device-repository.ts';
import { createAuditRepository } from './audit-repository.ts';
import { createCredentialRepository } from './credential-repository.ts';
import type { Database } from './database.ts';
import { createDialectUserRepository } from './dialect-user-repository.ts';
import { createFaceEnrollmentRepository } from './face-enrollment-repository.ts';
import { createKeyshareBackupRepository } from './keyshare-backup-repository.ts';
import { createMpcKeyRepository } from './mpc-key-repository.ts';
import { createOperatorEnrollmentRepository } from './operator-enrollment-repository.ts';
import { createOperatorRepository } from './operator-repository.ts';
import { createPostgresPool } from './postgres-pool.ts';
import { AUDITED_USES_SQL } from './postgres-audited-uses.ts';
import { createRevokedTokenRepository } from './revoked-token-repository.ts';
import { createExternalIdentityRepository } from './external-identity-repository.ts';
import { createSigningKeyRepository } from './signing-key-repository.ts';
import { createTenantRepository } from './tenant-repository.ts';
import { createTransactionRepository } from './transaction-repository.ts';
import { createUserRepository } from './user-repository.ts';
import { kyselyHotPathExecutor, sqliteHotPathExecutor, type HotPathExecutor } from './hot-path-executor.ts';
import { openSqliteDatabase } from './sqlite-database.ts';
import { TransactionalSqliteDialect } from './transactional-sqlite-dialect.ts';
import { createUnitOfWorkScope } from './unit-of-work-scope.ts';

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
      /** See `PostgresPoolOptions`. */
      readonly connectTimeoutMs?: number;
      readonly statementTimeoutMs?: number;
      readonly maxWaiting?: number;
      readonly logger?: Logger;
    };

/** The storage port plus what migrations and tests need: the engine, the handle, the schema. */
export interface KyselyStorage extends Storage {
  readonly kind: KyselyStorageOptions['kind'];
  readonly db: Kysely<Database>;
  readonly schema: string | undefined;
}

type Repositories = Omit<Storage, 'transaction' | 'ping' | 'close'>;

function open(options: KyselyStorageOptions): { db: Kysely<Database>; hot: HotPathExecutor } {
  if (options.kind === 'sqlite') {
    const { busyTimeoutMs, exclusive } = options;
    const sqlite = openSqliteDatabase(options.file, { ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs }), ...(exclusive === undefined ? {} : { exclusive }) });
    const scope = createUnitOfWorkScope();
    const db = new Kysely<Database>({ dialect: new TransactionalSqliteDialect({ database: sqlite }, scope) });
    return { db, hot: sqliteHotPathExecutor(db, sqlite, scope) };
  }
  // The login's write is the one statement every login sends to PostgreSQL: prepared once per connection.
  const namedStatements = new Map([[AUDITED_USES_SQL, 'sigil_audited_uses']]);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPostgresPool({ ...options, namedStatements }) }) });
  return { db, hot: kyselyHotPathExecutor(db) };
}

function createRepositories(db: Kysely<Database>, hot: HotPathExecutor): Repositories {
  return {
    tenants: createTenantRepository(db),
    users: createUserRepository(db, hot),
    credentials: createCredentialRepository(db, hot),
    apiKeys: createApiKeyRepository(db),
    signingKeys: createSigningKeyRepository(db),
    audit: createAuditRepository(db, hot),
    revokedTokens: createRevokedTokenRepository(db),
    externalIdentities: createExternalIdentityRepository(db),
    mpcKeys: createMpcKeyRepository(db),
    keyshares: createKeyshareBackupRepository(db),
    faces: createFaceEnrollmentRepository(db),
    transactions: createTransactionRepository(db),
    dialectUsers: createDialectUserRepository(db),
    profiles: createProfileRepository(db),
    accounts: createAccountRepository(db),
    appSigningKeys: createAppSigningKeyRepository(db),
    clientDevices: createClientDeviceRepository(db),
    aaguidRules: createAaguidRuleRepository(db),
    operators: createOperatorRepository(db),
    operatorEnrollments: createOperatorEnrollmentRepository(db),
  };
}

/**
 * The repositories of one PostgreSQL transaction, each made on first use (a login's unit of work
 * touches two of them). A unit of work opened inside joins this one.
 */
function transactionalView(trx: Kysely<Database>): Storage {
  let made: Repositories | undefined;
  const repositories = (): Repositories => (made ??= createRepositories(trx, kyselyHotPathExecutor(trx)));
  const view: Storage = {
    get tenants() { return repositories().tenants; },
    get users() { return repositories().users; },
    get credentials() { return repositories().credentials; },
    get apiKeys() { return repositories().apiKeys; },
    get signingKeys() { return repositories().signingKeys; },
    get audit() { return repositories().audit; },
    get revokedTokens() { return repositories().revokedTokens; },
    get externalIdentities() { return repositories().externalIdentities; },
    get mpcKeys() { return repositories().mpcKeys; },
    get keyshares() { return repositories().keyshares; },
    get faces() { return repositories().faces; },
    get transactions() { return repositories().transactions; },
    get dialectUsers() { return repositories().dialectUsers; },
    get profiles() { return repositories().profiles; },
    get accounts() { return repositories().accounts; },
    get appSigningKeys() { return repositories().appSigningKeys; },
    get clientDevices() { return repositories().clientDevices; },
    get aaguidRules() { return repositories().aaguidRules; },
    get operators() { return repositories().operators; },
    get operatorEnrollments() { return repositories().operatorEnrollments; },
    transaction: (work) => work(view),
    async ping() {
      await sql`select 1`.execute(trx);
    },
    close: () => Promise.reject(new Error('a unit of work does not close the store')),
  };
  return view;
}

/**
 * One implementation of the storage port for SQLite and PostgreSQL. The database is opened
 * here but not migrated: call `migrateToLatest` (migrate.ts) before first use.
 */
export function createKyselyStorage(options: KyselyStorageOptions): KyselyStorage {
  const { db, hot } = open(options);
  const storage: KyselyStorage = {
    kind: options.kind,
    db,
    schema: options.kind === 'postgres' ? options.schema : undefined,
    ...createRepositories(db, hot),
    // SQLite: the executor's unit of work, in which this very store's queries run on the
    // transaction, so the view is the store as the caller holds it (a wrapper of it included);
    // PostgreSQL: a transaction on one pooled connection, seen through its own view.
    transaction<T>(this: Storage | undefined, work: (view: Storage) => Promise<T>): Promise<T> {
      if (hot.unitOfWork === undefined) return db.transaction().execute((trx) => work(transactionalView(trx)));
      const view = this ?? storage;
      return hot.unitOfWork(() => work(view));
    },
    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },
    async close(): Promise<void> {
      // Writes handed over just before closing are written (or fail) before the connection goes.
      await hot.close();
      await db.destroy();
    },
  };
  return storage;
}
