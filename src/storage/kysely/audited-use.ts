import type { Kysely } from 'kysely';
import type { AuditEvent } from '../../core/audit-event.ts';
import type { CredentialUsePatch } from '../../core/credential.ts';
import { auditInsertQuery } from './audit-repository.ts';
import type { Database } from './database.ts';
import type { HotPathExecutor } from './hot-path-executor.ts';
import { engineOf } from './migrations/engine-of.ts';
import { createPostgresAuditedUses } from './postgres-audited-uses.ts';

export type RecordUseAudited = (tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch, event: AuditEvent) => Promise<boolean>;

type CompareAndSet = (tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch) => Promise<boolean>;

/**
 * A login's durable write: the counter's compare-and-set and its audit row, atomically.
 *
 * - SQLite: the executor's unit of work, committed with the writes of its turn (no statement
 *   there can both update and insert, and the batch already shares one commit among logins).
 * - PostgreSQL: one statement for every login handed over in a turn (postgres-audited-uses.ts):
 *   one round trip and one commit, against BEGIN, UPDATE, INSERT, COMMIT for each login.
 */
export function createRecordUseAudited(db: Kysely<Database>, hot: HotPathExecutor, compareAndSet: CompareAndSet): RecordUseAudited {
  if (engineOf(db) === 'postgres') {
    const batched = createPostgresAuditedUses(hot);
    return (tenantId, id, expectedSignCount, patch, event) => batched({ tenantId, id, expectedSignCount, patch, event });
  }
  if (hot.unitOfWork === undefined) throw new Error('SQLite storage writes through the executor\'s units of work');
  const unitOfWork = hot.unitOfWork.bind(hot);
  const insertAudit = auditInsertQuery(db);
  return (tenantId, id, expectedSignCount, patch, event) =>
    unitOfWork(async () => {
      if (!(await compareAndSet(tenantId, id, expectedSignCount, patch))) return false;
      await hot.execute(insertAudit(event));
      return true;
    });
}
