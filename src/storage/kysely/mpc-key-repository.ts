import type { Kysely } from 'kysely';
import type { MpcKeyRepository } from '../../core/keyshares/keyshare-repositories.ts';
import type { Database } from './database.ts';
import { mpcKeyFromRow, mpcKeyToRow } from './keyshare-rows.ts';

export function createMpcKeyRepository(db: Kysely<Database>): MpcKeyRepository {
  const get: MpcKeyRepository['get'] = async (tenantId, keyId) => {
    const row = await db.selectFrom('mpc_keys').selectAll().where('tenant_id', '=', tenantId).where('key_id', '=', keyId).executeTakeFirst();
    return row === undefined ? null : mpcKeyFromRow(row);
  };
  return {
    // Insert-if-absent, then read back: of two racing notifications the first row stays, and
    // both callers see which user it belongs to.
    async add(key) {
      await db
        .insertInto('mpc_keys')
        .values(mpcKeyToRow(key))
        .onConflict((c) => c.columns(['tenant_id', 'key_id']).doNothing())
        .execute();
      const stored = await get(key.tenantId, key.keyId);
      if (stored === null) throw new Error('MPC key vanished after insert');
      return stored;
    },
    get,
    async listByUser(tenantId, userId) {
      const rows = await db
        .selectFrom('mpc_keys')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .orderBy('key_id')
        .execute();
      return rows.map(mpcKeyFromRow);
    },
  };
}
