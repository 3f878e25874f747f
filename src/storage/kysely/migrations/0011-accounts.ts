import type { Migration } from 'kysely/migration';

/**
 * User profiles (a second unique login name, locale, how and when the user last signed in) and
 * each tenant's RS256 keys for the ID tokens apps verify themselves (AppKey's `jwt`).
 */
export const accounts: Migration = {
  async up(db) {
    await db.schema
      .createTable('user_profiles')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text')
      .addColumn('locale', 'text')
      .addColumn('login_provider', 'text', (c) => c.notNull())
      .addColumn('last_login_at', 'bigint')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('user_profiles_pkey', ['tenant_id', 'user_id'])
      .addForeignKeyConstraint('user_profiles_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
      .execute();
    // NULLs are distinct in both engines: any number of users without a user name.
    await db.schema.createIndex('user_profiles_tenant_user_name_key').on('user_profiles').columns(['tenant_id', 'user_name']).unique().execute();

    await db.schema
      .createTable('app_signing_keys')
      .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
      .addColumn('kid', 'text', (c) => c.notNull())
      .addColumn('public_pem', 'text', (c) => c.notNull())
      .addColumn('sealed_private_key', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('retired_at', 'bigint')
      .addPrimaryKeyConstraint('app_signing_keys_pkey', ['tenant_id', 'kid'])
      .execute();
  },
};
