import type { Kysely } from 'kysely';
import type { FaceEnrollmentRepository } from '../../core/face/face-enrollment.ts';
import type { Database } from './database.ts';
import { faceEnrollmentFromRow, faceEnrollmentToRow } from './face-enrollment-row.ts';

export function createFaceEnrollmentRepository(db: Kysely<Database>): FaceEnrollmentRepository {
  return {
    async enroll(enrollment) {
      const result = await db
        .insertInto('face_enrollments')
        .values(faceEnrollmentToRow(enrollment))
        .onConflict((c) => c.columns(['tenant_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) === 1n;
    },
    async get(tenantId, userId) {
      const row = await db
        .selectFrom('face_enrollments')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row === undefined ? null : faceEnrollmentFromRow(row);
    },
  };
}
