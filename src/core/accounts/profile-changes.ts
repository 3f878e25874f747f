import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { MAX_USERNAME_LENGTH, type User } from '../user.ts';
import type { LoginProvider, UserProfile } from './user-profile.ts';

type Deps = Pick<CoreDeps, 'storage' | 'clock' | 'random'>;

/** The stored profile, or the one a user without a row has (accounts made before profiles). */
export async function profileOf(deps: Pick<CoreDeps, 'storage'>, tenant: Tenant, user: User): Promise<UserProfile> {
  return (await deps.storage.profiles.get(tenant.id, user.id)) ?? { tenantId: tenant.id, userId: user.id, userName: null, locale: null, loginProvider: 'handle', lastLoginAt: null, updatedAt: user.updatedAt };
}

/** Notes a successful sign-in (time; provider when it is an external one). */
export async function recordLogin(deps: Deps, tenant: Tenant, user: User, provider?: LoginProvider): Promise<UserProfile> {
  const now = deps.clock.now();
  const profile = { ...(await profileOf(deps, tenant, user)), lastLoginAt: now, updatedAt: now, ...(provider ? { loginProvider: provider } : {}) };
  await deps.storage.profiles.put(profile);
  return profile;
}

export async function setLocale(deps: Deps, ctx: RequestContext, tenant: Tenant, user: User, locale: string): Promise<void> {
  const profile = await profileOf(deps, tenant, user);
  await deps.storage.profiles.put({ ...profile, locale, updatedAt: deps.clock.now() });
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'profile.updated', subject: `user:${user.id}`, detail: { fields: ['locale'] } });
}

/**
 * A second login name. It may not be another user's username (handle) or user name:
 * `username_taken`. Setting one's own current name again changes nothing.
 */
export async function setUserName(deps: Deps, ctx: RequestContext, tenant: Tenant, user: User, userName: string): Promise<void> {
  const holder = await deps.storage.users.getByUsername(tenant.id, userName);
  if (holder !== null && holder.id !== user.id) throw new DomainError('username_taken', { detail: 'the user name is a handle of another user' });
  const profile = await profileOf(deps, tenant, user);
  await deps.storage.profiles.put({ ...profile, userName, updatedAt: deps.clock.now() });
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'profile.updated', subject: `user:${user.id}`, detail: { fields: ['userName'] } });
}

export async function setDisplayName(deps: Deps, ctx: RequestContext, tenant: Tenant, user: User, displayName: string): Promise<User> {
  const name = displayName.normalize('NFC').trim().slice(0, MAX_USERNAME_LENGTH);
  if (name === '') throw new DomainError('invalid_request', { detail: 'empty display name' });
  const updated = await deps.storage.users.update(tenant.id, user.id, { displayName: name, updatedAt: deps.clock.now() });
  if (!updated) throw new DomainError('user_not_found');
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'profile.updated', subject: `user:${user.id}`, detail: { fields: ['displayName'] } });
  return updated;
}
