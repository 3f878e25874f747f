import { PostgresAdapter } from 'kysely';
import type { DialectAdapter } from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Which engine a Kysely handle talks to, for the few statements (triggers) that differ. */
export function engineOf(db: { getExecutor(): { readonly adapter: DialectAdapter } }): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
