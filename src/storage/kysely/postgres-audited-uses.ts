import { CompiledQuery } from 'kysely';
import type { AuditEvent } from '../../core/audit-event.ts';
import type { CredentialUsePatch } from '../../core/credential.ts';
import { auditEventToRow } from './audit-event-row.ts';
import { encodeFlag } from './column-codecs.ts';
import type { HotPathExecutor } from './hot-path-executor.ts';

/**
 * The logins' durable writes on PostgreSQL, any number in one statement: each input row is one
 * login's compare-and-set (UPDATE … FROM the input, its WHERE clause on the stored counter, the
 * credential's status: the same conditions as credential-repository.ts's compareAndSetUseQuery)
 * and, only for the rows the UPDATE returned, its audit row. A statement is atomic,
 * so a lost compare-and-set inserts nothing and a failed insert undoes every update. Concurrent
 * statements on one credential queue on its row lock and re-check the WHERE clause on the row
 * the winner left: of those expecting the same counter, exactly one matches. The arrays keep the
 * text the same whatever the batch size, so the database prepares and plans it once.
 */
export const AUDITED_USES_SQL = `with input as (
  select * from unnest(
    cast($1 as int[]), cast($2 as text[]), cast($3 as text[]), cast($4 as bigint[]),
    cast($5 as bigint[]), cast($6 as smallint[]), cast($7 as smallint[]), cast($8 as bigint[]),
    cast($9 as text[]), cast($10 as text[]), cast($11 as bigint[]), cast($12 as text[]), cast($13 as text[]),
    cast($14 as text[]), cast($15 as text[]), cast($16 as text[]), cast($17 as text[])
  ) as i (n, tenant_id, id, expected, sign_count, backup_eligible, backup_state, last_used_at,
          audit_id, audit_tenant_id, at, actor, action, subject, outcome, request_id, detail)
), used as (
  update credentials as c
  set sign_count = i.sign_count, backup_eligible = i.backup_eligible, backup_state = i.backup_state, last_used_at = i.last_used_at
  from input as i
  where c.tenant_id = i.tenant_id and c.id = i.id and c.sign_count = i.expected and c.status = 'active'
  returning i.n
), audited as (
  insert into audit_events (id, tenant_id, at, actor, action, subject, outcome, request_id, detail)
  select i.audit_id, i.audit_tenant_id, i.at, i.actor, i.action, i.subject, i.outcome, i.request_id, i.detail
  from input as i join used as u on u.n = i.n
)
select n from used`;

export interface AuditedUse {
  readonly tenantId: string;
  readonly id: string;
  readonly expectedSignCount: number;
  readonly patch: CredentialUsePatch;
  readonly event: AuditEvent;
}

/** The statement for `uses`: one array per input column, in the order of AUDITED_USES_SQL. */
export function auditedUsesQuery(uses: readonly AuditedUse[]): CompiledQuery<{ n: number }> {
  const columns: unknown[][] = Array.from({ length: 17 }, () => []);
  uses.forEach(({ tenantId, id, expectedSignCount, patch, event }, n) => {
    const row = auditEventToRow(event);
    const values = [
      n, tenantId, id, expectedSignCount,
      patch.signCount, encodeFlag(patch.backupEligible), encodeFlag(patch.backupState), patch.lastUsedAt,
      row.id, row.tenant_id, row.at, row.actor, row.action, row.subject, row.outcome, row.request_id, row.detail,
    ];
    values.forEach((value, column) => (columns[column] as unknown[]).push(value));
  });
  return CompiledQuery.raw(AUDITED_USES_SQL, columns) as CompiledQuery<{ n: number }>;
}

/** Row-lock order: tenant, then credential id (what the primary key orders by). */
function compareKeys(a: AuditedUse, b: AuditedUse): number {
  if (a.tenantId !== b.tenantId) return a.tenantId < b.tenantId ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** SQLSTATE classes and codes after which PostgreSQL has undone the statement and said so. */
function leftStatementUndone(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code.startsWith('23') || code === '40P01' || code === '40001' || code === '57014');
}

interface Waiting {
  readonly use: AuditedUse;
  readonly resolve: (won: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit of the logins' writes: the uses handed over while the database is busy go to it
 * in one statement (one round trip, one commit), and each caller learns whether its own
 * compare-and-set won only after that commit. At most `maxInFlight` statements run at once;
 * uses that arrive meanwhile wait for the next one, so under load a statement carries many
 * logins and the database commits far less often than once per login. A batch holds at most one
 * use of each credential (a second waits for the next batch), since an UPDATE applies one input
 * row per target row. A batch's rows go in the order of (tenant, credential id), so that two
 * statements in flight (here or on other nodes) take their row locks in one order and cannot
 * deadlock each other (the plan walks the input in its order: a nested loop on the primary key).
 * Should a batch of several fail with an error that leaves its statement undone (a constraint,
 * a deadlock or serialization failure, a cancelled statement), each of its uses is tried again
 * alone, one after another — so one use's failure is never another's; any other error (the
 * connection lost: the commit's outcome is unknown) fails every use of the batch as it is.
 */
export function createPostgresAuditedUses(hot: HotPathExecutor, { maxBatch = 100, maxInFlight = 2 } = {}): (use: AuditedUse) => Promise<boolean> {
  let pending: Waiting[] = [];
  let scheduled = false;
  let inFlight = 0;

  const run = async (uses: readonly AuditedUse[]): Promise<Set<number>> => new Set((await hot.execute(auditedUsesQuery(uses))).rows.map((r) => r.n));
  const runAlone = (waiting: Waiting): Promise<void> => run([waiting.use]).then((won) => waiting.resolve(won.has(0)), waiting.reject);
  const retryEachAlone = async (batch: readonly Waiting[], error: unknown): Promise<void> => {
    if (!leftStatementUndone(error)) {
      batch.forEach((w) => w.reject(error));
      return;
    }
    for (const waiting of batch) await runAlone(waiting);
  };

  const schedule = (): void => {
    if (scheduled || pending.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  const flush = (): void => {
    scheduled = false;
    const batch: Waiting[] = [];
    const later: Waiting[] = [];
    const credentials = new Set<string>();
    for (const waiting of pending) {
      const key = `${waiting.use.tenantId}\u0000${waiting.use.id}`;
      if (batch.length >= maxBatch || credentials.has(key)) {
        later.push(waiting);
      } else {
        credentials.add(key);
        batch.push(waiting);
      }
    }
    pending = later;
    batch.sort((a, b) => compareKeys(a.use, b.use));
    const written =
      batch.length === 1
        ? runAlone(batch[0] as Waiting)
        : run(batch.map((w) => w.use)).then(
            (won) => batch.forEach((w, n) => w.resolve(won.has(n))),
            (error: unknown) => retryEachAlone(batch, error),
          );
    inFlight++;
    void written.finally(() => {
      inFlight--;
      schedule();
    });
    schedule();
  };

  return (use) =>
    new Promise<boolean>((resolve, reject) => {
      pending.push({ use, resolve, reject });
      schedule();
    });
}
