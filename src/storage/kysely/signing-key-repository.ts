import type { Kysely } from 'kysely';
import type { SigningKeyRepository } from '../../core/ports.ts';
import type { SigningKeyRecord } from '../../core/signing-key.ts';
import type { Database } from './database.ts';
import { signingKeyFromRow, signingKeyToRow } from './signing-key-row.ts';

export function createSigningKeyRepository(db: Kysely<Database>): SigningKeyRepository {
  return {
    async create(key: SigningKeyRecord): Promise<void> {
      await db.insertInto('signing_keys').values(signingKeyToRow(key)).execute();
    },

    /** Newest first. */
    async listByTenant(tenantId: string): Promise<SigningKeyRecord[]> {
      const rows = await db
        .selectFrom('signing_keys')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at', 'desc')
        .orderBy('kid', 'desc')
        .execute();
      return rows.map(signingKeyFromRow);
    },

    /** A transition: false when absent or already retired (the first retirement time stays). */
    async retire(tenantId: string, kid: string, at: number): Promise<boolean> {
      const result = await db
        .updateTable('signing_keys')
        .set({ status: 'retired', retired_at: at })
        .where('tenant_id', '=', tenantId)
        .where('kid', '=', kid)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}
