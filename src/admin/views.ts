import type { Tenant } from '../core/tenant.ts';

/** A tenant as the management API shows it: secrets (hashes included) left out. */
export function tenantView(tenant: Tenant): Record<string, unknown> {
  const { duoHookSecretHash, faceTec, ...integrations } = tenant.integrations;
  return {
    id: tenant.id,
    slug: tenant.slug,
    rpId: tenant.rpId,
    rpName: tenant.rpName,
    origins: tenant.origins,
    policies: tenant.policies,
    integrations: {
      ...integrations,
      duoHookSecretConfigured: duoHookSecretHash !== null,
      faceTec: faceTec === null ? null : { url: faceTec.url, minMatchLevel: faceTec.minMatchLevel },
    },
    createdAt: new Date(tenant.createdAt).toISOString(),
    updatedAt: new Date(tenant.updatedAt).toISOString(),
  };
}
