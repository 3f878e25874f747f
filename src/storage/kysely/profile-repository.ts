import type { Kysely } from 'kysely';
import type { ProfileRepository, UserProfile } from '../../core/accounts/user-profile.ts';
import { DomainError } from '../../core/errors.ts';
import { profileFromRow, profileToRow } from './account-rows.ts';
import type { Database } from './database.ts';
import { isUniqueViolation } from './unique-violation.ts';

export const USER_NAME_KEY = { name: 'user_profiles_tenant_user_name_key', table: 'user_profiles', columns: ['tenant_id', 'user_name'] } as const;

export function createProfileRepository(db: Kysely<Database>): ProfileRepository {
  return {
    async get(tenantId: string, userId: string): Promise<UserProfile | null> {
      const row = await db.selectFrom('user_profiles').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
      return row === undefined ? null : profileFromRow(row);
    },

    async put(profile: UserProfile): Promise<void> {
      const row = profileToRow(profile);
      try {
        await db
          .insertInto('user_profiles')
          .values(row)
          .onConflict((c) =>
            c.columns(['tenant_id', 'user_id']).doUpdateSet({
              user_name: row.user_name,
              locale: row.locale,
              login_provider: row.login_provider,
              last_login_at: row.last_login_at,
              updated_at: row.updated_at,
            }),
          )
          .execute();
      } catch (error) {
        if (isUniqueViolation(error, USER_NAME_KEY)) throw new DomainError('username_taken', { detail: 'the user name is held by another user of this tenant' });
        throw error;
      }
    },

    async findUserIdByUserName(tenantId: string, userName: string): Promise<string | null> {
      const row = await db.selectFrom('user_profiles').select('user_id').where('tenant_id', '=', tenantId).where('user_name', '=', userName).executeTakeFirst();
      return row?.user_id ?? null;
    },
  };
}
