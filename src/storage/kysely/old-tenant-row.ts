import type { Tenant } from '../../core/tenant.ts';
import type { KyselyStorage } from './create-kysely-storage.ts';
import { tenantToRow, type TenantTable } from './tenant-row.ts';

/** A tenant row as the code before migration 0006 wrote it: vendor switches among the integrations, no dialects (nor 0012's status). */
export async function insertOldTenantRow(storage: KyselyStorage, tenant: Tenant, vendorSwitches: Record<string, unknown>): Promise<void> {
  const { dialects: _dialects, status: _status, ...row } = tenantToRow(tenant);
  row.integrations = JSON.stringify({ ...tenant.integrations, ...vendorSwitches });
  await storage.db.insertInto('tenants').values(row as TenantTable).execute();
}
