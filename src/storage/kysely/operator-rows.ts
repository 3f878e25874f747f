import type { Operator, OperatorEnrollment } from '../../core/operators/operator.ts';
import { decodeJson, encodeJson } from './column-codecs.ts';

export interface OperatorTable {
  tenant_id: string;
  user_id: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: number;
}

export interface OperatorEnrollmentTable {
  id: string;
  tenant_id: string;
  secret_hash: string;
  /** JSON array of scopes. */
  scopes: string;
  created_at: number;
  expires_at: number;
}

export function operatorToRow(operator: Operator): OperatorTable {
  return { tenant_id: operator.tenantId, user_id: operator.userId, scopes: encodeJson(operator.scopes), created_at: operator.createdAt };
}

export function operatorFromRow(row: OperatorTable): Operator {
  return { tenantId: row.tenant_id, userId: row.user_id, scopes: decodeJson<Operator['scopes']>(row.scopes), createdAt: Number(row.created_at) };
}

export function enrollmentToRow(enrollment: OperatorEnrollment): OperatorEnrollmentTable {
  return {
    id: enrollment.id,
    tenant_id: enrollment.tenantId,
    secret_hash: enrollment.secretHash,
    scopes: encodeJson(enrollment.scopes),
    created_at: enrollment.createdAt,
    expires_at: enrollment.expiresAt,
  };
}

export function enrollmentFromRow(row: OperatorEnrollmentTable): OperatorEnrollment {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    secretHash: row.secret_hash,
    scopes: decodeJson<OperatorEnrollment['scopes']>(row.scopes),
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
  };
}
