import type { Migration } from 'kysely/migration';

/**
 * Devices users register or sign in from (what their clients say about them), and per-tenant
 * rules refusing authenticator models by AAGUID. Both first served by the LoginID dialect.
 */
export const devicesAndAaguidRules: Migration = {
  async up(db) {
    await db.schema
      .createTable('client_devices')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      /** JSON object of the client's claims. */
      .addColumn('info', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('client_devices_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('client_devices_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('client_devices_tenant_user_idx').on('client_devices').columns(['tenant_id', 'user_id']).execute();

    await db.schema
      .createTable('aaguid_rules')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('aaguid', 'text', (c) => c.notNull())
      .addColumn('block_registration', 'smallint', (c) => c.notNull())
      .addColumn('block_authentication', 'smallint', (c) => c.notNull())
      .addPrimaryKeyConstraint('aaguid_rules_pkey', ['tenant_id', 'aaguid'])
      .addForeignKeyConstraint('aaguid_rules_tenant_fkey', ['tenant_id'], 'tenants', ['id'])
      .execute();
  },
};
