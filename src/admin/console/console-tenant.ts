import { DomainError } from '../../core/errors.ts';
import type { Tenant } from '../../core/tenant.ts';
import type { TenantDirectory } from '../../core/tenant-directory.ts';

/** The tenant a sign-in or enrollment names by slug; the default tenant when none is named. */
export function consoleTenant(tenants: TenantDirectory, slug: string | undefined): Tenant {
  if (slug === undefined || slug === '') return tenants.defaultTenant();
  const tenant = tenants.bySlug(slug);
  if (!tenant) throw new DomainError('tenant_not_found');
  return tenant;
}

export const TENANT_SLUG_SCHEMA = { type: 'string', maxLength: 64 } as const;

/** A WebAuthn response as the browser's toJSON() gives it; the core reads and checks it. */
export const CREDENTIAL_JSON_SCHEMA = { type: 'object', maxProperties: 16 } as const;
