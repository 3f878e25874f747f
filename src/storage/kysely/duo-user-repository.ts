import type { Kysely } from 'kysely';
import type { DuoUserRepository } from '../../core/duo/duo-storage.ts';
import type { Database } from './database.ts';
import { duoUserFromRow, duoUserToRow } from './duo-row.ts';

export function createDuoUserRepository(db: Kysely<Database>): DuoUserRepository {
  return {
    async register(registration) {
      const result = await db
        .insertInto('duo_users')
        .values(duoUserToRow(registration))
        .onConflict((c) => c.columns(['tenant_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) === 1n;
    },
    async get(tenantId, userId) {
      const row = await db.selectFrom('duo_users').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return row === undefined ? null : duoUserFromRow(row);
    },
  };
}
