/** The `face_enrollments` table and its row ↔ domain mappers. */
import type { FaceEnrollment } from '../../core/face/face-enrollment.ts';

export interface FaceEnrollmentTable {
  tenant_id: string;
  user_id: string;
  face_ref: string;
  registered_at: number;
}

export const faceEnrollmentToRow = (e: FaceEnrollment): FaceEnrollmentTable => ({
  tenant_id: e.tenantId,
  user_id: e.userId,
  face_ref: e.faceRef,
  registered_at: e.registeredAt,
});

export const faceEnrollmentFromRow = (row: FaceEnrollmentTable): FaceEnrollment => ({
  tenantId: row.tenant_id,
  userId: row.user_id,
  faceRef: row.face_ref,
  registeredAt: row.registered_at,
});
