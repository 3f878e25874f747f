import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope } from '../../core/api-key.ts';
import { authenticateApiKey, type ApiKeyPrincipal } from '../../core/api-keys/authenticate-api-key.ts';
import type { CoreDeps, RequestContext } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import type { BearerPolicy, BearerPrincipal } from '../../core/identity/authenticate-bearer.ts';
import type { User } from '../../core/user.ts';
import { bearerTokenOf, type AuthorizationForms } from '../../http/bearer.ts';
import { authenticateRequestBearer, optionalRequestBearer } from '../../http/request-bearer.ts';
import { contextOf } from '../../http/request-context.ts';
import type { LoginIdScope } from './wire.ts';

export interface LoginIdCaller {
  readonly user: User;
  readonly ctx: RequestContext;
}

/** User tokens: the web SDK sends its JWT bare, backends as `Bearer`; only the tenant's own tokens. */
const USER_TOKEN_FORMS: AuthorizationForms = { bare: true };
const SIGIL_TOKENS_ONLY: BearerPolicy = { acceptSigil: true, acceptIdentityProvider: false };
/** Management keys: raw, `Bearer <key>` or `Basic base64("<key>:")`, as LoginID backends send them. */
const API_KEY_FORMS: AuthorizationForms = { bare: true, basic: true };

function callerWith(request: FastifyRequest, principal: BearerPrincipal, scope: LoginIdScope): LoginIdCaller {
  if (!principal.scopes.includes(scope)) throw new DomainError('forbidden', { detail: `scope ${scope} missing` });
  return { user: principal.user, ctx: contextOf(request, `user:${principal.user.id}`) };
}

/** A user route: one of the tenant's own access tokens (through the shared bearer helper) carrying `scope`; without it, 403. */
export async function authenticateLoginIdUser(core: CoreDeps, request: FastifyRequest, scope: LoginIdScope): Promise<LoginIdCaller> {
  return callerWith(request, await authenticateRequestBearer(core, request, SIGIL_TOKENS_ONLY, USER_TOKEN_FORMS), scope);
}

/** The same check for routes where a token is optional (reg/init); null when none was sent. */
export async function optionalLoginIdUser(core: CoreDeps, request: FastifyRequest, scope: LoginIdScope): Promise<LoginIdCaller | null> {
  const principal = await optionalRequestBearer(core, request, SIGIL_TOKENS_ONLY, USER_TOKEN_FORMS);
  return principal === null ? null : callerWith(request, principal, scope);
}

/** A management route: a management API key of this tenant holding `scope`. */
export async function authenticateLoginIdManager(core: CoreDeps, request: FastifyRequest, scope: ApiKeyScope): Promise<ApiKeyPrincipal & { ctx: RequestContext }> {
  const principal = await authenticateApiKey(core, bearerTokenOf(request, API_KEY_FORMS), { tenantId: request.tenant.id, scope });
  return { ...principal, ctx: contextOf(request, `api-key:${principal.apiKey.id}`) };
}
