import type { Kysely } from 'kysely';
import type { AccountRepository } from '../../core/accounts/account-repository.ts';
import type { Database } from './database.ts';
import { USER_OWNED_TABLES } from './user-owned-tables.ts';


export function createAccountRepository(db: Kysely<Database>): AccountRepository {
  return {
    // Several statements: the caller runs them in one unit of work (the port says so).
    async deleteUser(tenantId, userId) {
      // A backup kept under one of the user's keys goes with the key, whoever stored it.
      const keys = db.selectFrom('mpc_keys').select('key_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
      await db.deleteFrom('keyshare_backups').where('tenant_id', '=', tenantId).where('key_id', 'in', keys).execute();
      for (const table of USER_OWNED_TABLES) {
        await db.deleteFrom(table).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
      }
      const result = await db.deleteFrom('users').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async deleteCredentials(tenantId, userId, kind) {
      const result = await db.deleteFrom('credentials').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
