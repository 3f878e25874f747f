import type { Tenant } from '../core/tenant.ts';
import type { User } from '../core/user.ts';

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

export function userView(user: User): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    emailVerified: user.emailVerified,
    phone: user.phone,
    phoneVerified: user.phoneVerified,
    status: user.status,
    createdAt: new Date(user.createdAt).toISOString(),
    updatedAt: new Date(user.updatedAt).toISOString(),
  };
}
