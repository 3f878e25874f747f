import type { Migration } from 'kysely/migration';

/** Users of a tenant's trusted external identity provider, keyed by the provider's (iss, sub). */
export const externalIdentities: Migration = {
  async up(db) {
    await db.schema
      .createTable('external_identities')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('external_identities_pkey', ['tenant_id', 'issuer', 'subject'])
      .addForeignKeyConstraint('external_identities_user_fkey', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
      .execute();
  },
};
