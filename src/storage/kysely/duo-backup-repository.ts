import type { Kysely } from 'kysely';
import type { DuoBackupRepository } from '../../core/duo/duo-storage.ts';
import type { Database } from './database.ts';
import { duoBackupFromRow, duoBackupToRow } from './duo-row.ts';

export function createDuoBackupRepository(db: Kysely<Database>): DuoBackupRepository {
  return {
    // One transaction: a request that backs up several keys stores all of them or none.
    async putAll(backups) {
      if (backups.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const backup of backups) {
          await trx
            .insertInto('duo_keyshare_backups')
            .values(duoBackupToRow(backup))
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
        .selectFrom('duo_keyshare_backups')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('key_id', '=', keyId)
        .executeTakeFirst();
      return row === undefined ? null : duoBackupFromRow(row);
    },
    async listByUser(tenantId, userId) {
      const rows = await db
        .selectFrom('duo_keyshare_backups')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('key_id')
        .execute();
      return rows.map(duoBackupFromRow);
    },
  };
}
