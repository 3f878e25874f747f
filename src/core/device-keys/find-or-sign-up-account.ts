import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername, type User } from '../user.ts';
import { createUser } from '../users/create-user.ts';
import type { DeviceAccount } from './device-account.ts';

/** The account an enrollment is for: a user that exists, or a username to sign up. */
export type FoundAccount = { readonly user: User } | { readonly signUp: string };

/**
 * Finds the account an enrollment is for, writing nothing. An unknown username is to be signed
 * up (when the tenant allows sign-up and `mayCreate`); an unknown user id is `user_not_found`.
 */
export async function findAccount(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, account: DeviceAccount, mayCreate: boolean): Promise<FoundAccount> {
  if ('userId' in account) {
    const user = await deps.storage.users.getById(tenant.id, account.userId);
    if (!user) throw new DomainError('user_not_found');
    return { user };
  }
  const username = normalizeUsername(account.username);
  const found = await deps.storage.users.getByUsername(tenant.id, username);
  if (found) return { user: found };
  // A key bound to someone else is refused before an account is made for it.
  if (!mayCreate) throw new DomainError('credential_conflict', { detail: 'key bound to another user' });
  if (!tenant.policies.allowSignUp) throw new DomainError('signup_disabled');
  return { signUp: username };
}

/**
 * `findAccount`, then the sign-up itself. When two first enrollments race for one username, the
 * loser finds the winner's account, which then needs authority.
 */
export async function findOrSignUpAccount(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  account: DeviceAccount,
  mayCreate: boolean,
): Promise<{ user: User; created: boolean }> {
  const found = await findAccount(deps, tenant, account, mayCreate);
  if ('user' in found) return { user: found.user, created: false };
  try {
    return { user: await createUser(deps, ctx, tenant, { username: found.signUp }), created: true };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'username_taken') throw error;
    const winner = await deps.storage.users.getByUsername(tenant.id, found.signUp);
    if (!winner) throw error;
    return { user: winner, created: false };
  }
}
