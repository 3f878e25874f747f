import { auditEventOf } from '../audit.ts';
import { hasScope, type ApiKey, type ApiKeyScope } from '../api-key.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { Tenant } from '../tenant.ts';
import { createApiKey, type CreatedApiKey } from './create-api-key.ts';

export interface ApiKeyRequest {
  readonly name: string;
  readonly scopes: readonly (ApiKeyScope | '*')[];
  readonly expiresAt?: number | null;
}

/**
 * A key issues a key for its own tenant, with no scope it does not hold itself (`*` only from a
 * key holding `*`), so a key can never raise its own privileges. The secret is returned once.
 */
export async function issueApiKey(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  /** Who asks: an API key or an operator's console session, with the scopes it holds. */
  issuer: { readonly tenant: Tenant; readonly scopes: readonly (ApiKeyScope | '*')[] },
  request: ApiKeyRequest,
): Promise<CreatedApiKey> {
  const name = request.name.normalize('NFC').trim();
  if (name === '' || name.length > 128) throw new DomainError('invalid_request', { detail: 'name must be 1-128 characters' });
  if (request.scopes.length === 0) throw new DomainError('invalid_request', { detail: 'scopes must name at least one scope' });
  const beyond = request.scopes.filter((s) => (s === '*' ? !issuer.scopes.includes('*') : !hasScope(issuer, s)));
  if (beyond.length > 0) throw new DomainError('forbidden', { detail: `the calling key does not hold ${beyond.join(', ')}` });
  const expiresAt = request.expiresAt ?? null;
  if (expiresAt !== null && expiresAt <= deps.clock.now()) throw new DomainError('invalid_request', { detail: 'expiresAt must be in the future' });
  return deps.storage.transaction((storage) => createApiKey({ ...deps, storage }, ctx, issuer.tenant, { name, scopes: [...new Set(request.scopes)], expiresAt }));
}

/** Revokes one of the tenant's keys; `not_found` for a key of another tenant or none. */
export async function revokeApiKey(deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>, ctx: RequestContext, tenant: Tenant, id: string): Promise<ApiKey> {
  return deps.storage.transaction(async (storage) => {
    const key = (await storage.apiKeys.listByTenant(tenant.id)).find((k) => k.id === id);
    if (!key) throw new DomainError('not_found', { detail: 'no such api key' });
    if (key.revokedAt !== null) return key;
    const now = deps.clock.now();
    await storage.apiKeys.revoke(tenant.id, id, now);
    await storage.audit.append(auditEventOf(deps, ctx, { tenantId: tenant.id, action: 'api-key.revoked', subject: `api-key:${id}` }));
    return { ...key, revokedAt: now };
  });
}
