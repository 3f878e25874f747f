import { createApiKey } from '../api-keys/create-api-key.ts';
import { recordAudit } from '../audit.ts';
import { BOOTSTRAP_ADMIN_KEY_NAME } from '../bootstrap/ensure-admin-key.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DEFAULT_DIALECTS, DEFAULT_INTEGRATIONS, DEFAULT_POLICIES, validateTenantShape, type Tenant, type TenantPolicies } from '../tenant.ts';
import type { TenantDialects } from '../tenant-dialects.ts';

export interface NewTenant {
  readonly slug: string;
  readonly rpId: string;
  readonly rpName: string;
  readonly origins: readonly string[];
  readonly policies?: Partial<TenantPolicies>;
  /** Already validated by each dialect; unset, the tenant serves the native API only. */
  readonly dialects?: TenantDialects;
}

/**
 * Creates a tenant beside the default one, with default policies unless given, and a management
 * key with every scope for it (shown once to whoever created the tenant).
 */
export async function createTenant(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  input: NewTenant,
  /** The tenant whose operator creates this one: the creation is recorded in its log too. */
  actorTenantId?: string,
): Promise<{ tenant: Tenant; adminKey: string }> {
  const now = deps.clock.now();
  const tenant: Tenant = {
    id: deps.random.uuid(),
    slug: input.slug,
    rpId: input.rpId,
    rpName: input.rpName,
    origins: [...input.origins],
    policies: { ...DEFAULT_POLICIES, ...input.policies },
    integrations: DEFAULT_INTEGRATIONS,
    dialects: input.dialects ?? DEFAULT_DIALECTS,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  validateTenantShape(tenant);
  // The tenant and its first key commit together: a tenant nobody can manage is never left behind.
  return deps.storage.transaction(async (storage) => {
    const unit = { ...deps, storage };
    await storage.tenants.create(tenant);
    for (const tenantId of new Set([tenant.id, actorTenantId ?? tenant.id])) {
      await recordAudit(unit, ctx, { tenantId, action: 'tenant.created', subject: `tenant:${tenant.id}`, detail: { slug: tenant.slug, dialects: Object.keys(tenant.dialects) } });
    }
    const { secret } = await createApiKey(unit, ctx, tenant, { name: BOOTSTRAP_ADMIN_KEY_NAME, scopes: ['*'] });
    return { tenant, adminKey: secret };
  });
}
