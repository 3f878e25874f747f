import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { ApiKeyScope } from '../core/api-key.ts';
import { authenticateApiKey, type ApiKeyPrincipal } from '../core/api-keys/authenticate-api-key.ts';
import type { CoreDeps } from '../core/deps.ts';
import { DomainError } from '../core/errors.ts';
import { DEFAULT_TENANT_SLUG } from '../core/tenant.ts';

/** The management key from `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function presentedApiKey(request: FastifyRequest): string {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim();
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey.trim();
  throw new DomainError('unauthorized', { detail: 'no api key presented' });
}

export async function requireApiKey(core: CoreDeps, request: FastifyRequest, scope: ApiKeyScope): Promise<ApiKeyPrincipal> {
  return authenticateApiKey(core, presentedApiKey(request), { scope });
}

const principals = new WeakMap<FastifyRequest, ApiKeyPrincipal>();

/**
 * A route's guard, run before its schema validates the input: who calls is settled first (401,
 * then 403), so a caller without the right key learns nothing about the shapes a route accepts.
 * `platform` routes (tenants) also need a key of the default tenant, whatever scopes another
 * tenant's key holds (a tenant's first key holds `*`).
 */
export function guard(core: CoreDeps, scope: ApiKeyScope, options: { platform?: boolean } = {}): { preValidation: preValidationAsyncHookHandler } {
  return {
    async preValidation(request) {
      const principal = await requireApiKey(core, request, scope);
      if (options.platform === true && principal.tenant.slug !== DEFAULT_TENANT_SLUG) {
        throw new DomainError('forbidden', { detail: `${scope} is a platform scope, held only by keys of the default tenant` });
      }
      principals.set(request, principal);
    },
  };
}

/** The principal `guard` authenticated for this request. */
export function principalOf(request: FastifyRequest): ApiKeyPrincipal {
  const principal = principals.get(request);
  if (!principal) throw new Error('route without an api-key guard');
  return principal;
}
