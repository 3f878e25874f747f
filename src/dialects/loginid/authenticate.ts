import type { FastifyRequest } from 'fastify';
import type { ApiKeyScope } from '../../core/api-key.ts';
import { authenticateApiKey, type ApiKeyPrincipal } from '../../core/api-keys/authenticate-api-key.ts';
import type { CoreDeps, RequestContext } from '../../core/deps.ts';
import { DomainError } from '../../core/errors.ts';
import type { AccessTokenClaims } from '../../core/tokens/issue-access-token.ts';
import { verifyAccessToken } from '../../core/tokens/verify-access-token.ts';
import type { User } from '../../core/user.ts';
import { contextOf } from '../../http/request-context.ts';
import type { LoginIdScope } from './wire.ts';

export interface LoginIdCaller {
  readonly user: User;
  readonly claims: AccessTokenClaims;
  readonly ctx: RequestContext;
}

/**
 * The credential in `Authorization`, in each form LoginID clients send: bare (the web SDK sends
 * the JWT without a scheme), `Bearer <x>`, or for API keys `Basic base64("<key>:")`. An empty
 * header (sent after sign-out) is no header.
 */
export function presentedCredential(request: FastifyRequest): string | null {
  const header = request.headers.authorization?.trim();
  if (header === undefined || header === '') return null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(header);
  if (bearer?.[1]) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(header);
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? decoded : decoded.slice(0, colon);
  }
  return /\s/.test(header) ? null : header;
}

/** A user route: one of the tenant's own access tokens carrying `scope`; without it, 403. */
export async function authenticateLoginIdUser(core: CoreDeps, request: FastifyRequest, scope: LoginIdScope): Promise<LoginIdCaller> {
  const token = presentedCredential(request);
  if (token === null) throw new DomainError('unauthorized', { detail: 'no user token' });
  return userOfToken(core, request, token, scope);
}

/** The same check for routes where a token is optional (reg/init); null when none was sent. */
export async function optionalLoginIdUser(core: CoreDeps, request: FastifyRequest, scope: LoginIdScope): Promise<LoginIdCaller | null> {
  const token = presentedCredential(request);
  return token === null ? null : userOfToken(core, request, token, scope);
}

async function userOfToken(core: CoreDeps, request: FastifyRequest, token: string, scope: LoginIdScope): Promise<LoginIdCaller> {
  const claims = await verifyAccessToken(core, request.tenant, token);
  if (!(claims.scope ?? '').split(' ').includes(scope)) throw new DomainError('forbidden', { detail: `scope ${scope} missing` });
  const user = await core.storage.users.getById(request.tenant.id, claims.sub);
  if (!user) throw new DomainError('token_invalid', { detail: 'token subject no longer exists' });
  if (user.status !== 'active') throw new DomainError('user_disabled');
  return { user, claims, ctx: contextOf(request, `user:${user.id}`) };
}

/** A management route: a management API key of this tenant holding `scope`. */
export async function authenticateLoginIdManager(core: CoreDeps, request: FastifyRequest, scope: ApiKeyScope): Promise<ApiKeyPrincipal & { ctx: RequestContext }> {
  const key = presentedCredential(request);
  if (key === null) throw new DomainError('unauthorized', { detail: 'no api key presented' });
  const principal = await authenticateApiKey(core, key, { tenantId: request.tenant.id, scope });
  return { ...principal, ctx: contextOf(request, `api-key:${principal.apiKey.id}`) };
}
