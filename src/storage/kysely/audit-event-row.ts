import type { AuditEvent, AuditOutcome } from '../../core/audit-event.ts';
import { decodeJson, encodeJson } from './column-codecs.ts';

export interface AuditEventTable {
  id: string;
  tenant_id: string;
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  outcome: AuditOutcome;
  request_id: string | null;
  /** JSON object, or null. */
  detail: string | null;
}

export function auditEventToRow(event: AuditEvent): AuditEventTable {
  return {
    id: event.id,
    tenant_id: event.tenantId,
    at: event.at,
    actor: event.actor,
    action: event.action,
    subject: event.subject,
    outcome: event.outcome,
    request_id: event.requestId,
    detail: event.detail === null ? null : encodeJson(event.detail),
  };
}

export function auditEventFromRow(row: AuditEventTable): AuditEvent {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    outcome: row.outcome,
    requestId: row.request_id,
    detail: row.detail === null ? null : decodeJson<Record<string, unknown>>(row.detail),
  };
}
