import type { Migration } from 'kysely/migration';

/**
 * Tenants and the records that belong to them. Portable types only: ids, binary (base64url) and
 * JSON as text, timestamps as integer milliseconds (bigint), booleans as 0/1 smallints.
 * Users and credentials are keyed by (tenant_id, id), so a credential's user is provably in
 * the credential's tenant.
 */
export const initial: Migration = {
  async up(db) {
    await db.schema
      .createTable('tenants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull())
      .addColumn('rp_id', 'text', (c) => c.notNull())
      .addColumn('rp_name', 'text', (c) => c.notNull())
      .addColumn('origins', 'text', (c) => c.notNull())
      .addColumn('policies', 'text', (c) => c.notNull())
      .addColumn('integrations', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tenants_slug_key').on('tenants').column('slug').unique().execute();

    await db.schema
      .createTable('users')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('email_verified', 'smallint', (c) => c.notNull())
      .addColumn('phone', 'text')
      .addColumn('phone_verified', 'smallint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('users_pkey', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('users_tenant_username_key').on('users').columns(['tenant_id', 'username']).unique().execute();

    await db.schema
      .createTable('credentials')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('credential_id', 'text', (c) => c.notNull())
      .addColumn('public_key', 'text', (c) => c.notNull())
      .addColumn('algorithm', 'integer', (c) => c.notNull())
      .addColumn('sign_count', 'bigint', (c) => c.notNull())
      .addColumn('aaguid', 'text')
      .addColumn('transports', 'text', (c) => c.notNull())
      .addColumn('attestation_format', 'text')
      .addColumn('attestation_trust', 'text')
      .addColumn('backup_eligible', 'smallint', (c) => c.notNull())
      .addColumn('backup_state', 'smallint', (c) => c.notNull())
      .addColumn('user_verified', 'smallint', (c) => c.notNull())
      .addColumn('device_id', 'text')
      .addColumn('name', 'text')
      .addColumn('platform', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('last_used_at', 'bigint')
      .addColumn('revoked_at', 'bigint')
      .addPrimaryKeyConstraint('credentials_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('credentials_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
      .execute();
    await db.schema
      .createIndex('credentials_tenant_credential_id_key')
      .on('credentials')
      .columns(['tenant_id', 'credential_id'])
      .unique()
      .execute();
    await db.schema.createIndex('credentials_tenant_user_idx').on('credentials').columns(['tenant_id', 'user_id']).execute();

    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('lookup_id', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('revoked_at', 'bigint')
      .addColumn('last_used_at', 'bigint')
      .execute();
    await db.schema.createIndex('api_keys_lookup_id_key').on('api_keys').column('lookup_id').unique().execute();
    await db.schema.createIndex('api_keys_tenant_idx').on('api_keys').column('tenant_id').execute();

    await db.schema
      .createTable('signing_keys')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('kid', 'text', (c) => c.notNull())
      .addColumn('alg', 'text', (c) => c.notNull())
      .addColumn('public_jwk', 'text', (c) => c.notNull())
      .addColumn('sealed_private_key', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('retired_at', 'bigint')
      .addPrimaryKeyConstraint('signing_keys_pkey', ['tenant_id', 'kid'])
      .execute();
  },
};
