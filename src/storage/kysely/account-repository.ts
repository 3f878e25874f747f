import type { Kysely } from 'kysely';
import type { AccountRepository } from '../../core/accounts/account-repository.ts';
import type { Database } from './database.ts';
import { deleteUserRows } from './user-owned-tables.ts';

export function createAccountRepository(db: Kysely<Database>): AccountRepository {
  return {
    deleteUser: (tenantId, userId) => deleteUserRows(db, tenantId, userId),
    async deleteCredentials(tenantId, userId, kind) {
      const result = await db.deleteFrom('credentials').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
