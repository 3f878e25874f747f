/** The `dialect_users` table and its row ↔ domain mappers. */
import type { DialectUserRegistration } from '../../core/users/dialect-user-registration.ts';

export interface DialectUserTable {
  tenant_id: string;
  user_id: string;
  dialect: string;
  registered_at: number;
}

export const dialectUserToRow = (r: DialectUserRegistration): DialectUserTable => ({
  tenant_id: r.tenantId,
  user_id: r.userId,
  dialect: r.dialect,
  registered_at: r.registeredAt,
});

export const dialectUserFromRow = (row: DialectUserTable): DialectUserRegistration => ({
  tenantId: row.tenant_id,
  userId: row.user_id,
  dialect: row.dialect,
  registeredAt: row.registered_at,
});
