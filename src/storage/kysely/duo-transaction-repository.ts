import type { Kysely } from 'kysely';
import type { DuoTransactionRepository } from '../../core/duo/duo-storage.ts';
import type { Database } from './database.ts';
import { duoTransactionFromRow, duoTransactionToRow } from './duo-row.ts';

export function createDuoTransactionRepository(db: Kysely<Database>): DuoTransactionRepository {
  return {
    async add(transaction) {
      await db.insertInto('duo_transactions').values(duoTransactionToRow(transaction)).execute();
    },
    async listByUser(tenantId, userId, limit) {
      const rows = await db
        .selectFrom('duo_transactions')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(duoTransactionFromRow);
    },
  };
}
