import type { Migration } from 'kysely/migration';

/**
 * The Duo auth service (seed 001): registered users, face enrollments, MPC keys reported by the
 * MPC node, sealed keyshare backups and DSG validations (transactions). Every row belongs to a
 * user of its tenant; a backup belongs to a known key.
 */
export const duo: Migration = {
  async up(db) {
    await db.schema
      .createTable('duo_users')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('duo_users_pkey', ['tenant_id', 'user_id'])
      .addForeignKeyConstraint('duo_users_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
      .execute();

    await db.schema
      .createTable('duo_face_enrollments')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('face_ref', 'text', (c) => c.notNull())
      .addColumn('registered_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('duo_face_enrollments_pkey', ['tenant_id', 'user_id'])
      .addForeignKeyConstraint('duo_face_enrollments_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
      .execute();

    await db.schema
      .createTable('duo_keys')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('device_credential_id', 'text', (c) => c.notNull())
      .addColumn('instance', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('duo_keys_pkey', ['tenant_id', 'key_id'])
      .addForeignKeyConstraint('duo_keys_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('duo_keys_tenant_user_idx').on('duo_keys').columns(['tenant_id', 'user_id']).execute();

    await db.schema
      .createTable('duo_keyshare_backups')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('sealed_keyshare', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('duo_keyshare_backups_pkey', ['tenant_id', 'key_id'])
      .addForeignKeyConstraint('duo_keyshare_backups_key_fkey', ['tenant_id', 'key_id'], 'duo_keys', ['tenant_id', 'key_id'])
      .addForeignKeyConstraint('duo_keyshare_backups_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('duo_keyshare_backups_tenant_user_idx').on('duo_keyshare_backups').columns(['tenant_id', 'user_id']).execute();

    await db.schema
      .createTable('duo_transactions')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('device_key', 'text', (c) => c.notNull())
      .addColumn('instance', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('duo_transactions_pkey', ['tenant_id', 'id'])
      .addForeignKeyConstraint('duo_transactions_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
      .execute();
    await db.schema.createIndex('duo_transactions_tenant_user_created_idx').on('duo_transactions').columns(['tenant_id', 'user_id', 'created_at']).execute();
  },
};
