import type { Kysely } from 'kysely';
import type { AppSigningKeyRecord, AppSigningKeyRepository } from '../../core/accounts/app-signing-key.ts';
import { appKeyFromRow, appKeyToRow } from './account-rows.ts';
import type { Database } from './database.ts';

export function createAppSigningKeyRepository(db: Kysely<Database>): AppSigningKeyRepository {
  return {
    async create(key: AppSigningKeyRecord): Promise<void> {
      await db.insertInto('app_signing_keys').values(appKeyToRow(key)).execute();
    },
    async listByTenant(tenantId: string): Promise<AppSigningKeyRecord[]> {
      const rows = await db.selectFrom('app_signing_keys').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at', 'desc').orderBy('kid', 'desc').execute();
      return rows.map(appKeyFromRow);
    },
    async retire(tenantId: string, kid: string, at: number): Promise<boolean> {
      const result = await db
        .updateTable('app_signing_keys')
        .set({ status: 'retired', retired_at: at })
        .where('tenant_id', '=', tenantId)
        .where('kid', '=', kid)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },
  };
}
