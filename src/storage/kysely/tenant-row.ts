import { DEFAULT_INTEGRATIONS, DEFAULT_POLICIES } from '../../core/tenant.ts';
import type { Tenant, TenantIntegrations, TenantPolicies, TenantStatus } from '../../core/tenant.ts';
import type { TenantDialects } from '../../core/tenant-dialects.ts';
import { decodeJson, encodeJson } from './column-codecs.ts';

export interface TenantTable {
  id: string;
  slug: string;
  rp_id: string;
  rp_name: string;
  /** JSON array of origins. */
  origins: string;
  /** JSON object ({@link TenantPolicies}). */
  policies: string;
  /** JSON object ({@link TenantIntegrations}). */
  integrations: string;
  /** JSON object ({@link TenantDialects}): enabled dialect name → its settings. */
  dialects: string;
  /** `active` or `disabled` (migration 0012). */
  status: TenantStatus;
  created_at: number;
  updated_at: number;
}

export function tenantToRow(tenant: Tenant): TenantTable {
  return {
    id: tenant.id,
    slug: tenant.slug,
    rp_id: tenant.rpId,
    rp_name: tenant.rpName,
    origins: encodeJson(tenant.origins),
    policies: encodeJson(tenant.policies),
    integrations: encodeJson(tenant.integrations),
    dialects: encodeJson(tenant.dialects),
    status: tenant.status ?? 'active',
    created_at: tenant.createdAt,
    updated_at: tenant.updatedAt,
  };
}

/**
 * Stored policies and integrations are laid over the defaults, so a setting added by a later
 * release reads as its default on rows written before it existed, without a data migration.
 */
export function tenantFromRow(row: TenantTable): Tenant {
  return {
    id: row.id,
    slug: row.slug,
    rpId: row.rp_id,
    rpName: row.rp_name,
    origins: decodeJson<string[]>(row.origins),
    policies: { ...DEFAULT_POLICIES, ...decodeJson<Partial<TenantPolicies>>(row.policies) },
    integrations: { ...DEFAULT_INTEGRATIONS, ...decodeJson<Partial<TenantIntegrations>>(row.integrations) },
    // Never laid over defaults: a dialect is served only where it was enabled (migration 0006
    // enabled every dialect on tenants that existed before the switch).
    dialects: decodeJson<TenantDialects>(row.dialects),
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
