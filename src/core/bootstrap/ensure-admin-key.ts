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
 * ADMIN_API_KEY set: that exact key holds every scope for the default tenant, and a previously
 * configured, different value stops working. Unset: configured keys are revoked, and when the
 * tenant has no active admin key at all (first start), one is generated for the operator.
 */
export async function ensureAdminKey(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  tenant: Tenant,
  configured: string | null,
): Promise<AdminKeyOutcome> {
  const keys = (await deps.storage.apiKeys.listByTenant(tenant.id)).filter((k) => k.revokedAt === null);
  const wanted = configured === null ? null : lookupIdOf(configured);
  for (const key of keys) {
    if (key.name === ENV_ADMIN_KEY_NAME && key.lookupId !== wanted) {
      await deps.storage.apiKeys.revoke(tenant.id, key.id, deps.clock.now());
      await recordAudit(deps, ctx, { tenantId: tenant.id, action: 'api-key.revoked', subject: `api-key:${key.id}`, detail: { reason: 'ADMIN_API_KEY changed' } });
    }
  }
  if (configured !== null) {
    if (!keys.some((k) => k.lookupId === wanted)) {
      await createApiKey(deps, ctx, tenant, { name: ENV_ADMIN_KEY_NAME, scopes: ['*'], presented: configured });
    }
    return { generatedSecret: null };
  }
  if (keys.some((k) => k.name === BOOTSTRAP_ADMIN_KEY_NAME)) return { generatedSecret: null };
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
