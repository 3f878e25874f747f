import { sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import { engineOf } from './engine-of.ts';

/**
 * The audit log, append-only in the database itself: triggers refuse UPDATE and DELETE (and
 * TRUNCATE on PostgreSQL), so not even a bug elsewhere in the server can rewrite history.
 * No foreign key to tenants: an audit row must be writable whatever else fails.
 */
export const auditEvents: Migration = {
  async up(db) {
    await db.schema
      .createTable('audit_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('detail', 'text')
      .execute();
    await db.schema.createIndex('audit_events_tenant_at_idx').on('audit_events').columns(['tenant_id', 'at']).execute();

    if (engineOf(db) === 'postgres') {
      await sql`
        create function audit_events_refuse_change() returns trigger language plpgsql as $$
        begin
          raise exception 'audit_events is append-only';
        end
        $$`.execute(db);
      await sql`
        create trigger audit_events_append_only before update or delete on audit_events
        for each row execute function audit_events_refuse_change()`.execute(db);
      await sql`
        create trigger audit_events_no_truncate before truncate on audit_events
        for each statement execute function audit_events_refuse_change()`.execute(db);
    } else {
      await sql`
        create trigger audit_events_no_update before update on audit_events
        begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
      await sql`
        create trigger audit_events_no_delete before delete on audit_events
        begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    }
  },
};
