import type { CompiledQuery, Kysely } from 'kysely';
import type { AuditEvent } from '../../core/audit-event.ts';
import type { CredentialUsePatch } from '../../core/credential.ts';
import { auditInsertQuery } from './audit-repository.ts';
import type { Database } from './database.ts';
import type { HotPathExecutor } from './hot-path-executor.ts';
import { engineOf } from './migrations/engine-of.ts';
import { createPostgresAuditedUses } from './postgres-audited-uses.ts';

export type RecordUseAudited = (tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch, event: AuditEvent) => Promise<boolean>;

type CompareAndSetQuery = (tenantId: string, id: string, expectedSignCount: number, patch: CredentialUsePatch) => CompiledQuery;

/**
 * A login's durable write: the counter's compare-and-set and its audit row, atomically.
 *
 * - SQLite: the executor's conditional pair (`writeIfChanged`): the compare-and-set, then the
 *   audit row only when it matched, in one savepoint, committed with the writes of its turn (no
 *   SQLite statement can both update and insert; the batch already shares one commit among
 *   logins).
 * - PostgreSQL: one statement for every login handed over in a turn (postgres-audited-uses.ts):
 *   one round trip and one commit, against BEGIN, UPDATE, INSERT, COMMIT for each login.
 */
export function createRecordUseAudited(db: Kysely<Database>, hot: HotPathExecutor, compareAndSetQuery: CompareAndSetQuery): RecordUseAudited {
  if (engineOf(db) === 'postgres') {
    const batched = createPostgresAuditedUses(hot);
    return (tenantId, id, expectedSignCount, patch, event) => batched({ tenantId, id, expectedSignCount, patch, event });
  }
  if (hot.writeIfChanged === undefined) throw new Error("SQLite storage writes through the executor's conditional pairs");
  const writeIfChanged = hot.writeIfChanged.bind(hot);
  const insertAudit = auditInsertQuery(db);
  return (tenantId, id, expectedSignCount, patch, event) => writeIfChanged(compareAndSetQuery(tenantId, id, expectedSignCount, patch), insertAudit(event));
}
