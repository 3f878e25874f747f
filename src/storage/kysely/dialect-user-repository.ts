import type { Kysely } from 'kysely';
import type { DialectUserRepository } from '../../core/users/dialect-user-registration.ts';
import type { Database } from './database.ts';
import { dialectUserFromRow, dialectUserToRow } from './dialect-user-row.ts';

export function createDialectUserRepository(db: Kysely<Database>): DialectUserRepository {
  return {
    async register(registration) {
      const result = await db
        .insertInto('dialect_users')
        .values(dialectUserToRow(registration))
        .onConflict((c) => c.columns(['tenant_id', 'user_id', 'dialect']).doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) === 1n;
    },
    async get(tenantId, userId, dialect) {
      const row = await db
        .selectFrom('dialect_users')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('dialect', '=', dialect)
        .executeTakeFirst();
      return row === undefined ? null : dialectUserFromRow(row);
    },
  };
}
