import type { Kysely } from 'kysely';
import type { KeyshareBackupRepository } from '../../core/keyshares/keyshare-repositories.ts';
import type { Database } from './database.ts';
import { keyshareBackupFromRow, keyshareBackupToRow } from './keyshare-rows.ts';

export function createKeyshareBackupRepository(db: Kysely<Database>): KeyshareBackupRepository {
  return {
    // One transaction: a request that backs up several keys stores all of them or none.
    async putAll(backups) {
      if (backups.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const backup of backups) {
          await trx
            .insertInto('keyshare_backups')
            .values(keyshareBackupToRow(backup))
            .onConflict((c) =>
              c.columns(['tenant_id', 'key_id']).doUpdateSet((eb) => ({
                user_id: eb.ref('excluded.user_id'),
                sealed_keyshare: eb.ref('excluded.sealed_keyshare'),
                created_at: eb.ref('excluded.created_at'),
              })),
            )
            .execute();
        }
      });
    },
    async get(tenantId, keyId) {
      const row = await db
        .selectFrom('keyshare_backups')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('key_id', '=', keyId)
        .executeTakeFirst();
      return row === undefined ? null : keyshareBackupFromRow(row);
    },
    async listByUser(tenantId, userId) {
      const rows = await db
        .selectFrom('keyshare_backups')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('key_id')
        .execute();
      return rows.map(keyshareBackupFromRow);
    },
  };
}
