import type { Kysely } from 'kysely';
import type { OperatorEnrollment, OperatorEnrollmentRepository } from '../../core/operators/operator.ts';
import type { Database } from './database.ts';
import { enrollmentFromRow, enrollmentToRow } from './operator-rows.ts';

export function createOperatorEnrollmentRepository(db: Kysely<Database>): OperatorEnrollmentRepository {
  return {
    async replace(enrollment: OperatorEnrollment): Promise<void> {
      // Two statements: the core runs them in one unit of work, so a tenant never has two links.
      await db.deleteFrom('operator_enrollments').where('tenant_id', '=', enrollment.tenantId).execute();
      await db.insertInto('operator_enrollments').values(enrollmentToRow(enrollment)).execute();
    },

    async find(tenantId: string, secretHash: string): Promise<OperatorEnrollment | null> {
      const row = await db.selectFrom('operator_enrollments').selectAll().where('tenant_id', '=', tenantId).where('secret_hash', '=', secretHash).executeTakeFirst();
      return row === undefined ? null : enrollmentFromRow(row);
    },

    async take(tenantId: string, secretHash: string): Promise<OperatorEnrollment | null> {
      // DELETE … RETURNING is one statement on both engines: a second taker finds no row.
      const row = await db.deleteFrom('operator_enrollments').where('tenant_id', '=', tenantId).where('secret_hash', '=', secretHash).returningAll().executeTakeFirst();
      return row === undefined ? null : enrollmentFromRow(row);
    },

    async exists(tenantId: string): Promise<boolean> {
      const row = await db.selectFrom('operator_enrollments').select('id').where('tenant_id', '=', tenantId).limit(1).executeTakeFirst();
      return row !== undefined;
    },
  };
}
