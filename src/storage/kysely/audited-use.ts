import { sql, type Kysely } from 'kysely';
import type { AuditEvent } from '../../core/audit-event.ts';
import type { CredentialUsePatch } from '../../core/credential.ts';
import { auditEventToRow, type AuditEventTable } from './audit-event-row.ts';
import { auditInsertQuery } from './audit-repository.ts';
import { encodeFlag } from './column-codecs.ts';
import type { Database } from './database.ts';
import type { HotPathExecutor } from './hot-path-executor.ts';
import { engineOf } from './migrations/engine-of.ts';
import { precompileQuery } from './precompiled.ts';

export type RecordUseAudited = (tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch, event: AuditEvent) => Promise<boolean>;

type CompareAndSet = (tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch) => Promise<boolean>;

/** The audit row's columns as the statement casts them: a SELECT list gives its parameters no type. */
const AUDIT_COLUMNS = [
  ['id', 'text'],
  ['tenant_id', 'text'],
  ['at', 'bigint'],
  ['actor', 'text'],
  ['action', 'text'],
  ['subject', 'text'],
  ['outcome', 'text'],
  ['request_id', 'text'],
  ['detail', 'text'],
] as const satisfies readonly (readonly [keyof AuditEventTable, string])[];

/**
 * A login's durable write: the counter's compare-and-set and its audit row, atomically.
 *
 * - PostgreSQL: one statement, a data-modifying CTE. The UPDATE carries the compare-and-set in
 *   its WHERE clause and the INSERT takes its row from the UPDATE's RETURNING, so a lost
 *   compare-and-set inserts nothing; a failed insert fails the statement, update included.
 *   Concurrent statements on one row queue on its lock and re-check the WHERE clause on the row
 *   the winner left, so exactly one of those expecting the same counter matches. One round trip
 *   on any pooled connection, against four for BEGIN, UPDATE, INSERT, COMMIT.
 * - SQLite: the executor's unit of work, committed with the writes of its turn (no CTE there can
 *   modify data, and the batch already shares one commit among concurrent logins).
 */
export function createRecordUseAudited(db: Kysely<Database>, hot: HotPathExecutor, compareAndSet: CompareAndSet): RecordUseAudited {
  if (engineOf(db) === 'sqlite' && hot.unitOfWork !== undefined) {
    const unitOfWork = hot.unitOfWork.bind(hot);
    const insertAudit = auditInsertQuery(db);
    return (tenantId, id, expectedSignCount, patch, event) =>
      unitOfWork(async () => {
        if (!(await compareAndSet(tenantId, id, expectedSignCount, patch))) return false;
        await hot.execute(insertAudit(event));
        return true;
      });
  }
  const statement = precompileQuery<unknown[], unknown>(7 + AUDIT_COLUMNS.length, (count, be, bs, at, tenantId, id, expected, ...audit) =>
    db
      .with('used', (w) =>
        w
          .updateTable('credentials')
          .set({ sign_count: count as number, backup_eligible: be as number, backup_state: bs as number, last_used_at: at as number })
          .where('tenant_id', '=', tenantId as string)
          .where('id', '=', id as string)
          .where('sign_count', '=', expected as number)
          // A credential revoked between the login's read and this write does not complete it.
          .where('status', '=', 'active')
          .returning('id'),
      )
      .insertInto('audit_events')
      .columns(AUDIT_COLUMNS.map(([column]) => column))
      .expression((eb) => eb.selectFrom('used').select(AUDIT_COLUMNS.map(([column, type], i) => sql`cast(${audit[i]} as ${sql.raw(type)})`.as(column)))),
  );
  return async (tenantId, id, expectedSignCount, patch, event) => {
    const row = auditEventToRow(event);
    const query = statement(
      patch.signCount,
      encodeFlag(patch.backupEligible),
      encodeFlag(patch.backupState),
      patch.lastUsedAt,
      tenantId,
      id,
      expectedSignCount,
      ...AUDIT_COLUMNS.map(([column]) => row[column]),
    );
    return (await hot.execute(query)).numAffectedRows === 1n;
  };
}
