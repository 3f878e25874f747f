import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { issueAccessToken, type IssuedToken } from '../tokens/issue-access-token.ts';
import type { User } from '../user.ts';
import { recordLogin } from './profile-changes.ts';
import type { LoginProvider, UserProfile } from './user-profile.ts';

export interface ExternalSignIn {
  readonly user: User;
  readonly profile: UserProfile;
  readonly token: IssuedToken;
}

/**
 * Signs in the account linked to a verified external identity (a Google or Apple ID token):
 * `user_not_found` when none is linked, `user_disabled` for a disabled account. Audited either way.
 */
export async function signInExternal(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  identity: { readonly issuer: string; readonly subject: string; readonly provider: LoginProvider },
): Promise<ExternalSignIn> {
  const userId = await deps.storage.externalIdentities.findUserId(tenant.id, identity.issuer, identity.subject);
  const user = userId === null ? null : await deps.storage.users.getById(tenant.id, userId);
  try {
    if (!user) throw new DomainError('user_not_found', { detail: `no account linked to this ${identity.provider} identity` });
    if (user.status !== 'active') throw new DomainError('user_disabled');
  } catch (error) {
    const code = error instanceof DomainError ? error.code : 'internal';
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'external-identity.authenticated', subject: user ? `user:${user.id}` : null, outcome: 'failure', detail: { issuer: identity.issuer, code } });
    throw error;
  }
  const token = await issueAccessToken(deps, tenant, { userId: user.id, amr: [] });
  const profile = await recordLogin(deps, tenant, user, identity.provider);
  await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'external-identity.authenticated', subject: `user:${user.id}`, actor: `user:${user.id}`, detail: { issuer: identity.issuer } });
  return { user, profile, token };
}
