import type { Tenant } from '../core/tenant.ts';
import type { DialectName, DialectSettings } from '../core/tenant-dialects.ts';
import type { DialectRegistry } from '../dialects/registry.ts';
import type { User } from '../core/user.ts';

/** A tenant as the management API shows it: secrets (hashes included) left out. */
export function tenantView(tenant: Tenant, registry: DialectRegistry): Record<string, unknown> {
  const { faceTec, ...integrations } = tenant.integrations;
  const dialects: Record<string, DialectSettings> = {};
  for (const [name, stored] of Object.entries(tenant.dialects)) {
    const codec = registry.get(name as DialectName)?.settings;
    if (codec === undefined || stored === undefined) continue;
    const settings = codec.read(stored);
    dialects[name] = codec.view?.(settings) ?? settings;
  }
  return {
    id: tenant.id,
    slug: tenant.slug,
    rpId: tenant.rpId,
    rpName: tenant.rpName,
    origins: tenant.origins,
    policies: tenant.policies,
    integrations: {
      ...integrations,
      faceTec: faceTec === null ? null : { url: faceTec.url, minMatchLevel: faceTec.minMatchLevel },
    },
    dialects,
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
