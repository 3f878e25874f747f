import { DomainError } from '../core/errors.ts';
import type { Tenant } from '../core/tenant.ts';
import type { DialectRegistry } from './registry.ts';

/**
 * The insecure switches a tenant's dialects have on. Also the start-up check of stored settings:
 * a tenant naming a dialect this build lacks, or settings its dialect refuses, stops the start
 * with the tenant's name instead of failing later, request by request.
 */
export function dialectWarnings(registry: DialectRegistry, tenant: Tenant): string[] {
  const warnings: string[] = [];
  for (const [name, stored] of Object.entries(tenant.dialects)) {
    const dialect = registry.get(name as keyof Tenant['dialects']);
    if (dialect === undefined) throw new Error(`tenant ${tenant.slug} serves dialect ${name}, which this version does not have (available: ${[...registry.keys()].join(', ')})`);
    let settings;
    try {
      settings = dialect.settings.read(stored);
    } catch (error) {
      throw new Error(`tenant ${tenant.slug}: ${error instanceof DomainError ? error.detail : String(error)}`, { cause: error });
    }
    warnings.push(...(dialect.settings.warnings?.(settings) ?? []));
  }
  return warnings;
}
