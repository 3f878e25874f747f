import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

/**
 * The tables whose rows belong to one user, in an order that deletes children before their
 * parents (key-share backups reference MPC keys). A table added for user data joins this list,
 * so deleting a user or a tenant removes it too.
 */
export const USER_OWNED_TABLES = [
  'keyshare_backups',
  'mpc_keys',
  'face_enrollments',
  'transactions',
  'dialect_users',
  'external_identities',
  'client_devices',
  'user_profiles',
  'credentials',
] as const;

/**
 * Deletes a user and every row they own, in several statements: the caller runs them in one unit
 * of work. A backup kept under one of the user's keys goes with the key, whoever stored it.
 * The one implementation behind `UserRepository.delete` and `AccountRepository.deleteUser`.
 */
export async function deleteUserRows(db: Kysely<Database>, tenantId: string, userId: string): Promise<boolean> {
  const keys = db.selectFrom('mpc_keys').select('key_id').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
  await db.deleteFrom('keyshare_backups').where('tenant_id', '=', tenantId).where('key_id', 'in', keys).execute();
  for (const table of USER_OWNED_TABLES) await db.deleteFrom(table).where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
  const result = await db.deleteFrom('users').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}
