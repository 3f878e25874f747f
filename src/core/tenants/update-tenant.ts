import { auditEventOf } from '../audit.ts';
import type { CoreDeps, RequestContext } from '../deps.ts';
import { DomainError } from '../errors.ts';
import type { TenantDialects } from '../tenant-dialects.ts';
import {
  DEFAULT_TENANT_SLUG,
  validateTenantShape,
  type FaceTecSettings,
  type IdentityProviderSettings,
  type Tenant,
  type TenantPolicies,
  type TenantStatus,
} from '../tenant.ts';

/** What a platform operator may change about a tenant; each field absent stays as it is. */
export interface TenantChanges {
  readonly rpId?: string;
  readonly rpName?: string;
  readonly origins?: readonly string[];
  /** Laid over the current policies. */
  readonly policies?: Partial<TenantPolicies>;
  /** `null` removes the integration. */
  readonly identityProvider?: IdentityProviderSettings | null;
  readonly faceTec?: FaceTecSettings | null;
  /** The whole set of served dialects, each already validated by its own settings codec. */
  readonly dialects?: TenantDialects;
  readonly status?: TenantStatus;
}

/** Fields of the default tenant that its configuration (RP_ID, RP_NAME, ORIGINS) sets at every start. */
const CONFIGURED_FIELDS = ['rpId', 'rpName', 'origins', 'status'] as const;

/**
 * Applies an operator's changes to a tenant, validated as a whole, with its audit event in one
 * unit of work, then publishes the new tenant to this process's directory (other nodes pick it
 * up on their next directory reload).
 */
export async function updateTenant(
  deps: Pick<CoreDeps, 'storage' | 'clock' | 'random' | 'tenants'>,
  ctx: RequestContext,
  actorTenantId: string,
  tenant: Tenant,
  changes: TenantChanges,
): Promise<Tenant> {
  if (tenant.slug === DEFAULT_TENANT_SLUG) {
    const configured = CONFIGURED_FIELDS.filter((f) => changes[f] !== undefined);
    if (configured.length > 0) throw new DomainError('invalid_request', { detail: `the default tenant's ${configured.join(', ')} come from configuration (RP_ID, RP_NAME, ORIGINS) and cannot be changed here` });
  }
  const { identityProvider, faceTec, policies, ...plain } = changes;
  const updated: Tenant = {
    ...tenant,
    ...plain,
    origins: [...(changes.origins ?? tenant.origins)],
    policies: { ...tenant.policies, ...policies },
    integrations: {
      ...tenant.integrations,
      ...(identityProvider === undefined ? {} : { identityProvider }),
      ...(faceTec === undefined ? {} : { faceTec }),
    },
    updatedAt: deps.clock.now(),
  };
  validateTenantShape(updated);
  const fields = Object.keys(changes).filter((k) => changes[k as keyof TenantChanges] !== undefined);
  const action = changes.status !== undefined && changes.status !== (tenant.status ?? 'active') ? (changes.status === 'disabled' ? 'tenant.disabled' : 'tenant.enabled') : 'tenant.updated';
  await deps.storage.transaction(async (storage) => {
    await storage.tenants.update(updated);
    // Recorded in the tenant's own log and in the platform tenant's, where its operators look.
    for (const tenantId of new Set([tenant.id, actorTenantId])) {
      await storage.audit.append(auditEventOf(deps, ctx, { tenantId, action, subject: `tenant:${tenant.id}`, detail: { slug: tenant.slug, fields } }));
    }
  });
  deps.tenants.put(updated);
  return updated;
}
