import type { Config } from '../config/schema.ts';
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

/**
 * Dialect settings given in the environment for a dialect the default tenant does not serve
 * (BIOKEY_INSECURE_LEGACY_MODE without `biokey` in DIALECTS): they do nothing, which an operator
 * should hear rather than discover.
 */
export function unusedDialectConfig(registry: DialectRegistry, config: Config, defaultTenant: Tenant): string[] {
  const unused: string[] = [];
  for (const dialect of registry.values()) {
    if (defaultTenant.dialects[dialect.name] !== undefined) continue;
    // A dialect with a required setting (LoginID's app id) has no defaults, and without that
    // setting in the environment nothing is configured for it.
    const configured = settingsOrNull(() => dialect.settings.fromConfig(config));
    if (configured !== null && configured !== settingsOrNull(() => dialect.settings.read({}))) {
      unused.push(`the default tenant does not serve the ${dialect.name} dialect (DIALECTS), so its settings in the environment have no effect`);
    }
  }
  return unused;
}

/** The settings as JSON, or null when the codec refuses to build them (a required setting is missing). */
function settingsOrNull(build: () => unknown): string | null {
  try {
    return JSON.stringify(build());
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}
