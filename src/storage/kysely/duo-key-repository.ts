import type { Kysely } from 'kysely';
import type { DuoKeyRepository } from '../../core/duo/duo-storage.ts';
import type { Database } from './database.ts';
import { duoKeyFromRow, duoKeyToRow } from './duo-row.ts';

export function createDuoKeyRepository(db: Kysely<Database>): DuoKeyRepository {
  const get: DuoKeyRepository['get'] = async (tenantId, keyId) => {
    const row = await db.selectFrom('duo_keys').selectAll().where('tenant_id', '=', tenantId).where('key_id', '=', keyId).executeTakeFirst();
    return row === undefined ? null : duoKeyFromRow(row);
  };
  return {
    // Insert-if-absent, then read back: of two racing notifications the first row stays, and
    // both callers see which user it belongs to.
    async add(key) {
      await db
        .insertInto('duo_keys')
        .values(duoKeyToRow(key))
        .onConflict((c) => c.columns(['tenant_id', 'key_id']).doNothing())
        .execute();
      const stored = await get(key.tenantId, key.keyId);
      if (stored === null) throw new Error('duo key vanished after insert');
      return stored;
    },
    get,
    async listByUser(tenantId, userId) {
      const rows = await db
        .selectFrom('duo_keys')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('key_id')
        .execute();
      return rows.map(duoKeyFromRow);
    },
  };
}
