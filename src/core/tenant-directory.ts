import { DEFAULT_TENANT_SLUG, type Tenant } from './tenant.ts';
import { DomainError } from './errors.ts';
import type { TenantRepository } from './ports.ts';

/**
 * Tenants held in memory so a request never reloads its tenant from the database. Changes made
 * through this process are applied with `put`; `reload` picks up changes made elsewhere.
 */
export interface TenantDirectory {
  byId(id: string): Tenant | undefined;
  bySlug(slug: string): Tenant | undefined;
  /** The tenant configured by RP_ID / RP_NAME / ORIGINS. */
  defaultTenant(): Tenant;
  all(): readonly Tenant[];
  put(tenant: Tenant): void;
  reload(): Promise<void>;
}

export async function loadTenantDirectory(repo: TenantRepository): Promise<TenantDirectory> {
  let byId = new Map<string, Tenant>();
  let bySlug = new Map<string, Tenant>();

  const index = (tenants: readonly Tenant[]): void => {
    byId = new Map(tenants.map((t) => [t.id, t]));
    bySlug = new Map(tenants.map((t) => [t.slug, t]));
  };
  index(await repo.list());

  return {
    byId: (id) => byId.get(id),
    bySlug: (slug) => bySlug.get(slug),
    defaultTenant() {
      const t = bySlug.get(DEFAULT_TENANT_SLUG);
      if (!t) throw new DomainError('tenant_not_found', { detail: 'the default tenant has not been created' });
      return t;
    },
    all: () => [...byId.values()],
    put(tenant) {
      const previous = byId.get(tenant.id);
      if (previous && previous.slug !== tenant.slug) bySlug.delete(previous.slug);
      byId.set(tenant.id, tenant);
      bySlug.set(tenant.slug, tenant);
    },
    async reload() {
      index(await repo.list());
    },
  };
}
