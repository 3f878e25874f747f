import { SqliteAdapter, SqliteDialect } from 'kysely';
import type { DialectAdapter, Driver, SqliteDialectConfig } from 'kysely';
import { ScopedSqliteDriver } from './scoped-sqlite-driver.ts';
import type { UnitOfWorkScope } from './unit-of-work-scope.ts';

/** SQLite rolls back schema changes like any other, so a failed migration leaves nothing half-made. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }

  /** Not true of SQLite: the one connection's lock is taken by ScopedSqliteDriver instead of Kysely. */
  override get supportsMultipleConnections(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect, except that it declares transactional DDL (the migrator then runs a
 * batch of migrations and its bookkeeping in one transaction, all or nothing; Kysely's own
 * adapter says no and runs each statement on its own), and that queries made inside an open unit
 * of work run on its connection instead of waiting for it (scoped-sqlite-driver.ts).
 */
export class TransactionalSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #scope: UnitOfWorkScope;

  constructor(config: SqliteDialectConfig, scope: UnitOfWorkScope) {
    super(config);
    this.#config = config;
    this.#scope = scope;
  }

  override createDriver(): Driver {
    return new ScopedSqliteDriver(this.#config, this.#scope);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
