import type { TenantDialects } from '../../core/tenant-dialects.ts';
import { readTenantDialects } from '../../dialects/tenant-dialect-settings.ts';
import type { DialectRegistry } from '../../dialects/registry.ts';

/**
 * A tenant's dialects after a PATCH: each named dialect's settings are laid over its stored ones
 * (so settings the API never shows, such as secret hashes, survive a partial change) and checked
 * by that dialect's codec; `null` stops serving the dialect; unnamed dialects stay as they are.
 */
export function mergeDialectChanges(registry: DialectRegistry, stored: TenantDialects, changes: Readonly<Record<string, Readonly<Record<string, unknown>> | null>>): TenantDialects {
  const merged: Record<string, unknown> = { ...stored };
  for (const [name, settings] of Object.entries(changes)) {
    if (settings === null) delete merged[name];
    else merged[name] = { ...(merged[name] as Record<string, unknown> | undefined), ...settings };
  }
  return readTenantDialects(registry, merged);
}
