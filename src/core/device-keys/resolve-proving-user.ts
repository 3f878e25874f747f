import type { CoreDeps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { normalizeUsername, type User } from '../user.ts';
import type { DeviceAccount } from './device-account.ts';

/**
 * The user a possession proof is for. A user id comes from an authenticated session, so its
 * absence is reported as such. A username comes from the client (BioKey): an unknown or
 * disabled one fails exactly like a wrong signature, so the answer never tells whether the
 * username exists (v0.1.0 answered 404 "Unknown userId"; only the legacy switch does that).
 */
export async function resolveProvingUser(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, account: DeviceAccount): Promise<User> {
  if ('userId' in account) {
    const user = await deps.storage.users.getById(tenant.id, account.userId);
    if (!user) throw new DomainError('user_not_found');
    if (user.status !== 'active') throw new DomainError('user_disabled');
    return user;
  }
  const user = await deps.storage.users.getByUsername(tenant.id, normalizeUsername(account.username));
  if (!user || user.status !== 'active') {
    throw new DomainError('signature_invalid', { detail: user ? 'the user is disabled' : 'no user has this username' });
  }
  return user;
}
