import type { Migration } from 'kysely/migration';

/**
 * The management API's state: a tenant can be disabled (its public routes answer
 * `tenant_not_found`, its API keys are refused) without losing its data, and an API key can
 * carry an expiry after which it is refused like a revoked one.
 */
export const management: Migration = {
  async up(db) {
    await db.schema.alterTable('tenants').addColumn('status', 'text', (c) => c.notNull().defaultTo('active')).execute();
    await db.schema.alterTable('api_keys').addColumn('expires_at', 'bigint').execute();
  },
};
