import type { FastifyRequest } from 'fastify';
import type { ApiKey, ApiKeyScope } from '../core/api-key.ts';
import { authenticateApiKey } from '../core/api-keys/authenticate-api-key.ts';
import type { CoreDeps } from '../core/deps.ts';
import { DomainError } from '../core/errors.ts';
import type { Tenant } from '../core/tenant.ts';
import { consoleSessionPrincipal } from './console/console-session-auth.ts';

/** Who calls the management API: an API key, or an operator's (or a key's) console session. */
export interface AdminPrincipal {
  readonly tenant: Tenant;
  /** For audit: `api-key:<id>` or `user:<id>` (an operator signed in to the console). */
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

/** An API key when one is presented; otherwise the console session (with its CSRF check). */
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
