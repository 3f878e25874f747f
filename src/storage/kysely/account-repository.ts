import type { Kysely } from 'kysely';
import type { AccountRepository, UserProfile } from '../../core/accounts/user-profile.ts';
import type { Credential } from '../../core/credential.ts';
import { DomainError } from '../../core/errors.ts';
import type { User } from '../../core/user.ts';
import { profileToRow } from './account-rows.ts';
import { credentialToRow } from './credential-row.ts';
import type { Database } from './database.ts';
import { USER_NAME_KEY } from './profile-repository.ts';
import { isUniqueViolation } from './unique-violation.ts';
import { userToRow } from './user-row.ts';

const USERNAME_KEY = { name: 'users_tenant_username_key', table: 'users', columns: ['tenant_id', 'username'] } as const;
const CREDENTIAL_KEY = { name: 'credentials_tenant_credential_id_key', table: 'credentials', columns: ['tenant_id', 'credential_id'] } as const;

export function createAccountRepository(db: Kysely<Database>): AccountRepository {
  return {
    async create(user: User, credential: Credential | null, profile: UserProfile): Promise<void> {
      try {
        await db.transaction().execute(async (trx) => {
          await trx.insertInto('users').values(userToRow(user)).execute();
          if (credential !== null) await trx.insertInto('credentials').values(credentialToRow(credential)).execute();
          await trx.insertInto('user_profiles').values(profileToRow(profile)).execute();
        });
      } catch (error) {
        if (isUniqueViolation(error, USERNAME_KEY)) throw new DomainError('username_taken', { detail: 'the username exists in this tenant' });
        if (isUniqueViolation(error, CREDENTIAL_KEY)) throw new DomainError('credential_conflict', { detail: 'credential id already registered' });
        if (isUniqueViolation(error, USER_NAME_KEY)) throw new DomainError('username_taken', { detail: 'the user name is held by another user' });
        throw error;
      }
    },

    async delete(tenantId: string, userId: string): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        await trx.deleteFrom('user_profiles').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
        await trx.deleteFrom('external_identities').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
        await trx.deleteFrom('credentials').where('tenant_id', '=', tenantId).where('user_id', '=', userId).execute();
        const result = await trx.deleteFrom('users').where('tenant_id', '=', tenantId).where('id', '=', userId).executeTakeFirst();
        return result.numDeletedRows === 1n;
      });
    },
  };
}
