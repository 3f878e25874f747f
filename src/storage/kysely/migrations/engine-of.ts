import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Which engine a migration runs on, for the few statements (triggers) that differ. */
export function engineOf(db: Kysely<unknown>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
