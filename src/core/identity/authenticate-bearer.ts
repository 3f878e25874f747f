import { decodeJwt } from 'jose';
import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { issuerOf } from '../tokens/issuer.ts';
import type { AuthMethod } from '../tokens/issue-access-token.ts';
import { verifyAccessToken } from '../tokens/verify-access-token.ts';
import type { User } from '../user.ts';
import { userForExternalIdentity } from './user-for-external-identity.ts';

export interface BearerPrincipal {
  readonly user: User;
  /** Sigil's own access token, or the tenant's trusted identity provider's. */
  readonly source: 'sigil' | 'idp';
  /** The token's scopes: the provider's, or the `scope` claim of Sigil's own (empty without one). */
  readonly scopes: readonly string[];
  readonly amr: readonly AuthMethod[];
}

export interface BearerPolicy {
  readonly acceptSigil: boolean;
  readonly acceptIdentityProvider: boolean;
}

const BOTH: BearerPolicy = { acceptSigil: true, acceptIdentityProvider: true };

/**
 * Authenticates `Authorization: Bearer` tokens of protected routes. The unverified `iss` only
 * picks the verifier; the chosen verifier then checks issuer, audience, signature and expiry.
 * A user of the external provider becomes a Sigil user on first sight.
 */
export async function authenticateBearer(
  deps: CoreDeps,
  ctx: RequestContext,
  tenant: Tenant,
  token: string,
  policy: BearerPolicy = BOTH,
): Promise<BearerPrincipal> {
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch (error) {
    throw new DomainError('token_invalid', { detail: 'not a JWT', cause: error });
  }
  const provider = tenant.integrations.identityProvider;
  if (policy.acceptSigil && iss === issuerOf(deps.settings, tenant)) {
    const claims = await verifyAccessToken(deps, tenant, token);
    const user = await deps.storage.users.getById(tenant.id, claims.sub);
    if (!user) throw new DomainError('token_invalid', { detail: 'token subject no longer exists' });
    if (user.status !== 'active') throw new DomainError('user_disabled');
    return { user, source: 'sigil', scopes: claims.scope === undefined ? [] : claims.scope.split(' ').filter((s) => s !== ''), amr: claims.amr };
  }
  if (policy.acceptIdentityProvider && provider !== null && iss === provider.issuer) {
    const claims = await deps.idp.verify(provider, token, deps.clock.now());
    const { user, created } = await userForExternalIdentity(deps, ctx, tenant, claims.issuer, claims.subject);
    if (created) {
      await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'external-identity.linked', subject: `user:${user.id}`, detail: { issuer: claims.issuer } });
    }
    if (user.status !== 'active') throw new DomainError('user_disabled');
    return { user, source: 'idp', scopes: claims.scopes, amr: [] };
  }
  throw new DomainError('token_invalid', { detail: 'token from an issuer this tenant does not trust' });
}
