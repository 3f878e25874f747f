import type { FastifyRequest } from 'fastify';
import { DomainError } from '../core/errors.ts';
import type { TenantDirectory } from '../core/tenant-directory.ts';
import { isTenantActive, type Tenant } from '../core/tenant.ts';

export const TENANT_HEADER = 'x-sigil-tenant';
export const TENANT_PREFIX = '/t/:tenant';

/**
 * A request is for the tenant named in its path (`/t/<slug>/…`), else in the `X-Sigil-Tenant`
 * header, else for the default tenant. An unknown name is `tenant_not_found`, never a fallback.
 */
export function resolveTenant(directory: TenantDirectory, request: FastifyRequest): Tenant {
  const fromPath = (request.params as { tenant?: unknown } | undefined)?.tenant;
  const header = request.headers[TENANT_HEADER];
  const slug = typeof fromPath === 'string' ? fromPath : typeof header === 'string' ? header : undefined;
  if (slug === undefined) return directory.defaultTenant();
  const tenant = directory.bySlug(slug);
  // A disabled tenant is indistinguishable from an unknown one to its public clients.
  if (!tenant || !isTenantActive(tenant)) throw new DomainError('tenant_not_found', { detail: `no tenant ${JSON.stringify(slug.slice(0, 64))}` });
  return tenant;
}

/** For CORS, which runs before routing: the tenant a raw URL and headers point at, if any. */
export function tenantForCors(directory: TenantDirectory, url: string, header: string | undefined): Tenant | undefined {
  const match = /^\/t\/([^/?#]+)(?:[/?#]|$)/.exec(url);
  if (match?.[1]) return directory.bySlug(decodeURIComponent(match[1]));
  if (header !== undefined) return directory.bySlug(header);
  return directory.defaultTenant();
}
