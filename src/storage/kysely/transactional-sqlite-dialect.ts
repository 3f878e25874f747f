import { SqliteAdapter, SqliteDialect } from 'kysely';
import type { DialectAdapter } from 'kysely';

/** SQLite rolls back schema changes like any other, so a failed migration leaves nothing half-made. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * Kysely's SQLite dialect, except that it declares transactional DDL: the migrator then runs a
 * batch of migrations and its bookkeeping in one transaction, all or nothing (Kysely's own
 * adapter says no and runs each statement on its own).
 */
export class TransactionalSqliteDialect extends SqliteDialect {
  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
