import type { Kysely } from 'kysely';
import { DomainError } from '../../core/errors.ts';
import type { TenantRepository } from '../../core/ports.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { Database } from './database.ts';
import { tenantFromRow, tenantToRow } from './tenant-row.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { USER_OWNED_TABLES } from './user-owned-tables.ts';

const SLUG_KEY = { name: 'tenants_slug_key', table: 'tenants', columns: ['slug'] } as const;

export function createTenantRepository(db: Kysely<Database>): TenantRepository {
  return {
    async create(tenant: Tenant): Promise<void> {
      try {
        await db.insertInto('tenants').values(tenantToRow(tenant)).execute();
      } catch (error) {
        if (isUniqueViolation(error, SLUG_KEY)) {
          throw new DomainError('invalid_request', { detail: `tenant slug ${JSON.stringify(tenant.slug)} is taken` });
        }
        throw error;
      }
    },

    async update(tenant: Tenant): Promise<void> {
      const row = tenantToRow(tenant);
      await db
        .updateTable('tenants')
        .set({
          rp_id: row.rp_id,
          rp_name: row.rp_name,
          origins: row.origins,
          policies: row.policies,
          integrations: row.integrations,
          dialects: row.dialects,
          status: row.status,
          updated_at: row.updated_at,
        })
        .where('id', '=', tenant.id)
        .execute();
    },

    async delete(id: string): Promise<boolean> {
      // Children before parents, so the foreign keys hold at every statement.
      for (const table of USER_OWNED_TABLES) await db.deleteFrom(table).where('tenant_id', '=', id).execute();
      for (const table of ['operators', 'operator_enrollments', 'users', 'api_keys', 'signing_keys', 'app_signing_keys', 'revoked_tokens', 'aaguid_rules'] as const) await db.deleteFrom(table).where('tenant_id', '=', id).execute();
      const result = await db.deleteFrom('tenants').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows === 1n;
    },

    async getById(id: string): Promise<Tenant | null> {
      const row = await db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? null : tenantFromRow(row);
    },

    async getBySlug(slug: string): Promise<Tenant | null> {
      const row = await db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row === undefined ? null : tenantFromRow(row);
    },

    async list(): Promise<Tenant[]> {
      const rows = await db.selectFrom('tenants').selectAll().orderBy('created_at').orderBy('id').execute();
      return rows.map(tenantFromRow);
    },
  };
}
