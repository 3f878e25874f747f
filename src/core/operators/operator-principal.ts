import { hasScope, type ApiKey, type ApiKeyScope } from '../api-key.ts';
import type { CoreDeps } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { isTenantActive, type Tenant } from '../tenant.ts';
import type { User } from '../user.ts';
import type { OperatorSession } from './operator-sessions.ts';

/** Who a console session acts as, re-read on every call so a revocation takes effect at once. */
export interface OperatorPrincipal {
  readonly tenant: Tenant;
  /** For audit: `user:<id>` (an operator) or `api-key:<id>` (an API key's session). */
  readonly actor: string;
  readonly scopes: readonly (ApiKeyScope | '*')[];
  /** The operator (a passkey session), or null for an API key's session. */
  readonly user: User | null;
  /** The key (an API key's session), or null for an operator. */
  readonly apiKey: ApiKey | null;
}

/**
 * The principal of a live session: its tenant must exist, an operator must still hold the role
 * and be active, an API key must be neither revoked nor expired; otherwise `unauthorized`. A
 * disabled tenant is `forbidden`, as for its API keys.
 */
export async function principalOfSession(deps: Pick<CoreDeps, 'storage' | 'tenants' | 'clock'>, session: OperatorSession): Promise<OperatorPrincipal> {
  const now = deps.clock.now();
  const tenant = deps.tenants.byId(session.tenantId);
  if (!tenant) throw new DomainError('unauthorized', { detail: 'console session of a deleted tenant' });
  if (!isTenantActive(tenant)) throw new DomainError('forbidden', { detail: 'the tenant is disabled' });
  if (session.holder.kind === 'api-key') {
    const apiKey = await deps.storage.apiKeys.getByLookupId(session.holder.lookupId);
    if (!apiKey || apiKey.id !== session.holder.apiKeyId || apiKey.tenantId !== tenant.id || apiKey.revokedAt !== null) throw new DomainError('unauthorized', { detail: 'the api key of this console session was revoked' });
    if (apiKey.expiresAt !== null && now >= apiKey.expiresAt) throw new DomainError('unauthorized', { detail: 'the api key of this console session expired' });
    return { tenant, actor: `api-key:${apiKey.id}`, scopes: apiKey.scopes, user: null, apiKey };
  }
  const [operator, user] = await Promise.all([deps.storage.operators.get(tenant.id, session.holder.userId), deps.storage.users.getById(tenant.id, session.holder.userId)]);
  if (!operator || !user) throw new DomainError('unauthorized', { detail: 'no longer an operator' });
  if (user.status !== 'active') throw new DomainError('unauthorized', { detail: 'operator disabled' });
  return { tenant, actor: `user:${user.id}`, scopes: operator.scopes, user, apiKey: null };
}

/** A missing scope is `forbidden`, as for an API key. */
export function requireScope(principal: OperatorPrincipal, scope: ApiKeyScope): void {
  if (!hasScope(principal, scope)) throw new DomainError('forbidden', { detail: `scope ${scope} missing` });
}
