import type { DialectRegistry } from '../dialects/registry.ts';
import { TENANT_PREFIX } from './resolve-tenant.ts';

const TENANT_PATH = new RegExp(`^${TENANT_PREFIX}(?=/|$)`);

/** A registered path without the `/t/:tenant` prefix (`/` when nothing is left). */
export function withoutTenantPrefix(path: string): string {
  return path.replace(TENANT_PATH, '') || '/';
}

export function isTenantPrefixed(path: string): boolean {
  return TENANT_PATH.test(path);
}

/**
 * `METHOD /path` → the dialect that declares it, from the registry: a dialect added there is
 * found here (metrics labels, OpenAPI documents) with no other edit.
 */
export function dialectOfRoute(dialects: DialectRegistry): ReadonlyMap<string, string> {
  const byRoute = new Map<string, string>();
  for (const dialect of dialects.values()) for (const route of dialect.routes) byRoute.set(route, dialect.name);
  return byRoute;
}
