import type { Kysely } from 'kysely';
import type { ClientDeviceRepository } from '../../core/devices/client-device.ts';
import type { Database } from './database.ts';
import { clientDeviceFromRow, clientDeviceToRow } from './client-device-row.ts';

export function createClientDeviceRepository(db: Kysely<Database>): ClientDeviceRepository {
  return {
    async save(device) {
      await db
        .insertInto('client_devices')
        .values(clientDeviceToRow(device))
        .onConflict((c) => c.columns(['tenant_id', 'id']).doUpdateSet((eb) => ({ info: eb.ref('excluded.info'), last_used_at: eb.ref('excluded.last_used_at') })))
        .execute();
    },
    async get(tenantId, id) {
      const row = await db.selectFrom('client_devices').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : clientDeviceFromRow(row);
    },
    async listByUser(tenantId, userId) {
      const rows = await db
        .selectFrom('client_devices')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .orderBy('last_used_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(clientDeviceFromRow);
    },
    async delete(tenantId, id) {
      const result = await db.deleteFrom('client_devices').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async deleteByUser(tenantId, userId) {
      const result = await db.deleteFrom('client_devices').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
