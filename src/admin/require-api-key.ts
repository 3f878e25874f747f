import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { ApiKey, ApiKeyScope } from '../core/api-key.ts';
import { authenticateApiKey } from '../core/api-keys/authenticate-api-key.ts';
import type { CoreDeps } from '../core/deps.ts';
import { DomainError } from '../core/errors.ts';
import { DEFAULT_TENANT_SLUG, type Tenant } from '../core/tenant.ts';
import { consoleSessionPrincipal } from './console/console-session-auth.ts';

/** Who calls the management API: an API key, or a console session (an operator's or a key's). */
export interface AdminPrincipal {
  readonly tenant: Tenant;
  /** For audit: `api-key:<id>`, or `user:<id>` for an operator signed in to the console. */
  readonly actor: string;
  readonly scopes: readonly (ApiKeyScope | '*')[];
  /** The key presented or behind the session; null for an operator's session. */
  readonly apiKey: ApiKey | null;
}

/** The management key from `Authorization: Bearer <key>` or `X-API-Key: <key>`, if any. */
export function presentedApiKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && /^Bearer\s+/i.test(header)) return header.replace(/^Bearer\s+/i, '').trim();
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') return apiKey.trim();
  return undefined;
}

/**
 * An API key when one is presented; otherwise the console session (its CSRF token checked on
 * state changes, src/admin/console/console-session-auth.ts); otherwise `unauthorized`.
 */
export async function requireApiKey(core: CoreDeps, request: FastifyRequest, scope: ApiKeyScope): Promise<AdminPrincipal> {
  const presented = presentedApiKey(request);
  if (presented === undefined) {
    const session = await consoleSessionPrincipal(core, request, scope);
    if (session !== null) return session;
    throw new DomainError('unauthorized', { detail: 'no api key presented' });
  }
  const { tenant, apiKey } = await authenticateApiKey(core, presented, { scope });
  return { tenant, actor: `api-key:${apiKey.id}`, scopes: apiKey.scopes, apiKey };
}

const principals = new WeakMap<FastifyRequest, AdminPrincipal>();

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
export function principalOf(request: FastifyRequest): AdminPrincipal {
  const principal = principals.get(request);
  if (!principal) throw new Error('route without an api-key guard');
  return principal;
}
