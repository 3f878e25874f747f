import type { AuditEvent, AuditOutcome } from './audit-event.ts';
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

/** The event `recordAudit` would append, for a store that writes it together with a change. */
export function auditEventOf(deps: Pick<CoreDeps, 'clock' | 'random'>, ctx: RequestContext, entry: AuditEntry): AuditEvent {
  const at = deps.clock.now();
  return {
    id: timeOrderedUuid(at, deps.random),
    tenantId: entry.tenantId,
    at,
    actor: entry.actor ?? ctx.actor,
    action: entry.action,
    subject: entry.subject ?? null,
    outcome: entry.outcome ?? 'success',
    requestId: ctx.requestId,
    detail: entry.detail ?? null,
  };
}

/** Appends one audit event. Secrets never go into `detail`: ids and error codes only. */
export async function recordAudit(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await deps.storage.audit.append(auditEventOf(deps, ctx, entry));
}
