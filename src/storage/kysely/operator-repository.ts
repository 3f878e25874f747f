import type { Kysely } from 'kysely';
import type { Operator, OperatorRepository } from '../../core/operators/operator.ts';
import type { Database } from './database.ts';
import { operatorFromRow, operatorToRow } from './operator-rows.ts';

export function createOperatorRepository(db: Kysely<Database>): OperatorRepository {
  return {
    async put(operator: Operator): Promise<void> {
      const row = operatorToRow(operator);
      await db
        .insertInto('operators')
        .values(row)
        .onConflict((c) => c.columns(['tenant_id', 'user_id']).doUpdateSet({ scopes: row.scopes }))
        .execute();
    },

    async get(tenantId: string, userId: string): Promise<Operator | null> {
      const row = await db.selectFrom('operators').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return row === undefined ? null : operatorFromRow(row);
    },

    async list(tenantId: string): Promise<Operator[]> {
      const rows = await db.selectFrom('operators').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('user_id').execute();
      return rows.map(operatorFromRow);
    },

    async remove(tenantId: string, userId: string): Promise<boolean> {
      const result = await db.deleteFrom('operators').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
