import type { Kysely } from 'kysely';
import type { AccountRepository } from '../../core/accounts/account-repository.ts';
import type { Database } from './database.ts';

/** Tables whose rows belong to one user, children before the tables they reference. */
const OWNED_BY_USER = ['duo_keyshare_backups', 'duo_keys', 'duo_transactions', 'duo_face_enrollments', 'duo_users', 'client_devices', 'external_identities', 'credentials'] as const;

export function createAccountRepository(db: Kysely<Database>): AccountRepository {
  return {
    // One transaction: an account is gone entirely or not at all.
    async deleteUser(tenantId, userId) {
      return db.transaction().execute(async (trx) => {
        for (const table of OWNED_BY_USER) {
          await trx.deleteFrom(table).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
        }
        const result = await trx.deleteFrom('users').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },
    async deleteCredentials(tenantId, userId, kind) {
      const result = await db.deleteFrom('credentials').where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
