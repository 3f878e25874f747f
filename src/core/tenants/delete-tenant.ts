import { auditEventOf } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import { DEFAULT_TENANT_SLUG, type Tenant } from '../tenant.ts';

/**
 * Deletes a tenant with everything it owns, in one unit of work; its audit log stays
 * (append-only), and the deletion is recorded there and in the platform tenant's log. The default
 * tenant, which holds the platform's own keys, cannot be deleted.
 */
export async function deleteTenant(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random' | 'tenants'>,
  ctx: RequestContext,
  actorTenantId: string,
  tenant: Tenant,
): Promise<void> {
  if (tenant.slug === DEFAULT_TENANT_SLUG) throw new DomainError('forbidden', { detail: 'the default tenant cannot be deleted' });
  await deps.storage.transaction(async (storage) => {
    if (!(await storage.tenants.delete(tenant.id))) throw new DomainError('tenant_not_found');
    for (const tenantId of new Set([tenant.id, actorTenantId])) {
      await storage.audit.append(auditEventOf(deps, ctx, { tenantId, action: 'tenant.deleted', subject: `tenant:${tenant.id}`, detail: { slug: tenant.slug } }));
    }
  });
  await deps.tenants.reload();
}
