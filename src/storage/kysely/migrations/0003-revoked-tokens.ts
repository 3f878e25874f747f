import type { Migration } from 'kysely/migration';

/** Access tokens revoked before their expiry, kept only until they would have expired. */
export const revokedTokens: Migration = {
  async up(db) {
    await db.schema
      .createTable('revoked_tokens')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('jti', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('revoked_tokens_pkey', ['tenant_id', 'jti'])
      .execute();
    await db.schema.createIndex('revoked_tokens_expires_at_idx').on('revoked_tokens').column('expires_at').execute();
  },
};
