import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../core/deps.ts';
import type { BearerPolicy } from '../../core/identity/authenticate-bearer.ts';
import type { User } from '../../core/user.ts';
import { authenticateRequestBearer } from '../../http/request-bearer.ts';
import { contextOf } from '../../http/request-context.ts';
import type { Services } from '../../services.ts';

/**
 * Duo routes take the access token of the tenant's trusted identity provider (Auth0 or any OIDC
 * issuer: JWKS signature, `iss`, `aud` containing the API identifier, `exp`). Sigil's own access
 * tokens for the tenant are accepted too, so a tenant that signs users in with Sigil's passkeys
 * needs no external provider. No scope is required: the vendor names none.
 */
export const DUO_BEARER_POLICY: BearerPolicy = { acceptSigil: true, acceptIdentityProvider: true };

export interface DuoCaller {
  readonly user: User;
  readonly ctx: RequestContext;
}

export async function authenticateDuoUser(services: Services, request: FastifyRequest): Promise<DuoCaller> {
  const principal = await authenticateRequestBearer(services.core, request, DUO_BEARER_POLICY);
  return { user: principal.user, ctx: contextOf(request, `user:${principal.user.id}`) };
}
