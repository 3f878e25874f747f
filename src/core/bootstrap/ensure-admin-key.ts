import { createApiKey } from '../api-keys/create-api-key.ts';
import { lookupIdOf } from '../api-keys/api-key-hash.ts';
import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { Tenant } from '../tenant.ts';

export const ENV_ADMIN_KEY_NAME = 'ADMIN_API_KEY';
export const BOOTSTRAP_ADMIN_KEY_NAME = 'bootstrap-admin';

export interface AdminKeyOutcome {
  /** A freshly generated key to show once to the operator, or null. */
  readonly generatedSecret: string | null;
}

/**
 * ADMIN_API_KEY set: that exact key holds every scope for the default tenant, and every other
 * admin key of the tenant — a previously configured value, the one generated on the first start —
 * stops working. Unset: configured keys are revoked, and when the tenant has no generated admin key
 * (first start), one is generated for the operator. A configured value that was revoked before is
 * refused: revocation is final, so the operator must choose a new key.
 */
export async function ensureAdminKey(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  configured: string | null,
): Promise<AdminKeyOutcome> {
  const wanted = configured === null ? null : lookupIdOf(configured);
  if (wanted !== null) {
    const earlier = await deps.storage.apiKeys.getByLookupId(wanted);
    if (earlier && (earlier.revokedAt !== null || earlier.tenantId !== tenant.id)) {
      throw new Error('ADMIN_API_KEY holds a key that was revoked earlier (or belongs elsewhere); configure a new key');
    }
  }
  const active = (await deps.storage.apiKeys.listByTenant(tenant.id)).filter((k) => k.revokedAt === null);
  const superseded = active.filter((k) => k.lookupId !== wanted && (k.name === ENV_ADMIN_KEY_NAME || (wanted !== null && k.name === BOOTSTRAP_ADMIN_KEY_NAME)));
  for (const key of superseded) {
    await deps.storage.apiKeys.revoke(tenant.id, key.id, deps.clock.now());
    const reason = configured === null ? 'ADMIN_API_KEY unset' : 'ADMIN_API_KEY set';
    await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'api-key.revoked', subject: `api-key:${key.id}`, detail: { reason } });
  }
  if (configured !== null) {
    if (!active.some((k) => k.lookupId === wanted)) {
      await createApiKey(deps, ctx, tenant, { name: ENV_ADMIN_KEY_NAME, scopes: ['*'], presented: configured });
    }
    return { generatedSecret: null };
  }
  if (active.some((k) => k.name === BOOTSTRAP_ADMIN_KEY_NAME)) return { generatedSecret: null };
  const created = await createApiKey(deps, ctx, tenant, { name: BOOTSTRAP_ADMIN_KEY_NAME, scopes: ['*'] });
  return { generatedSecret: created.secret };
}

/** Replaces the generated admin key: the old one stops working, the new one is shown once. */
export async function rotateBootstrapAdminKey(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
): Promise<string> {
  const keys = await deps.storage.apiKeys.listByTenant(tenant.id);
  for (const key of keys) {
    if (key.name === BOOTSTRAP_ADMIN_KEY_NAME && key.revokedAt === null) {
      await deps.storage.apiKeys.revoke(tenant.id, key.id, deps.clock.now());
      await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'api-key.revoked', subject: `api-key:${key.id}`, detail: { reason: 'rotated' } });
    }
  }
  const created = await createApiKey(deps, ctx, tenant, { name: BOOTSTRAP_ADMIN_KEY_NAME, scopes: ['*'] });
  return created.secret;
}
