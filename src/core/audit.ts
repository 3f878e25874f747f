import type { AuditOutcome } from './audit-event.ts';
import type { CoreDeps, RequestContext } from './deps.ts';
import { timeOrderedUuid } from './time-ordered-id.ts';

export interface AuditEntry {
  readonly tenantId: string;
  readonly action: string;
  readonly subject?: string | null;
  readonly outcome?: AuditOutcome;
  readonly detail?: Readonly<Record<string, unknown>> | null;
  /** Overrides the context's actor (e.g. a user proven during the operation itself). */
  readonly actor?: string;
}

/** Appends one audit event. Secrets never go into `detail`: ids and error codes only. */
export async function recordAudit(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const at = deps.clock.now();
  await deps.storage.audit.append({
    id: timeOrderedUuid(at, deps.random),
    tenantId: entry.tenantId,
    at,
    actor: entry.actor ?? ctx.actor,
    action: entry.action,
    subject: entry.subject ?? null,
    outcome: entry.outcome ?? 'success',
    requestId: ctx.requestId,
    detail: entry.detail ?? null,
  });
}
