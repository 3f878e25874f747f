import type { CompiledQuery, Kysely } from 'kysely';
import type { AuditEvent } from '../../core/audit-event.ts';
import type { AuditPage, AuditRepository } from '../../core/ports.ts';
import { auditEventFromRow, auditEventToRow, type AuditEventTable } from './audit-event-row.ts';
import type { Database } from './database.ts';
import { createGroupCommit } from './group-commit.ts';
import type { HotPathExecutor } from './hot-path-executor.ts';
import { precompile, precompileQuery } from './precompiled.ts';

const COLUMNS = ['id', 'tenant_id', 'at', 'actor', 'action', 'subject', 'outcome', 'request_id', 'detail'] as const;

/** One event's insert, compiled once: for writes that append their audit row themselves. */
export function auditInsertQuery(db: Kysely<Database>): (event: AuditEvent) => CompiledQuery {
  const bind = precompileQuery<unknown[], unknown>(COLUMNS.length, (...slots) =>
    db.insertInto('audit_events').values(Object.fromEntries(COLUMNS.map((c, i) => [c, slots[i]])) as unknown as AuditEventTable),
  );
  return (event) => {
    const row = auditEventToRow(event);
    return bind(...COLUMNS.map((c) => row[c]));
  };
}

type InsertRows = (...values: unknown[]) => Promise<unknown>;

/** Append-only by construction: no update or delete here, and triggers refuse them in the database. */
export function createAuditRepository(db: Kysely<Database>, hot: HotPathExecutor): AuditRepository {
  // Every login appends a row. Concurrent requests share one commit: on SQLite the executor
  // already writes everything handed over in a turn in one transaction; elsewhere they share one
  // multi-row insert (group commit). The insert for each batch size is compiled once.
  const inserts = new Map<number, InsertRows>();
  const insertOf = (size: number): InsertRows => {
    let insert = inserts.get(size);
    if (!insert) {
      insert = precompile<unknown[], unknown>(hot, size * COLUMNS.length, (...slots) => {
        const rows = Array.from({ length: size }, (_, r) => Object.fromEntries(COLUMNS.map((c, i) => [c, slots[r * COLUMNS.length + i]])) as unknown as AuditEventTable);
        return db.insertInto('audit_events').values(rows);
      });
      inserts.set(size, insert);
    }
    return insert;
  };
  const valuesOf = (events: readonly AuditEvent[]): unknown[] =>
    events.flatMap((e) => {
      const row = auditEventToRow(e);
      return COLUMNS.map((c) => row[c]);
    });
  const insertOne = auditInsertQuery(db);
  const append = hot.batchesWrites
    ? async (event: AuditEvent): Promise<void> => {
        await hot.execute(insertOne(event));
      }
    : createGroupCommit<AuditEvent>(async (events) => {
        await insertOf(events.length)(...valuesOf(events));
      });

  return {
    append,

    /** Newest first by (at, id); `before` is an exclusive time, `after` an exclusive (at, id) position. */
    async list(tenantId: string, page: AuditPage): Promise<AuditEvent[]> {
      let query = db.selectFrom('audit_events').selectAll().where('tenant_id', '=', tenantId);
      if (page.before !== undefined) query = query.where('at', '<', page.before);
      if (page.until !== undefined) query = query.where('at', '<', page.until);
      if (page.since !== undefined) query = query.where('at', '>=', page.since);
      if (page.action !== undefined) query = query.where('action', '=', page.action);
      if (page.subject !== undefined) query = query.where('subject', '=', page.subject);
      if (page.actor !== undefined) query = query.where('actor', '=', page.actor);
      if (page.outcome !== undefined) query = query.where('outcome', '=', page.outcome);
      const after = page.after;
      if (after !== undefined) query = query.where((eb) => eb.or([eb('at', '<', after.at), eb.and([eb('at', '=', after.at), eb('id', '<', after.id)])]));
      const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
      return rows.map(auditEventFromRow);
    },
  };
}
