import { DomainError } from '../errors.ts';
import { hasScope, type ApiKey, type ApiKeyScope } from '../api-key.ts';
import type { CoreDeps } from '../deps.ts';
import { isTenantActive, type Tenant } from '../tenant.ts';
import { lookupIdOf, secretMatches } from './api-key-hash.ts';

export interface ApiKeyPrincipal {
  readonly tenant: Tenant;
  readonly apiKey: ApiKey;
}

/** Only write `lastUsedAt` this often, so an authenticated call costs one read, not a write. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Finds the key by its lookup digest and compares the full digest in constant time. Unknown,
 * revoked and foreign-tenant keys are all the same `unauthorized`; a missing scope is `forbidden`.
 */
export async function authenticateApiKey(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'tenants'>,
  presented: string,
  requirement: { tenantId?: string; scope?: ApiKeyScope },
): Promise<ApiKeyPrincipal> {
  if (presented.length < 16 || presented.length > 512) throw new DomainError('unauthorized', { detail: 'malformed api key' });
  const apiKey = await deps.storage.apiKeys.getByLookupId(lookupIdOf(presented));
  if (!apiKey || !secretMatches(presented, apiKey.secretHash)) throw new DomainError('unauthorized', { detail: 'unknown api key' });
  if (apiKey.revokedAt !== null) throw new DomainError('unauthorized', { detail: 'revoked api key' });
  const now = deps.clock.now();
  if (apiKey.expiresAt !== null && now >= apiKey.expiresAt) throw new DomainError('unauthorized', { detail: 'expired api key' });
  if (requirement.tenantId !== undefined && apiKey.tenantId !== requirement.tenantId) {
    throw new DomainError('unauthorized', { detail: 'api key of another tenant' });
  }
  const tenant = deps.tenants.byId(apiKey.tenantId);
  if (!tenant) throw new DomainError('unauthorized', { detail: 'api key of a deleted tenant' });
  if (!isTenantActive(tenant)) throw new DomainError('forbidden', { detail: 'the tenant is disabled' });
  if (requirement.scope !== undefined && !hasScope(apiKey, requirement.scope)) throw new DomainError('forbidden', { detail: `scope ${requirement.scope} missing` });
  if (apiKey.lastUsedAt === null || now - apiKey.lastUsedAt > TOUCH_INTERVAL_MS) {
    await deps.storage.apiKeys.touch(apiKey.tenantId, apiKey.id, now);
  }
  return { tenant, apiKey };
}
