import type { Kysely } from 'kysely';
import type { ApiKey } from '../../core/api-key.ts';
import type { ApiKeyRepository } from '../../core/ports.ts';
import { apiKeyFromRow, apiKeyToRow } from './api-key-row.ts';
import type { Database } from './database.ts';

export function createApiKeyRepository(db: Kysely<Database>): ApiKeyRepository {
  return {
    async create(key: ApiKey): Promise<void> {
      await db.insertInto('api_keys').values(apiKeyToRow(key)).execute();
    },

    async getByLookupId(lookupId: string): Promise<ApiKey | null> {
      const row = await db.selectFrom('api_keys').selectAll().where('lookup_id', '=', lookupId).executeTakeFirst();
      return row === undefined ? null : apiKeyFromRow(row);
    },

    async listByTenant(tenantId: string): Promise<ApiKey[]> {
      const rows = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(apiKeyFromRow);
    },

    /** A transition: false when absent or already revoked (the first revocation time stays). */
    async revoke(tenantId: string, id: string, at: number): Promise<boolean> {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async touch(tenantId: string, id: string, at: number): Promise<void> {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
  };
}
