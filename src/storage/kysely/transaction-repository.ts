import type { Kysely } from 'kysely';
import type { TransactionRepository } from '../../core/transactions/transaction-repository.ts';
import type { Database } from './database.ts';
import { encodeJson } from './column-codecs.ts';
import { transactionFromRow, transactionToRow } from './transaction-row.ts';

export function createTransactionRepository(db: Kysely<Database>): TransactionRepository {
  return {
    async add(transaction) {
      await db.insertInto('transactions').values(transactionToRow(transaction)).execute();
    },
    async get(tenantId, id) {
      const row = await db.selectFrom('transactions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : transactionFromRow(row);
    },
    // One conditional update: of two concurrent decisions only one finds the row still pending.
    async decide(tenantId, id, decision) {
      const result = await db
        .updateTable('transactions')
        .set({ status: decision.status, decided_at: decision.decidedAt, evidence: decision.evidence === null ? null : encodeJson(decision.evidence) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
    async listByUser(tenantId, userId, type, limit) {
      const rows = await db
        .selectFrom('transactions')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('type', '=', type)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(transactionFromRow);
    },
  };
}
