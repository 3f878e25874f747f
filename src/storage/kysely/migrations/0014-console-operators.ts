import type { Migration } from 'kysely/migration';

/**
 * The console's operators (users of a tenant who may manage it, with their scopes) and the
 * one-time links that enroll them, stored as digests.
 */
export const consoleOperators: Migration = {
  async up(db) {
    await db.schema
      .createTable('operators')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('operators_pkey', ['tenant_id', 'user_id'])
      // Deleting a user ends their role with them.
      .addForeignKeyConstraint('operators_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'], (fk) => fk.onDelete('cascade'))
      .execute();
    await db.schema
      .createTable('operator_enrollments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('operator_enrollments_secret_idx').on('operator_enrollments').columns(['tenant_id', 'secret_hash']).unique().execute();
  },
};
