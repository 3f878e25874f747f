import type { Kysely } from 'kysely';
import type { DuoFaceRepository } from '../../core/duo/duo-storage.ts';
import type { Database } from './database.ts';
import { duoFaceFromRow, duoFaceToRow } from './duo-row.ts';

export function createDuoFaceRepository(db: Kysely<Database>): DuoFaceRepository {
  return {
    async enroll(enrollment) {
      const result = await db
        .insertInto('duo_face_enrollments')
        .values(duoFaceToRow(enrollment))
        .onConflict((c) => c.columns(['tenant_id', 'user_id']).doNothing())
        .executeTakeFirst();
      return (result.numInsertedOrUpdatedRows ?? 0n) === 1n;
    },
    async get(tenantId, userId) {
      const row = await db
        .selectFrom('duo_face_enrollments')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row === undefined ? null : duoFaceFromRow(row);
    },
  };
}
