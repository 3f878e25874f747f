import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername, type User } from '../user.ts';
import { createUser } from '../users/create-user.ts';
import type { DeviceAccount } from './device-account.ts';

/**
 * The account an enrollment is for. An unknown username is signed up (when the tenant allows
 * sign-up and `mayCreate`); an unknown user id is `user_not_found`. When two first enrollments
 * race for one username, the loser finds the winner's account, which then needs authority.
 */
export async function findOrSignUpAccount(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  account: DeviceAccount,
  mayCreate: boolean,
): Promise<{ user: User; created: boolean }> {
  if ('userId' in account) {
    const user = await deps.storage.users.getById(tenant.id, account.userId);
    if (!user) throw new DomainError('user_not_found');
    return { user, created: false };
  }
  const username = normalizeUsername(account.username);
  const found = await deps.storage.users.getByUsername(tenant.id, username);
  if (found) return { user: found, created: false };
  // A key bound to someone else is refused before an account is made for it.
  if (!mayCreate) throw new DomainError('credential_conflict', { detail: 'key bound to another user' });
  if (!tenant.policies.allowSignUp) throw new DomainError('signup_disabled');
  try {
    return { user: await createUser(deps, ctx, tenant, { username }), created: true };
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'username_taken') throw error;
    const winner = await deps.storage.users.getByUsername(tenant.id, username);
    if (!winner) throw error;
    return { user: winner, created: false };
  }
}
