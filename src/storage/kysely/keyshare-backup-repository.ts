import type { Kysely } from 'kysely';
import type { KeyshareBackupRepository } from '../../core/keyshares/keyshare-repositories.ts';
import type { Database } from './database.ts';
import { keyshareBackupFromRow, keyshareBackupToRow } from './keyshare-rows.ts';

export function createKeyshareBackupRepository(db: Kysely<Database>): KeyshareBackupRepository {
  return {
    // One statement: a request that backs up several keys stores all of them or none, and it
    // joins a unit of work like any other write.
    async putAll(backups) {
      if (backups.length === 0) return;
      await db
        .insertInto('keyshare_backups')
        .values(backups.map(keyshareBackupToRow))
        .onConflict((c) =>
          c.columns(['tenant_id', 'key_id']).doUpdateSet((eb) => ({
            user_id: eb.ref('excluded.user_id'),
            sealed_keyshare: eb.ref('excluded.sealed_keyshare'),
            created_at: eb.ref('excluded.created_at'),
          })),
        )
        .execute();
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
