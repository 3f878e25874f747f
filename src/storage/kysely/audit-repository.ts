import type { Kysely } from 'kysely';
import type { AuditEvent } from '../../core/audit-event.ts';
import type { AuditRepository } from '../../core/ports.ts';
import { auditEventFromRow, auditEventToRow } from './audit-event-row.ts';
import type { Database } from './database.ts';
import { createGroupCommit } from './group-commit.ts';

/** Append-only by construction: no update or delete here, and triggers refuse them in the database. */
export function createAuditRepository(db: Kysely<Database>): AuditRepository {
  // Every login appends a row: concurrent requests share one multi-row insert (group commit).
  const insert = createGroupCommit<AuditEvent>(async (events) => {
    await db.insertInto('audit_events').values(events.map(auditEventToRow)).execute();
  });
  return {
    append: insert,

    /** Newest first; `before` is exclusive, and ties on `at` are ordered by id. */
    async list(tenantId: string, page: { limit: number; before?: number }): Promise<AuditEvent[]> {
      let query = db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId);
      if (page.before !== undefined) query = query.where('at', '<', page.before);
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
      return rows.map(auditEventFromRow);
    },
  };
}
