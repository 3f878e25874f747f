import { recordAudit } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import type { TenantDialects } from '../tenant-dialects.ts';
import {
  DEFAULT_INTEGRATIONS,
  DEFAULT_POLICIES,
  DEFAULT_TENANT_SLUG,
  validateTenantShape,
  type Tenant,
  type TenantIntegrations,
  type TenantPolicies,
} from '../tenant.ts';

/** What configuration says about the default tenant; policy fields only when explicitly set. */
export interface DefaultTenantSpec {
  readonly rpId: string;
  readonly rpName: string;
  readonly origins: readonly string[];
  readonly policies: Partial<TenantPolicies>;
  readonly integrations: Partial<TenantIntegrations>;
  /** The dialects the default tenant serves from now on, given those it has (null when new). */
  readonly dialects: (current: TenantDialects | null) => TenantDialects;
}

/**
 * Creates the default tenant on first start, and on later starts applies whatever the
 * configuration now says (RP ID, name, origins, explicitly configured policies, the dialects
 * it serves and their settings), auditing the names of the fields that changed.
 */
export async function ensureDefaultTenant(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random'>,
  ctx: RequestContext,
  spec: DefaultTenantSpec,
): Promise<Tenant> {
  const now = deps.clock.now();
  const existing = await deps.storage.tenants.getBySlug(DEFAULT_TENANT_SLUG);
  const base = existing ?? {
    id: deps.random.uuid(),
    slug: DEFAULT_TENANT_SLUG,
    policies: DEFAULT_POLICIES,
    integrations: DEFAULT_INTEGRATIONS,
    createdAt: now,
  };
  const desired: Tenant = {
    ...base,
    rpId: spec.rpId,
    rpName: spec.rpName,
    origins: [...spec.origins],
    policies: { ...base.policies, ...spec.policies },
    integrations: { ...base.integrations, ...spec.integrations },
    dialects: spec.dialects(existing?.dialects ?? null),
    // The default tenant serves the platform's management API: it is never disabled.
    status: 'active',
    updatedAt: now,
  };
  validateTenantShape(desired);
  if (!existing) {
    await deps.storage.tenants.create(desired);
    await recordAudit(deps, ctx, { tenantId: desired.id, action: 'tenant.created', subject: `tenant:${desired.id}`, detail: { slug: desired.slug } });
    return desired;
  }
  const changed = changedFields(existing, desired);
  if (changed.length === 0) return existing;
  await deps.storage.tenants.update(desired);
  await recordAudit(deps, ctx, { tenantId: desired.id, action: 'tenant.updated', subject: `tenant:${desired.id}`, detail: { fields: changed } });
  return desired;
}

function changedFields(a: Tenant, b: Tenant): string[] {
  const fields: string[] = [];
  if (a.rpId !== b.rpId) fields.push('rpId');
  if (a.rpName !== b.rpName) fields.push('rpName');
  if (JSON.stringify(a.origins) !== JSON.stringify(b.origins)) fields.push('origins');
  for (const k of Object.keys(b.policies) as (keyof TenantPolicies)[]) {
    if (JSON.stringify(a.policies[k]) !== JSON.stringify(b.policies[k])) fields.push(`policies.${k}`);
  }
  for (const k of Object.keys(b.integrations) as (keyof TenantIntegrations)[]) {
    if (JSON.stringify(a.integrations[k]) !== JSON.stringify(b.integrations[k])) fields.push(`integrations.${k}`);
  }
  for (const k of new Set([...Object.keys(a.dialects), ...Object.keys(b.dialects)]) as Set<keyof TenantDialects>) {
    if (JSON.stringify(a.dialects[k]) !== JSON.stringify(b.dialects[k])) fields.push(`dialects.${k}`);
  }
  return fields;
}
