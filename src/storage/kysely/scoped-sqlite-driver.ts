import { SqliteDriver } from 'kysely';
import type { DatabaseConnection, SqliteDialectConfig } from 'kysely';
import type { UnitOfWorkScope } from './unit-of-work-scope.ts';

/**
 * Kysely's SQLite driver with the one connection's lock kept here instead of in Kysely's runtime
 * (the adapter declares several connections, so Kysely takes no lock of its own): a caller waits
 * for the connection unless it runs inside the unit of work that holds it (see UnitOfWorkScope),
 * whose queries are part of that very transaction.
 */
export class ScopedSqliteDriver extends SqliteDriver {
  readonly #scope: UnitOfWorkScope;
  #locked = false;
  readonly #waiting: (() => void)[] = [];

  constructor(config: SqliteDialectConfig, scope: UnitOfWorkScope) {
    super(config);
    this.#scope = scope;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (!this.#scope.inside()) await this.#lock();
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    if (!this.#scope.inside()) this.#unlock();
  }

  #lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #unlock(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#locked = false;
    else next();
  }
}
